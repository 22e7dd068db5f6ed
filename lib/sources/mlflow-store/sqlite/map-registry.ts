import 'server-only';
import type { LoggedModel, ModelVersion, RegisteredModel } from '@/lib/model';
import { asNonEmptyString, asNumber, asString } from '../shared/coerce';
import { putEntry } from '../shared/records';
import { attachLoggedModels, compareVersionsDesc, DELETED_STAGE, loggedModelIdOf, loggedModelStatus, redactRegistry } from '../shared/registry';
import type { Row, SqliteRows } from './read-store';

const versionKey = (name: string, version: string): string => `${name}\u0000${version}`;

function mapVersion(row: Row): ModelVersion | null {
  const name = asString(row.name);
  const version = asString(row.version);
  if (name === null || version === null || row.current_stage === DELETED_STAGE) return null;
  return {
    name,
    version,
    runId: asNonEmptyString(row.run_id),
    source: asNonEmptyString(row.source),
    status: asNonEmptyString(row.status),
    stage: asNonEmptyString(row.current_stage),
    aliases: [],
    createdAt: asNumber(row.creation_time),
    description: asNonEmptyString(row.description),
    tags: {},
    modelId: loggedModelIdOf(asNonEmptyString(row.model_id), asNonEmptyString(row.source)),
  };
}

function mapLoggedModels(rows: Row[] | null): Map<string, LoggedModel> | null {
  if (rows === null) return null;
  const byId = new Map<string, LoggedModel>();
  for (const row of rows) {
    const modelId = asNonEmptyString(row.model_id);
    if (modelId === null) continue;
    byId.set(modelId, {
      modelId,
      name: asNonEmptyString(row.name),
      experimentId: asString(row.experiment_id),
      runId: asNonEmptyString(row.source_run_id),
      status: loggedModelStatus(row.status),
      artifactUri: asNonEmptyString(row.artifact_location),
      createdAt: asNumber(row.creation_timestamp_ms),
    });
  }
  return byId;
}

/** Registered models with their live versions, aliases and tags; models sorted by name. */
export function mapRegistry(rows: SqliteRows): RegisteredModel[] {
  const models = new Map<string, RegisteredModel>();
  for (const row of rows.registeredModels) {
    const name = asString(row.name);
    if (name === null) continue;
    models.set(name, {
      name,
      description: asNonEmptyString(row.description),
      createdAt: asNumber(row.creation_time),
      updatedAt: asNumber(row.last_updated_time),
      aliases: {},
      versions: [],
      tags: {},
    });
  }
  const versions = new Map<string, ModelVersion>();
  for (const row of rows.modelVersions) {
    const version = mapVersion(row);
    const model = version ? models.get(version.name) : undefined;
    if (!version || !model) continue;
    model.versions.push(version);
    versions.set(versionKey(version.name, version.version), version);
  }
  for (const row of rows.aliases) {
    const name = asString(row.name);
    const alias = asString(row.alias);
    const version = asString(row.version);
    const model = name === null ? undefined : models.get(name);
    if (!model || alias === null || version === null) continue;
    putEntry(model.aliases, alias, version);
    versions.get(versionKey(model.name, version))?.aliases.push(alias);
  }
  for (const row of rows.modelVersionTags) {
    const target = versions.get(versionKey(asString(row.name) ?? '', asString(row.version) ?? ''));
    const key = asString(row.key);
    if (target && key !== null) putEntry(target.tags, key, asString(row.value) ?? '');
  }
  for (const row of rows.registeredModelTags) {
    const model = models.get(asString(row.name) ?? '');
    const key = asString(row.key);
    if (model && key !== null) putEntry(model.tags, key, asString(row.value) ?? '');
  }
  const list = [...models.values()].sort((a, b) => a.name.localeCompare(b.name));
  for (const model of list) {
    model.versions.sort(compareVersionsDesc);
    for (const v of model.versions) v.aliases.sort();
  }
  attachLoggedModels(list, mapLoggedModels(rows.loggedModels));
  return redactRegistry(list);
}
