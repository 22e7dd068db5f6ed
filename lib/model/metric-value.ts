/**
 * A metric value as JSON carries it. JSON has no NaN or ±Infinity, so the API sends them as strings;
 * every other value is a number. Shared by everything that serialises metrics (API, charts, audit report).
 */
export type WireMetricValue = number | 'NaN' | 'Infinity' | '-Infinity';

export function encodeMetricValue(n: number): WireMetricValue {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  return n;
}

export function decodeMetricValue(v: WireMetricValue): number {
  if (v === 'NaN') return NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  return v;
}
