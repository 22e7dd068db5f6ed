import 'server-only';
import { z } from 'zod';
import { instantSchema } from './common';

/** One input of an upstream run: `version` is Marquez's version UUID, `producedByRunId` its writer. */
export const upstreamInputSchema = z.looseObject({
  namespace: z.string(),
  name: z.string(),
  version: z.string().nullish(),
  producedByRunId: z.string().nullish(),
});
export type WireUpstreamInput = z.infer<typeof upstreamInputSchema>;

export const upstreamRunSchema = z.looseObject({
  job: z.looseObject({ namespace: z.string(), name: z.string(), version: z.string().nullish() }),
  run: z.looseObject({ id: z.string(), start: instantSchema.nullish(), end: instantSchema.nullish(), status: z.string().nullish() }),
  inputs: z.array(upstreamInputSchema).nullish(),
});
export type WireUpstreamRun = z.infer<typeof upstreamRunSchema>;

/** `/runlineage/upstream`: the run asked about and the runs upstream, in Marquez's order. */
export const upstreamLineageSchema = z.looseObject({ runs: z.array(upstreamRunSchema) });
export type WireUpstreamLineage = z.infer<typeof upstreamLineageSchema>;
