import type { UnifiedRun } from '@/lib/model';
import { diffStatus, type DiffStatus } from './diff-status';

export interface MetricDiff {
  key: string;
  /** Latest value per run (NaN/±Infinity kept); null when the run did not log the metric. */
  values: Array<number | null>;
  /** Step of each latest value. */
  steps: Array<number | null>;
  /** value − the first run's value; null for the first run, a missing value or a non-finite one. */
  deltas: Array<number | null>;
  status: DiffStatus;
  /** Some run logged it over steps (latest step above 0), so there is a history to overlay. */
  hasHistory: boolean;
}

/** Latest metric values of every run side by side with their change against the first run, sorted by key. */
export function diffMetrics(runs: UnifiedRun[]): MetricDiff[] {
  const metrics = runs.map((r) => r.experiment?.metrics ?? {});
  const keys = [...new Set(metrics.flatMap((m) => Object.keys(m)))].sort();
  return keys.map((key) => {
    const values = metrics.map((m) => m[key]?.value ?? null);
    const base = values[0] ?? null;
    const deltas = values.map((v, i) => (i === 0 || v === null || base === null || !Number.isFinite(v) || !Number.isFinite(base) ? null : v - base));
    return {
      key,
      values,
      steps: metrics.map((m) => m[key]?.step ?? null),
      deltas,
      status: diffStatus(values),
      hasHistory: metrics.some((m) => (m[key]?.step ?? 0) > 0),
    };
  });
}
