import 'server-only';
import type { Dataset, DatasetRef, DatasetVersion, Facets } from '@/lib/model';
import { datasetVersionOf, outputStatisticsOf } from '@/lib/openlineage/facets';
import { isoOf } from './map-common';
import type { WireDataset, WireDatasetVersion } from './schemas';

export function datasetRefOf(dataset: WireDataset): DatasetRef | null {
  const namespace = dataset.namespace ?? dataset.id?.namespace ?? null;
  const name = dataset.id?.name ?? dataset.name;
  return namespace === null ? null : { namespace, name };
}

/** Pure: a Marquez dataset; versions are listed lazily (dataset()), so the snapshot passes []. */
export function mapDataset(dataset: WireDataset, ref: DatasetRef, versions: DatasetVersion[] = []): Dataset {
  return {
    namespace: ref.namespace,
    name: ref.name,
    facets: dataset.facets ?? {},
    versions,
    updatedAt: isoOf(dataset.updatedAt) ?? isoOf(dataset.createdAt),
  };
}

/**
 * Pure: one Marquez dataset version. `version` is the producer's (the `version` facet) or null:
 * Marquez's version UUID identifies the row (the id) and is never shown as a producer version.
 */
export function mapDatasetVersion(version: WireDatasetVersion, ref: DatasetRef): DatasetVersion {
  const facets: Facets = version.facets ?? {};
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
