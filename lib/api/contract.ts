import { z } from 'zod';

/** The public JSON API (README "JSON API"): notification bots and audit scripts depend on these shapes. */

export const apiMetricValueSchema = z.union([z.number(), z.enum(['NaN', 'Infinity', '-Infinity'])]);
export type ApiMetricValue = z.infer<typeof apiMetricValueSchema>;

export const apiDatasetVersionSchema = z.object({
  namespace: z.string(),
  name: z.string(),
  /** The producer's version (OpenLineage `version` facet), or null. */
  version: z.string().nullable(),
});

export const apiLineageSchema = z.object({
  source: z.string(),
  runId: z.string(),
  job: z.object({ namespace: z.string(), name: z.string() }),
  state: z.enum(['NEW', 'RUNNING', 'COMPLETED', 'FAILED', 'ABORTED']),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  parentRunId: z.string().nullable(),
  inputs: z.array(apiDatasetVersionSchema),
  outputs: z.array(apiDatasetVersionSchema),
  facets: z.record(z.string(), z.unknown()).optional(),
});

export const apiExperimentSchema = z.object({
  source: z.string(),
  runId: z.string(),
  experimentId: z.string(),
  experimentName: z.string().nullable(),
  status: z.enum(['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED']),
  /** ISO 8601 (MLflow stores epoch milliseconds). */
  startTime: z.string().nullable(),
  endTime: z.string().nullable(),
  params: z.record(z.string(), z.string()),
  metrics: z.record(z.string(), apiMetricValueSchema),
  tags: z.record(z.string(), z.string()),
  /** namespace is null when the MLflow dataset has no source URI; digest is null when no version was recorded. */
  datasets: z.array(z.object({
    namespace: z.string().nullable(),
    name: z.string(),
    digest: z.string().nullable(),
    context: z.string().nullable(),
    recordedWith: z.enum(['log_input', 'data.* tags', 'wandb artifact']),
  })),
});

export const apiLinkSchema = z.object({
  rule: z.string(),
  rules: z.array(z.string()),
  detail: z.string(),
  conflicts: z.array(z.string()),
});

export const apiRunSchema = z.object({
  /** Canonical id of the unified run: the OpenLineage runId when there is one, else the MLflow run_id. */
  id: z.string(),
  parentId: z.string().nullable(),
  childIds: z.array(z.string()),
  lineage: apiLineageSchema.nullable(),
  experiment: apiExperimentSchema.nullable(),
  link: apiLinkSchema.nullable(),
  notes: z.array(z.string()),
});
export type ApiRun = z.infer<typeof apiRunSchema>;

export const apiRunListSchema = z.object({
  runs: z.array(apiRunSchema),
  nextCursor: z.string().nullable(),
  /** Sources that failed while answering: the list may be incomplete. */
  unavailableSources: z.array(z.object({ source: z.string(), error: z.string() })),
});
export type ApiRunList = z.infer<typeof apiRunListSchema>;

export const apiErrorSchema = z.object({ error: z.string() });
