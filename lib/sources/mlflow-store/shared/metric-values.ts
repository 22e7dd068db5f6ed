import 'server-only';
import type { MetricPoint } from '@/lib/model';

/** Points of one history a local store reads when the caller sets no bound (the catalog asks 100,001 to see "more"). */
export const LOCAL_HISTORY_READ_LIMIT = 100_000;

const SPECIAL = /^([+-]?)(nan|inf|infinity)$/i;
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
const INTEGER = /^[+-]?\d+$/;

/**
 * Parses a metric value the way Python's float() reads what MLflow wrote ("nan", "inf", "-Infinity", "1e-3").
 * Returns null for anything else; never turns garbage into 0 as Number('') would.
 */
export function parseMetricNumber(text: string): number | null {
  const special = SPECIAL.exec(text);
  if (special) {
    if (special[2]?.toLowerCase() === 'nan') return NaN;
    return special[1] === '-' ? -Infinity : Infinity;
  }
  return DECIMAL.test(text) ? Number(text) : null;
}

export function parseInteger(text: string): number | null {
  return INTEGER.test(text) ? Number(text) : null;
}

/**
 * MLflow's SQL store cannot write NaN/Inf: it stores NaN as 0 with is_nan = 1 and ±Infinity as ±DBL_MAX
 * (SqlAlchemyStore._get_metric_value_details). Undo both so Infinity never shows as 1.8e308 and NaN never as 0.
 */
export function fromSqlMetricValue(value: unknown, isNan: unknown): number {
  if (isNan === 1 || isNan === true || isNan === '1' || isNan === 1n) return NaN;
  const n = typeof value === 'number' ? value : typeof value === 'string' ? parseMetricNumber(value.trim()) : null;
  if (n === null) return NaN;
  if (n === Number.MAX_VALUE) return Infinity;
  if (n === -Number.MAX_VALUE) return -Infinity;
  return n;
}

/**
 * MLflow's "latest" rule: the greatest (step, timestamp, value) tuple; on a full tie the earlier point stays.
 * NaN compares false both ways, as in Python's max(), so a NaN never displaces an equal-step-and-time value.
 */
export function isMoreRecent(candidate: MetricPoint, current: MetricPoint): boolean {
  if (candidate.step !== current.step) return candidate.step > current.step;
  if (candidate.timestamp !== current.timestamp) return candidate.timestamp > current.timestamp;
  return candidate.value > current.value;
}

/** History order of MLflow's get-history: step, then timestamp; the sort is stable so file order breaks ties. */
export function compareHistory(a: MetricPoint, b: MetricPoint): number {
  return a.step - b.step || a.timestamp - b.timestamp;
}
