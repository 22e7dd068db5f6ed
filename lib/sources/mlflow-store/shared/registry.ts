import 'server-only';
import type { LoggedModel, ModelVersion, RegisteredModel } from '@/lib/model';
import { redactJson } from '@/lib/security/redact-json';

/** MLflow marks a deleted model version with this stage (both stores) and hides it from every API. */
export const DELETED_STAGE = 'Deleted_Internal';

/** Newest version first, by number (MLflow versions are integers). */
export function compareVersionsDesc(a: ModelVersion, b: ModelVersion): number {
  return Number(b.version) - Number(a.version) || b.version.localeCompare(a.version);
}

/** MLflow 3 registers logged models by `models:/m-<id>`; a registry URI `models:/<name>/<version>` is not one. */
const LOGGED_MODEL_URI = /^models:\/(m-[A-Za-z0-9]+)\/?$/;

/** The logged model a version was registered from: its `model_id`, else its `models:/m-…` source. */
export function loggedModelIdOf(modelId: string | null, source: string | null): string | null {
  if (modelId) return modelId;
  return source ? (LOGGED_MODEL_URI.exec(source)?.[1] ?? null) : null;
}

/** LoggedModelStatus (service.proto) by number: the SQL store keeps the number, servers may send it. */
const LOGGED_MODEL_STATUS: Readonly<Record<number, string>> = {
  0: 'LOGGED_MODEL_STATUS_UNSPECIFIED', 1: 'LOGGED_MODEL_PENDING', 2: 'LOGGED_MODEL_READY', 3: 'LOGGED_MODEL_UPLOAD_FAILED',
};

export function loggedModelStatus(status: unknown): string | null {
  if (typeof status === 'number') return LOGGED_MODEL_STATUS[status] ?? String(status);
  return typeof status === 'string' && status !== '' ? status : null;
}

/** Gives each version that names a logged model the one the store has (null when it has none by that id). */
export function attachLoggedModels(models: RegisteredModel[], byId: ReadonlyMap<string, LoggedModel> | null): void {
  for (const model of models) {
    for (const version of model.versions) {
      if (version.modelId && byId !== null) version.loggedModel = byId.get(version.modelId) ?? null;
    }
  }
}

const redactNullable = (text: string | null): string | null => (text === null ? null : redactJson(text));

/**
 * The registry under the one redaction rule (lib/security/redact-json.ts), as every store and the server parse
 * it: descriptions and tags of models and versions, and version sources and logged-model URIs, which may carry
 * `s3://KEY:SECRET@bucket` or a signed URL's token. Run after logged-model ids are read from the raw sources.
 */
export function redactRegistry(models: RegisteredModel[]): RegisteredModel[] {
  return models.map((model) => ({
    ...model,
    description: redactNullable(model.description),
    tags: redactJson(model.tags),
    versions: model.versions.map((version) => ({
      ...version,
      description: redactNullable(version.description),
      source: redactNullable(version.source),
      tags: redactJson(version.tags),
      ...(version.loggedModel ? { loggedModel: { ...version.loggedModel, artifactUri: redactNullable(version.loggedModel.artifactUri) } } : {}),
    })),
  }));
}
