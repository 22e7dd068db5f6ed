import { formatNamespaceName, isObject, mergeFacets, objectAt, schemaFields, stringAt } from './facets';
import type { Instant } from './instant';
import { keyOf, type DatasetRow, type JsonObject, type DatasetVersionRow, type MarquezState, type SchemaField } from './state';
import { nameUuid } from './uuid';

/** The dataset part of an event, as OpenLineage writes it. */
export interface EventDataset {
  namespace: string;
  name: string;
  facets: unknown;
  /** The whole dataset object of the event, for its inputFacets / outputFacets. */
  io?: JsonObject;
}

export function upsertNamespace(state: MarquezState, raw: string, at: Instant): string {
  const name = formatNamespaceName(raw);
  const row = state.namespaces.get(name);
  if (row === undefined) state.namespaces.set(name, { name, createdAt: at, updatedAt: at });
  else row.updatedAt = at;
  return name;
}

function upsertDatasetRow(state: MarquezState, ds: EventDataset, at: Instant): DatasetRow {
  const namespace = upsertNamespace(state, ds.namespace, at);
  const key = keyOf(namespace, ds.name);
  // Without a dataSource facet Marquez files the dataset under its source named "default".
  const sourceName = stringAt(ds.facets, 'dataSource', 'name');
  const description = stringAt(ds.facets, 'documentation', 'description');
  let row = state.datasets.get(key);
  if (row === undefined) {
    row = {
      key, namespace, name: ds.name, sourceName: sourceName ?? 'default', description, createdAt: at, updatedAt: at,
      lastModifiedAt: null, currentVersionUuid: null, versions: [],
    };
    state.datasets.set(key, row);
  } else {
    row.updatedAt = at;
    if (sourceName !== null) row.sourceName = sourceName;
    if (description !== null) row.description = description;
  }
  return row;
}

function fieldKey(field: SchemaField): string {
  return [field.name, field.type?.toUpperCase() ?? '', field.description ?? ''].join(':');
}

/** Utils.newDatasetVersionFor: a hash of the dataset's identity, schema, lifecycle state and the run. */
function versionHash(row: DatasetRow, fields: SchemaField[] | null, lifecycle: string, runUuid: string | null): string {
  const schema = (fields ?? []).map(fieldKey).sort().join(':');
  return nameUuid([row.namespace, row.sourceName, row.name, row.name, '', schema, lifecycle, runUuid ?? ''].join(':'));
}

function mergeFields(target: DatasetVersionRow, fields: SchemaField[]): void {
  for (const field of fields) {
    const index = target.fields.findIndex((f) => f.name === field.name);
    if (index >= 0) target.fields[index] = field;
    else target.fields.push(field);
  }
}

/**
 * OpenLineageDao.upsertLineageDataset. A read reuses the dataset's current version when it has
 * one, so the facets of every later read land on that same row (Marquez #2733: its `version` facet
 * ends up as the latest reader's). A write, or a first read, makes a version keyed by a hash.
 */
export function upsertLineageDataset(
  state: MarquezState,
  ds: EventDataset,
  at: Instant,
  runUuid: string | null,
  isInput: boolean,
): DatasetVersionRow {
  const dataset = upsertDatasetRow(state, ds, at);
  const fields = schemaFields(ds.facets);
  const lifecycle = stringAt(ds.facets, 'lifecycleStateChange', 'lifecycleStateChange') ?? '';
  const current = dataset.currentVersionUuid === null ? undefined : state.versionsByUuid.get(dataset.currentVersionUuid);
  let version = isInput ? current : undefined;
  if (version === undefined) {
    const hash = versionHash(dataset, fields, lifecycle, runUuid);
    version = dataset.versions.find((v) => v.version === hash);
    if (version === undefined) {
      // Marquez draws the row uuid at random; a name-based one keeps the stub deterministic.
      version = {
        uuid: nameUuid(`dataset_versions.uuid:${hash}`), version: hash, datasetKey: dataset.key, createdAt: at,
        runUuid: isInput ? null : runUuid, fields: [], facets: {}, lifecycleState: lifecycle === '' ? null : lifecycle,
      };
      dataset.versions.push(version);
      state.versionsByUuid.set(version.uuid, version);
    }
    dataset.currentVersionUuid = version.uuid;
  }
  if (fields !== null) mergeFields(version, fields);
  if (isObject(ds.facets)) mergeFacets(version.facets, ds.facets);
  return version;
}

/** Column-lineage and schema readers want the dataset's current version row. */
export function currentVersion(state: MarquezState, dataset: DatasetRow): DatasetVersionRow | null {
  if (dataset.currentVersionUuid === null) return null;
  return state.versionsByUuid.get(dataset.currentVersionUuid) ?? null;
}

export function columnLineageFacet(state: MarquezState, dataset: DatasetRow): Record<string, unknown> | null {
  const version = currentVersion(state, dataset);
  return version === null ? null : objectAt(version.facets, 'columnLineage', 'fields');
}
