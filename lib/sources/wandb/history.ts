import 'server-only';
import type { MetricPoint } from '@/lib/model';
import type { WireHistoryKeys, WireHistoryRow } from './schemas';

const NON_FINITE_TEXT: Record<string, number> = { NaN: Number.NaN, Infinity: Number.POSITIVE_INFINITY, '-Infinity': Number.NEGATIVE_INFINITY };

function valueOf(raw: unknown): number | null {
  if (typeof raw === 'number') return raw;
  // Some encoders write non-finite numbers as strings; a chart has no other use for a string.
  if (typeof raw === 'string' && raw in NON_FINITE_TEXT) return NON_FINITE_TEXT[raw] ?? null;
  return null;
}

/** sampledHistory rows → one metric's points ordered by step then time; rows without the metric are skipped. */
export function historyPoints(rows: readonly WireHistoryRow[], key: string): MetricPoint[] {
  const points: MetricPoint[] = [];
  for (const row of rows) {
    const value = valueOf(row[key]);
    const step = row._step;
    if (value === null || typeof step !== 'number') continue;
    const seconds = row._timestamp;
    points.push({ step, timestamp: typeof seconds === 'number' && Number.isFinite(seconds) ? Math.round(seconds * 1000) : 0, value });
  }
  return points.sort((a, b) => a.step - b.step || a.timestamp - b.timestamp);
}

/** How many values of `key` the run logged, from its history index (`keys.<key>.typeCounts[].count`); null when it does not say. */
export function loggedCount(historyKeys: WireHistoryKeys | null, key: string): number | null {
  const entry = historyKeys?.keys?.[key];
  const counts = typeof entry === 'object' && entry !== null && 'typeCounts' in entry && Array.isArray(entry.typeCounts) ? entry.typeCounts : null;
  if (counts === null) return null;
  let total = 0;
  for (const c of counts as unknown[]) {
    const count = typeof c === 'object' && c !== null && 'count' in c ? c.count : null;
    if (typeof count === 'number' && Number.isFinite(count)) total += count;
  }
  return total;
}
