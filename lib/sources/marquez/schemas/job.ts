import 'server-only';
import { z } from 'zod';
import { datasetIdSchema, facetsSchema, instantSchema } from './common';
import { runSchema } from './run';

export const jobIdSchema = z.looseObject({ namespace: z.string(), name: z.string() });

export const jobSchema = z.looseObject({
  id: jobIdSchema.nullish(),
  /** Marquez's processing type (BATCH, STREAM, SERVICE), not the `jobType` facet. */
  type: z.string().nullish(),
  name: z.string(),
  simpleName: z.string().nullish(),
  parentJobName: z.string().nullish(),
  parentJobUuid: z.string().nullish(),
  /** Absent in some Marquez versions' payloads: `id.namespace` is then the namespace. */
  namespace: z.string().nullish(),
  createdAt: instantSchema.nullish(),
  updatedAt: instantSchema.nullish(),
  inputs: z.array(datasetIdSchema).nullish(),
  outputs: z.array(datasetIdSchema).nullish(),
  location: z.string().nullish(),
  context: z.record(z.string(), z.unknown()).nullish(),
  description: z.string().nullish(),
  latestRun: runSchema.nullish(),
  latestRuns: z.array(runSchema).nullish(),
  facets: facetsSchema.nullish(),
  currentVersion: z.string().nullish(),
  tags: z.array(z.unknown()).nullish(),
});
export type WireJob = z.infer<typeof jobSchema>;

export const jobListSchema = z.looseObject({
  jobs: z.array(jobSchema),
  totalCount: z.number().nullish(),
});
export type WireJobList = z.infer<typeof jobListSchema>;
