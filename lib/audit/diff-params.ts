import { paramRows } from '@/lib/model/param-rows';
import type { UnifiedRun } from '@/lib/model';
import { diffStatus, type DiffStatus } from './diff-status';
import { isSecretValue } from './secret-param';

/** `secret`: every run has the param and its values are redacted (secret-looking name), so they were not compared. */
export type ParamDiffStatus = DiffStatus | 'secret';

export interface ParamDiff {
  key: string;
  /** One per run, in the order compared; null when the run has no such param. */
  values: Array<string | null>;
  status: ParamDiffStatus;
  /** Positions of runs whose OpenLineage and MLflow sides report different values (MLflow's is shown). */
  sidesDisagree: number[];
}

/** A run's params as one map: MLflow's value when it logged the key, else OpenLineage executionParameters. */
export function effectiveParams(run: UnifiedRun): Map<string, { value: string; sidesDisagree: boolean }> {
  return new Map(paramRows(run).map((r) => [r.key, { value: r.experiment ?? r.lineage ?? '', sidesDisagree: r.disagrees }]));
}

/** Params of every run side by side, sorted by key. */
export function diffParams(runs: UnifiedRun[]): ParamDiff[] {
  const maps = runs.map(effectiveParams);
  const keys = [...new Set(maps.flatMap((m) => [...m.keys()]))].sort();
  return keys.map((key) => {
    const values = maps.map((m) => m.get(key)?.value ?? null);
    const sidesDisagree = maps.flatMap((m, i) => (m.get(key)?.sidesDisagree ? [i] : []));
    const status = diffStatus(values);
    return { key, values, status: status !== 'only-in' && values.some(isSecretValue) ? 'secret' : status, sidesDisagree };
  });
}
