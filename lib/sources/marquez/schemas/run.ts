import 'server-only';
import { z } from 'zod';
import { facetsSchema, instantSchema } from './common';

/** A dataset version as Marquez names it: `version` is Marquez's own UUID, not the producer's version. */
export const datasetVersionIdSchema = z.looseObject({
  namespace: z.string(),
  name: z.string(),
  version: z.string().nullish(),
});
export type WireDatasetVersionId = z.infer<typeof datasetVersionIdSchema>;

/** `inputDatasetVersions` / `outputDatasetVersions` entries: the version and its run-context facets. */
export const runDatasetVersionSchema = z.looseObject({
  datasetVersionId: datasetVersionIdSchema,
  facets: facetsSchema.nullish(),
});
export type WireRunDatasetVersion = z.infer<typeof runDatasetVersionSchema>;

export const jobVersionIdSchema = z.looseObject({
  namespace: z.string(),
  name: z.string(),
  version: z.string().nullish(),
});
export type WireJobVersionId = z.infer<typeof jobVersionIdSchema>;

export const runSchema = z.looseObject({
  id: z.string(),
  createdAt: instantSchema.nullish(),
  updatedAt: instantSchema.nullish(),
  nominalStartTime: instantSchema.nullish(),
  nominalEndTime: instantSchema.nullish(),
  /** NEW, RUNNING, COMPLETED, FAILED, ABORTED; kept a string so a new state does not cost the run. */
  state: z.string().nullish(),
  startedAt: instantSchema.nullish(),
  endedAt: instantSchema.nullish(),
  durationMs: z.number().nullish(),
  args: z.record(z.string(), z.unknown()).nullish(),
  /** Null when Marquez does not know the job version (then the run does not name its job). */
  jobVersion: jobVersionIdSchema.nullish(),
  inputDatasetVersions: z.array(runDatasetVersionSchema).nullish(),
  outputDatasetVersions: z.array(runDatasetVersionSchema).nullish(),
  // Marquez before 0.30 listed bare version ids instead.
  inputVersions: z.array(datasetVersionIdSchema).nullish(),
  outputVersions: z.array(datasetVersionIdSchema).nullish(),
  context: z.record(z.string(), z.unknown()).nullish(),
  facets: facetsSchema.nullish(),
});
export type WireRun = z.infer<typeof runSchema>;

export const runListSchema = z.looseObject({
  runs: z.array(runSchema),
  totalCount: z.number().nullish(),
});
export type WireRunList = z.infer<typeof runListSchema>;

/** `/jobs/runs/{id}/facets?type=run|job`. */
export const facetsResultSchema = z.looseObject({
  runId: z.string().nullish(),
  facets: facetsSchema.nullish(),
});
export type WireFacetsResult = z.infer<typeof facetsResultSchema>;
