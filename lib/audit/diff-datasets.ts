import { datasetUri, refKey, type DatasetRef, type UnifiedRun } from '@/lib/model';
import { keysInOrder } from './diff-status';

export type DatasetSide = 'inputs' | 'outputs';

/** One dataset as one run read or wrote it. */
export interface DatasetUse extends DatasetRef {
  /** The exact version (OpenLineage `version` facet, else the MLflow digest), or null when none was recorded. */
  version: string | null;
  /** For inputs: the run that wrote the version read, when a tracked run did. */
  producedByRunId: string | null;
}

/** changed-version: every run used it and the versions differ; unversioned: some run recorded no version, so it cannot be told. */
export type DatasetDiffStatus = 'same' | 'changed-version' | 'only-in' | 'unversioned';

export interface DatasetDiff extends DatasetRef {
  /** One per run, in the order compared; null when the run did not use the dataset on this side. */
  uses: Array<DatasetUse | null>;
  status: DatasetDiffStatus;
}

/**
 * What a run read or wrote: the lineage side's exact versions, or, for a run only MLflow knows, the
 * datasets it logged (OpenLineage naming when they have a source URI; the digest as the version).
 */
export function datasetUses(run: UnifiedRun, side: DatasetSide): DatasetUse[] {
  if (run.lineage) return run.lineage[side].map((d) => ({ namespace: d.namespace, name: d.name, version: d.version, producedByRunId: d.producedByRunId }));
  return (run.experiment?.datasets ?? [])
    .filter((d) => (side === 'outputs') === (d.context === 'output'))
    .map((d) => ({ namespace: d.namespace ?? '', name: d.olName ?? d.name, version: d.digest, producedByRunId: null }));
}

function statusOf(uses: Array<DatasetUse | null>): DatasetDiffStatus {
  if (uses.some((u) => u === null)) return 'only-in';
  const versions = uses.map((u) => u?.version ?? null);
  const known = new Set(versions.filter((v) => v !== null));
  if (known.size > 1) return 'changed-version';
  return versions.includes(null) ? 'unversioned' : 'same';
}

/** Each dataset any of the runs used on `side`, in order of first appearance, with the version each run used. */
export function diffDatasets(runs: UnifiedRun[], side: DatasetSide): DatasetDiff[] {
  const maps = runs.map((run) => new Map(datasetUses(run, side).map((u) => [refKey(u), u])));
  return keysInOrder(maps.map((m) => m.keys())).map((key) => {
    const uses = maps.map((m) => m.get(key) ?? null);
    const ref = uses.find((u) => u !== null)!;
    return { namespace: ref.namespace, name: ref.name, uses, status: statusOf(uses) };
  });
}

/** "s3://bucket/groot/raw", or the bare name when the dataset has no namespace (an MLflow dataset without a URI). */
export function datasetLabel(ref: DatasetRef): string {
  return datasetUri(ref);
}
