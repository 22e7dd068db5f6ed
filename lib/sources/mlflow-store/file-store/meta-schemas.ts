import 'server-only';
import { z } from 'zod';
import { readText } from './fs-read';
import { parsePyYaml } from './pyyaml';

/** meta.yaml files as MLflow's file store writes them (PyYAML); non-strict, since versions add fields. */

/** A scalar read as text: PyYAML quotes digit-only strings, but a hand-edited file may leave a name bare. */
const scalarText = z.union([z.string(), z.number()]).transform(String);
const millis = z.number().nullish();

export const experimentMetaSchema = z.object({
  name: scalarText,
  lifecycle_stage: z.string().nullish(),
});
export type ExperimentMeta = z.infer<typeof experimentMetaSchema>;

/** Ids are not read from meta.yaml: the folder names are what MLflow resolves, and they never lose precision. */
export const runMetaSchema = z.object({
  run_name: scalarText.nullish(),
  /** RunStatus enum number (3 = FINISHED); MLflow never writes the name here, but it is accepted. */
  status: z.union([z.number(), z.string()]),
  start_time: millis,
  end_time: millis,
  lifecycle_stage: z.string().nullish(),
  user_id: scalarText.nullish(),
  artifact_uri: z.string().nullish(),
});
export type RunMeta = z.infer<typeof runMetaSchema>;

export const datasetMetaSchema = z.object({
  name: scalarText,
  digest: scalarText,
  source_type: z.string().nullish(),
  source: z.string().nullish(),
});
export type DatasetMeta = z.infer<typeof datasetMetaSchema>;

/** <run>/inputs/<id>/meta.yaml; destination_id is not trusted (MLflow 2.x writes the dataset id there). */
export const inputMetaSchema = z.object({
  source_type: z.string(),
  source_id: scalarText,
  destination_type: z.string().nullish(),
  tags: z.record(z.string(), z.unknown()).nullish(),
});
export type InputMeta = z.infer<typeof inputMetaSchema>;

export const registeredModelMetaSchema = z.object({
  name: scalarText,
  creation_timestamp: millis,
  last_updated_timestamp: millis,
  description: scalarText.nullish(),
});
export type RegisteredModelMeta = z.infer<typeof registeredModelMetaSchema>;

export const modelVersionMetaSchema = z.object({
  name: scalarText.nullish(),
  version: scalarText,
  creation_timestamp: millis,
  current_stage: z.string().nullish(),
  description: scalarText.nullish(),
  run_id: scalarText.nullish(),
  source: z.string().nullish(),
  status: z.string().nullish(),
  /** MLflow 3: the logged model registered. */
  model_id: scalarText.nullish(),
});
export type ModelVersionMeta = z.infer<typeof modelVersionMetaSchema>;

export type MetaResult<T> = { ok: true; value: T } | { ok: false; message: string };

/** Parses YAML then validates it; the message says what is wrong without a stack trace. */
export function parseMeta<T>(text: string, schema: z.ZodType<T>): MetaResult<T> {
  let doc: unknown;
  try {
    doc = parsePyYaml(text);
  } catch (error) {
    const firstLine = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { ok: false, message: `invalid YAML: ${firstLine}` };
  }
  const result = schema.safeParse(doc);
  if (result.success) return { ok: true, value: result.data };
  const issues = result.error.issues.map((i) => `${i.path.join('.') || '(document)'}: ${i.message}`);
  return { ok: false, message: `unexpected content: ${issues.join('; ')}` };
}

/** Reads and parses a meta.yaml; a missing file is a failed result like a malformed one. */
export function readMeta<T>(file: string, schema: z.ZodType<T>): MetaResult<T> {
  const text = readText(file);
  return text === null ? { ok: false, message: 'missing meta.yaml' } : parseMeta(text, schema);
}
