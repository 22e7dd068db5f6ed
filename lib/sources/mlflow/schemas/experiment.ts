import 'server-only';
import { z } from 'zod';
import { int64Schema, keyValuesSchema } from './common';

export const experimentSchema = z.looseObject({
  experiment_id: z.string().nullish(),
  name: z.string().nullish(),
  artifact_location: z.string().nullish(),
  /** "active" or "deleted". */
  lifecycle_stage: z.string().nullish(),
  last_update_time: int64Schema.nullish(),
  creation_time: int64Schema.nullish(),
  tags: keyValuesSchema,
});
export type WireExperiment = z.infer<typeof experimentSchema>;

/** POST /experiments/search. */
export const searchExperimentsResponseSchema = z.looseObject({
  experiments: z.array(experimentSchema).nullish(),
  next_page_token: z.string().nullish(),
});
export type WireSearchExperimentsResponse = z.infer<typeof searchExperimentsResponseSchema>;

/** GET /experiments/get and /experiments/get-by-name. */
export const getExperimentResponseSchema = z.looseObject({ experiment: experimentSchema.nullish() });
export type WireGetExperimentResponse = z.infer<typeof getExperimentResponseSchema>;
