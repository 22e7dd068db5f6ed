import 'server-only';
import { z } from 'zod';
import { enumSchema, int64Schema, keyValuesSchema } from './common';

/** Version numbers are strings on the wire; a few gateways send numbers. */
const versionSchema = z.union([z.string(), z.number()]);

export const modelVersionSchema = z.looseObject({
  name: z.string().nullish(),
  version: versionSchema.nullish(),
  creation_timestamp: int64Schema.nullish(),
  last_updated_timestamp: int64Schema.nullish(),
  user_id: z.string().nullish(),
  current_stage: z.string().nullish(),
  description: z.string().nullish(),
  source: z.string().nullish(),
  run_id: z.string().nullish(),
  status: enumSchema.nullish(),
  status_message: z.string().nullish(),
  tags: keyValuesSchema,
  run_link: z.string().nullish(),
  /** Filled by model-versions/get; search may leave it out. */
  aliases: z.array(z.string()).nullish(),
  /** 3.x: the logged model behind the version. */
  model_id: z.string().nullish(),
});
export type WireModelVersion = z.infer<typeof modelVersionSchema>;

export const aliasSchema = z.looseObject({ alias: z.string().nullish(), version: versionSchema.nullish() });
export type WireAlias = z.infer<typeof aliasSchema>;

export const registeredModelSchema = z.looseObject({
  name: z.string().nullish(),
  creation_timestamp: int64Schema.nullish(),
  last_updated_timestamp: int64Schema.nullish(),
  user_id: z.string().nullish(),
  description: z.string().nullish(),
  latest_versions: z.array(modelVersionSchema).nullish(),
  tags: keyValuesSchema,
  /** Reliable only from registered-models/get: some servers leave aliases out of search results. */
  aliases: z.array(aliasSchema).nullish(),
});
export type WireRegisteredModel = z.infer<typeof registeredModelSchema>;

/** GET /registered-models/search. */
export const searchRegisteredModelsResponseSchema = z.looseObject({
  registered_models: z.array(registeredModelSchema).nullish(),
  next_page_token: z.string().nullish(),
});
export type WireSearchRegisteredModelsResponse = z.infer<typeof searchRegisteredModelsResponseSchema>;

/** GET /registered-models/get. */
export const getRegisteredModelResponseSchema = z.looseObject({ registered_model: registeredModelSchema.nullish() });
export type WireGetRegisteredModelResponse = z.infer<typeof getRegisteredModelResponseSchema>;

/** GET /model-versions/search. */
export const searchModelVersionsResponseSchema = z.looseObject({
  model_versions: z.array(modelVersionSchema).nullish(),
  next_page_token: z.string().nullish(),
});
export type WireSearchModelVersionsResponse = z.infer<typeof searchModelVersionsResponseSchema>;

/** GET /model-versions/get and GET /registered-models/alias. */
export const getModelVersionResponseSchema = z.looseObject({ model_version: modelVersionSchema.nullish() });
export type WireGetModelVersionResponse = z.infer<typeof getModelVersionResponseSchema>;

/** GET /model-versions/get-download-uri. */
export const modelVersionDownloadUriResponseSchema = z.looseObject({ artifact_uri: z.string().nullish() });
export type WireModelVersionDownloadUriResponse = z.infer<typeof modelVersionDownloadUriResponseSchema>;

/** LoggedModelInfo (MLflow 3.x service.proto). */
export const loggedModelInfoSchema = z.looseObject({
  model_id: z.string().nullish(),
  experiment_id: z.string().nullish(),
  name: z.string().nullish(),
  creation_timestamp_ms: int64Schema.nullish(),
  last_updated_timestamp_ms: int64Schema.nullish(),
  artifact_uri: z.string().nullish(),
  status: enumSchema.nullish(),
  model_type: z.string().nullish(),
  source_run_id: z.string().nullish(),
  status_message: z.string().nullish(),
  tags: keyValuesSchema,
  registrations: z.array(z.looseObject({ name: z.string().nullish(), version: versionSchema.nullish() })).nullish(),
});
export type WireLoggedModelInfo = z.infer<typeof loggedModelInfoSchema>;

/** GET /logged-models/{model_id} (3.x only): `{model: {info, data}}`. */
export const getLoggedModelResponseSchema = z.looseObject({
  model: z.looseObject({ info: loggedModelInfoSchema.nullish(), data: z.looseObject({}).nullish() }).nullish(),
});
export type WireGetLoggedModelResponse = z.infer<typeof getLoggedModelResponseSchema>;
