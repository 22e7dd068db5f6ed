import 'server-only';
import type { Dataset, DatasetRef, DatasetVersion, Facets } from '@/lib/model';
import { datasetVersionOf, outputStatisticsOf } from '@/lib/openlineage/facets';
import { isoOf } from './map-common';
import type { WireDataset, WireDatasetVersion, WireField } from './schemas';

export function datasetRefOf(dataset: WireDataset): DatasetRef | null {
  const namespace = dataset.namespace ?? dataset.id?.namespace ?? null;
  const name = dataset.id?.name ?? dataset.name;
  return namespace === null ? null : { namespace, name };
}

/**
 * The schema as a `schema` facet when the facets carry none: Marquez's dataset list fills `facets` for
 * only the first 10 datasets of a page (a LIMIT in its SQL), while `fields` carries every schema.
 */
export function withFieldsSchema(facets: Facets, fields: WireField[] | null | undefined): Facets {
  if (facets.schema !== undefined || !fields || fields.length === 0) return facets;
  const schema = { fields: fields.map((f) => ({ name: f.name, ...(f.type ? { type: f.type } : {}), ...(f.description ? { description: f.description } : {}) })) };
  return { ...facets, schema };
}

/** Pure: a Marquez dataset; versions are listed lazily (dataset()), so the snapshot passes []. */
export function mapDataset(dataset: WireDataset, ref: DatasetRef, versions: DatasetVersion[] = []): Dataset {
  return {
    namespace: ref.namespace,
    name: ref.name,
    facets: withFieldsSchema(dataset.facets ?? {}, dataset.fields),
    versions,
    updatedAt: isoOf(dataset.updatedAt) ?? isoOf(dataset.createdAt),
  };
}

/**
 * Pure: one Marquez dataset version. `version` is the producer's (the `version` facet) or null:
 * Marquez's version UUID identifies the row (the id) and is never shown as a producer version.
 */
export function mapDatasetVersion(version: WireDatasetVersion, ref: DatasetRef): DatasetVersion {
  const facets: Facets = withFieldsSchema(version.facets ?? {}, version.fields);
  const marquezVersion = version.version ?? version.id?.version ?? null;
  const createdAt = isoOf(version.createdAt) ?? isoOf(version.createdByRun?.endedAt) ?? '';
  return {
    namespace: ref.namespace,
    name: ref.name,
    id: marquezVersion ?? `${ref.namespace}/${ref.name}@${createdAt}`,
    version: datasetVersionOf(facets),
    createdByRunId: version.createdByRun?.id ?? null,
    createdAt,
    facets,
    rowCount: outputStatisticsOf(facets, facets).rowCount,
    // Marquez does not list who read a version.
    consumedByRunIds: [],
  };
}
