import 'server-only';
import { refKey, type Dataset, type DatasetRef } from '@/lib/model';
import { runRef, type RunRef } from './run-detail';
import { findRun, type RunIndex } from './run-index';

export interface DatasetVersionRow {
  id: string;
  version: string | null;
  createdAt: string;
  rowCount: number | null;
  createdBy: RunRef | null;
  readBy: RunRef[];
}

function schemaFields(dataset: Dataset): Array<{ name: string; type: string }> {
  const fields = (dataset.facets.schema as { fields?: unknown } | undefined)?.fields;
  if (!Array.isArray(fields)) return [];
  return fields
    .filter((f): f is { name: string; type?: unknown } => typeof f === 'object' && f !== null && typeof (f as { name?: unknown }).name === 'string')
    .map((f) => ({ name: f.name, type: typeof f.type === 'string' ? f.type : '' }));
}

/** A dataset with its versions newest first, each with the run that wrote it and the runs that read it. */
export function datasetPageModel(index: RunIndex, ref: DatasetRef) {
  const key = refKey(ref);
  const dataset = index.lineage.map((s) => s.datasets.get(key)).find((d): d is Dataset => d !== undefined);
  if (!dataset) return null;
  const ref_ = (id: string | null) => {
    const run = id ? findRun(index, id) : null;
    return run ? runRef(run) : null;
  };
  const versions: DatasetVersionRow[] = dataset.versions.map((v) => ({
    id: v.id,
    version: v.version,
    createdAt: v.createdAt,
    rowCount: v.rowCount,
    createdBy: ref_(v.createdByRunId),
    readBy: v.consumedByRunIds.map(ref_).filter((r): r is RunRef => r !== null),
  }));
  return { namespace: dataset.namespace, name: dataset.name, updatedAt: dataset.updatedAt, fields: schemaFields(dataset), versions };
}
