import { runLabel, runStatus } from '@/lib/model/run-fields';
import type { DatasetRef, Facets, UnifiedRun } from '@/lib/model';

/** What the pure comparison needs from the loaded runs; the catalog builds it from the run index. */
export interface CompareContext {
  /** Any id (OpenLineage runId, MLflow run id) → the joined run, or null when it is not loaded. */
  findRun(id: string): UnifiedRun | null;
  /** Facets of the run's job (sourceCodeLocation gives its code version), or null. */
  jobFacets(run: UnifiedRun): Facets | null;
  /** When a loaded run first read this exact version (epoch ms), or null: how a raw input's versions are dated. */
  firstRead(ref: DatasetRef, version: string): number | null;
}

export interface RunRefView {
  id: string;
  label: string;
  status: string;
}

export function runRefView(run: UnifiedRun): RunRefView {
  return { id: run.id, label: runLabel(run), status: runStatus(run) };
}
