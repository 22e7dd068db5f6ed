import 'server-only';
import { z } from 'zod';

/**
 * `/events/lineage`: the OpenLineage events as received. Each event is checked later by the
 * OpenLineage parser, so one odd event is skipped rather than failing the page.
 */
export const lineageEventListSchema = z.looseObject({
  events: z.array(z.unknown()),
  totalCount: z.number().nullish(),
});
export type WireLineageEventList = z.infer<typeof lineageEventListSchema>;
