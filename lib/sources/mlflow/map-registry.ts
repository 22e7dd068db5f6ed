import 'server-only';
import type { LoggedModel, ModelVersion, RegisteredModel } from '@/lib/model';
import { asNonEmptyString, asNumber, asString } from '@/lib/sources/mlflow-store/shared/coerce';
import { putEntry } from '@/lib/sources/mlflow-store/shared/records';
import { attachLoggedModels, compareVersionsDesc, DELETED_STAGE, loggedModelIdOf, loggedModelStatus, redactRegistry } from '@/lib/sources/mlflow-store/shared/registry';
import { toRecord } from './map-run';
import type { WireLoggedModelInfo, WireModelVersion, WireRegisteredModel } from './schemas';

/** ModelVersionStatus numbers (model_registry.proto), for gateways that send enums as numbers. */
const VERSION_STATUS: Readonly<Record<number, string>> = { 1: 'PENDING_REGISTRATION', 2: 'FAILED_REGISTRATION', 3: 'READY' };

function versionStatus(status: WireModelVersion['status']): string | null {
  return typeof status === 'number' ? (VERSION_STATUS[status] ?? String(status)) : asNonEmptyString(status);
}

function mapVersion(wire: WireModelVersion): ModelVersion | null {
  const name = asString(wire.name);
  const version = asString(wire.version);
  if (name === null || version === null || wire.current_stage === DELETED_STAGE) return null;
  return {
    name,
    version,
    runId: asNonEmptyString(wire.run_id),
    source: asNonEmptyString(wire.source),
    status: versionStatus(wire.status),
    stage: asNonEmptyString(wire.current_stage),
    aliases: [],
    createdAt: asNumber(wire.creation_timestamp),
    description: asNonEmptyString(wire.description),
    tags: toRecord(wire.tags),
    modelId: loggedModelIdOf(asNonEmptyString(wire.model_id), asNonEmptyString(wire.source)),
  };
}

function mapLoggedModel(modelId: string, info: WireLoggedModelInfo): LoggedModel {
  return {
    modelId,
    name: asNonEmptyString(info.name),
    experimentId: asNonEmptyString(info.experiment_id),
    runId: asNonEmptyString(info.source_run_id),
    status: loggedModelStatus(info.status),
    artifactUri: asNonEmptyString(info.artifact_uri),
    createdAt: asNumber(info.creation_timestamp_ms),
  };
}

export interface RegistryWire {
  /** registered-models/search, every page. */
  models: readonly WireRegisteredModel[];
  /** registered-models/get per model name (null when it vanished in between): the one reliable source of aliases. */
  details: ReadonlyMap<string, WireRegisteredModel | null>;
  /** model-versions/search, every page. */
  versions: readonly WireModelVersion[];
  /** logged-models/{id} of the ids the versions name; null when the server has no such endpoint (before 3.0) or none was needed. */
  loggedModels?: ReadonlyMap<string, WireLoggedModelInfo> | null;
  /** For /health: whether logged-models/{id} was needed, and whether the server has it. */
  loggedModelSupport?: LoggedModelSupport;
}

export type LoggedModelSupport = 'not needed (no version names a logged model)' | 'yes (MLflow 3)' | 'no (the server has no logged-models endpoint: MLflow before 3)' | 'failed';

/** Registered models with their live versions, aliases and tags, ordered like the local stores. */
export function mapRegistry(wire: RegistryWire): RegisteredModel[] {
  const models = new Map<string, RegisteredModel>();
  for (const searched of wire.models) {
    const name = asString(searched.name);
    if (name === null) continue;
    const full = wire.details.get(name) ?? searched;
    const aliases: Record<string, string> = {};
    for (const a of full.aliases ?? searched.aliases ?? []) {
      const version = asString(a.version);
      if (typeof a.alias === 'string' && version !== null) putEntry(aliases, a.alias, version);
    }
    // Omitted fields mean "empty", so either answer may fill what the other left out.
    models.set(name, {
      name,
      description: asNonEmptyString(full.description ?? searched.description),
      createdAt: asNumber(full.creation_timestamp ?? searched.creation_timestamp),
      updatedAt: asNumber(full.last_updated_timestamp ?? searched.last_updated_timestamp),
      aliases,
      versions: [],
      tags: toRecord(full.tags ?? searched.tags),
    });
  }
  // A version seen twice (pages shifting under concurrent writes) is listed once.
  const seen = new Set<string>();
  for (const wireVersion of wire.versions) {
    const version = mapVersion(wireVersion);
    const model = version ? models.get(version.name) : undefined;
    const key = version ? `${version.name}\u0000${version.version}` : '';
    if (!version || !model || seen.has(key)) continue;
    seen.add(key);
    model.versions.push(version);
  }
  const list = [...models.values()].sort((a, b) => a.name.localeCompare(b.name));
  for (const model of list) {
    for (const [alias, version] of Object.entries(model.aliases)) {
      model.versions.find((v) => v.version === version)?.aliases.push(alias);
    }
    model.versions.sort(compareVersionsDesc);
    for (const v of model.versions) v.aliases.sort();
  }
  const logged = wire.loggedModels ? new Map([...wire.loggedModels].map(([id, info]) => [id, mapLoggedModel(id, info)])) : null;
  attachLoggedModels(list, logged);
  return redactRegistry(list);
}
