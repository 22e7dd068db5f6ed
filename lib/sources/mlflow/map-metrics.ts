import 'server-only';
import type { MetricPoint } from '@/lib/model';
import { asNumber } from '@/lib/sources/mlflow-store/shared/coerce';
import { compareHistory, fromSqlMetricValue, isMoreRecent } from '@/lib/sources/mlflow-store/shared/metric-values';
import { getEntry, putEntry } from '@/lib/sources/mlflow-store/shared/records';
import type { WireMetric } from './schemas';

/**
 * A wire metric as the app's point. Values arrive as numbers or "NaN"/"Infinity" strings, and a server on
 * a SQL store sends ±Infinity as ±DBL_MAX: the SQL stores' rule reads all three, so REST and SQLite agree.
 */
export function toMetricPoint(metric: WireMetric): MetricPoint {
  return {
    step: asNumber(metric.step) ?? 0,
    timestamp: asNumber(metric.timestamp) ?? 0,
    value: fromSqlMetricValue(metric.value, 0),
  };
}

/** Latest value per key. The server already sends one per key; MLflow's rule settles any duplicate. */
export function latestMetrics(metrics: readonly WireMetric[]): Record<string, MetricPoint> {
  const out: Record<string, MetricPoint> = {};
  for (const metric of metrics) {
    if (metric.key === null || metric.key === undefined) continue;
    const point = toMetricPoint(metric);
    const current = getEntry(out, metric.key);
    if (current === undefined || isMoreRecent(point, current)) putEntry(out, metric.key, point);
  }
  return out;
}

/** A history in get-history's order (step, then timestamp; stable, so the server's order breaks ties). */
export function toHistory(metrics: readonly WireMetric[]): MetricPoint[] {
  return metrics.map(toMetricPoint).sort(compareHistory);
}
