import 'server-only';
import { z } from 'zod';
import { doubleSchema, enumSchema, int64Schema, keyValuesSchema } from './common';

/** A metric point; get-history-bulk-interval adds run_id, 3.x adds model_id and the dataset fields. */
export const metricSchema = z.looseObject({
  key: z.string().nullish(),
  value: doubleSchema.nullish(),
  timestamp: int64Schema.nullish(),
  step: int64Schema.nullish(),
  run_id: z.string().nullish(),
  model_id: z.string().nullish(),
  dataset_name: z.string().nullish(),
  dataset_digest: z.string().nullish(),
});
export type WireMetric = z.infer<typeof metricSchema>;

/** `source`, `schema` and `profile` are JSON documents sent as strings. */
export const datasetSchema = z.looseObject({
  name: z.string().nullish(),
  digest: z.string().nullish(),
  source_type: z.string().nullish(),
  source: z.string().nullish(),
  schema: z.string().nullish(),
  profile: z.string().nullish(),
});
export type WireDataset = z.infer<typeof datasetSchema>;

/** One logged input; the tag `mlflow.data.context` says input, output, training, … */
export const datasetInputSchema = z.looseObject({ tags: keyValuesSchema, dataset: datasetSchema.nullish() });
export type WireDatasetInput = z.infer<typeof datasetInputSchema>;

export const runInfoSchema = z.looseObject({
  run_id: z.string().nullish(),
  /** Deprecated twin of run_id, still sent by 2.x and 3.x. */
  run_uuid: z.string().nullish(),
  run_name: z.string().nullish(),
  experiment_id: z.string().nullish(),
  user_id: z.string().nullish(),
  status: enumSchema.nullish(),
  start_time: int64Schema.nullish(),
  end_time: int64Schema.nullish(),
  artifact_uri: z.string().nullish(),
  lifecycle_stage: z.string().nullish(),
});
export type WireRunInfo = z.infer<typeof runInfoSchema>;

export const runSchema = z.looseObject({
  info: runInfoSchema.nullish(),
  data: z.looseObject({ metrics: z.array(metricSchema).nullish(), params: keyValuesSchema, tags: keyValuesSchema }).nullish(),
  inputs: z.looseObject({
    dataset_inputs: z.array(datasetInputSchema).nullish(),
    /** 3.x: logged models the run read. */
    model_inputs: z.array(z.looseObject({ model_id: z.string().nullish() })).nullish(),
  }).nullish(),
  /** 3.x: logged models the run produced. */
  outputs: z.looseObject({
    model_outputs: z.array(z.looseObject({ model_id: z.string().nullish(), step: int64Schema.nullish() })).nullish(),
  }).nullish(),
});
export type WireRun = z.infer<typeof runSchema>;

/** POST /runs/search. */
export const searchRunsResponseSchema = z.looseObject({ runs: z.array(runSchema).nullish(), next_page_token: z.string().nullish() });
export type WireSearchRunsResponse = z.infer<typeof searchRunsResponseSchema>;

/** runs/search with its runs left unchecked: the change feed checks them a slice at a time (see sliced-runs.ts). */
export const searchRunsEnvelopeSchema = z.looseObject({ runs: z.array(z.unknown()).nullish(), next_page_token: z.string().nullish() });
export type WireSearchRunsEnvelope = z.infer<typeof searchRunsEnvelopeSchema>;

/** GET /runs/get. */
export const getRunResponseSchema = z.looseObject({ run: runSchema.nullish() });
export type WireGetRunResponse = z.infer<typeof getRunResponseSchema>;

/** GET /metrics/get-history. */
export const metricHistoryResponseSchema = z.looseObject({ metrics: z.array(metricSchema).nullish(), next_page_token: z.string().nullish() });
export type WireMetricHistoryResponse = z.infer<typeof metricHistoryResponseSchema>;

/** GET /ajax-api/…/metrics/get-history-bulk-interval (2.11+): sampled points of many runs, each with run_id. */
export const metricHistoryBulkResponseSchema = z.looseObject({ metrics: z.array(metricSchema).nullish() });
export type WireMetricHistoryBulkResponse = z.infer<typeof metricHistoryBulkResponseSchema>;
