import 'server-only';
import { z } from 'zod';
import { instantSchema } from './common';

export const searchResultSchema = z.looseObject({
  /** DATASET or JOB. */
  type: z.string(),
  name: z.string(),
  namespace: z.string(),
  nodeId: z.string().nullish(),
  updatedAt: instantSchema.nullish(),
});
export type WireSearchResult = z.infer<typeof searchResultSchema>;

export const searchResultListSchema = z.looseObject({
  totalCount: z.number().nullish(),
  results: z.array(searchResultSchema),
});
export type WireSearchResultList = z.infer<typeof searchResultListSchema>;
