import 'server-only';
import path from 'node:path';
import type { ModelVersion, RegisteredModel, SourceProblem } from '@/lib/model';
import { asNonEmptyString } from '../shared/coerce';
import { putEntry } from '../shared/records';
import { compareVersionsDesc, DELETED_STAGE, loggedModelIdOf, redactRegistry } from '../shared/registry';
import { listEntries, readKeyValueTree, StampLog } from './fs-read';
import { modelVersionMetaSchema, readMeta, registeredModelMetaSchema } from './meta-schemas';

export interface RegistryEntry {
  models: RegisteredModel[];
  /** Every folder and file read: the registry is small, so all of it is watched. */
  watchPaths: string[];
  /** Stamps of watchPaths, each taken just before it was read. */
  stamp: string;
  problems: SourceProblem[];
}

/** A folder of one file per key; the folder itself is stamped too, so added or removed keys show. */
function readKeyFolder(dir: string, log: StampLog): Record<string, string> {
  log.visit(dir);
  return readKeyValueTree(dir, log.visit);
}

/** models/<name>/aliases/<alias> holds the version number as its whole content. */
function readAliases(modelDir: string, log: StampLog): Record<string, string> {
  const aliases: Record<string, string> = {};
  const files = readKeyFolder(path.join(/*turbopackIgnore: true*/ modelDir, 'aliases'), log);
  for (const [alias, version] of Object.entries(files)) putEntry(aliases, alias, version.trim());
  return aliases;
}

function readVersion(dir: string, log: StampLog, problems: SourceProblem[]): ModelVersion | null {
  const where = path.join(/*turbopackIgnore: true*/ dir, 'meta.yaml');
  log.visit(dir);
  log.visit(where);
  const meta = readMeta(where, modelVersionMetaSchema);
  if (!meta.ok) {
    problems.push({ where, message: `${meta.message}; model version skipped` });
    return null;
  }
  const v = meta.value;
  if (v.current_stage === DELETED_STAGE) return null;
  const tags = readKeyFolder(path.join(/*turbopackIgnore: true*/ dir, 'tags'), log);
  return {
    name: v.name ?? '',
    version: v.version,
    runId: asNonEmptyString(v.run_id),
    source: asNonEmptyString(v.source),
    status: asNonEmptyString(v.status),
    stage: asNonEmptyString(v.current_stage),
    aliases: [],
    createdAt: v.creation_timestamp ?? null,
    description: asNonEmptyString(v.description),
    tags,
    modelId: loggedModelIdOf(asNonEmptyString(v.model_id), asNonEmptyString(v.source)),
  };
}

function readModel(modelDir: string, log: StampLog, problems: SourceProblem[]): RegisteredModel | null {
  const where = path.join(/*turbopackIgnore: true*/ modelDir, 'meta.yaml');
  log.visit(modelDir);
  log.visit(where);
  const meta = readMeta(where, registeredModelMetaSchema);
  if (!meta.ok) {
    problems.push({ where, message: `${meta.message}; registered model skipped` });
    return null;
  }
  const tags = readKeyFolder(path.join(/*turbopackIgnore: true*/ modelDir, 'tags'), log);
  const aliases = readAliases(modelDir, log);
  const versions: ModelVersion[] = [];
  for (const entry of listEntries(modelDir)) {
    if (!entry.isDirectory() || !entry.name.startsWith('version-')) continue;
    const version = readVersion(path.join(/*turbopackIgnore: true*/ modelDir, entry.name), log, problems);
    if (version) versions.push({ ...version, name: version.name || meta.value.name });
  }
  for (const version of versions) {
    version.aliases = Object.keys(aliases).filter((a) => aliases[a] === version.version).sort();
  }
  return {
    name: meta.value.name,
    description: asNonEmptyString(meta.value.description),
    createdAt: meta.value.creation_timestamp ?? null,
    updatedAt: meta.value.last_updated_timestamp ?? null,
    aliases,
    versions: versions.sort(compareVersionsDesc),
    tags,
  };
}

/** The model registry under <root>/models/; absent folder = no registered models. */
export function readRegistry(modelsDir: string): RegistryEntry {
  const log = new StampLog();
  const models: RegisteredModel[] = [];
  const problems: SourceProblem[] = [];
  log.visit(modelsDir);
  for (const folder of listEntries(modelsDir)) {
    if (!folder.isDirectory()) continue;
    const model = readModel(path.join(/*turbopackIgnore: true*/ modelsDir, folder.name), log, problems);
    if (model) models.push(model);
  }
  models.sort((a, b) => a.name.localeCompare(b.name));
  return { models: redactRegistry(models), watchPaths: log.paths, stamp: log.stamp, problems };
}
