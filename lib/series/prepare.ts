import type { ChartAxis } from './chart-axis';
import { decodeMetricValue } from '@/lib/model/metric-value';
import type { PreparedSeries, SeriesGaps, WireMetricPoint } from './types';

/** Above this many points, dots would hide the line. */
export const MAX_POINTS_WITH_DOTS = 50;

/** Where a point sits on the axis: its step, seconds since `origin` (the series' first timestamp), or its epoch ms. */
function positionOf(axis: ChartAxis, origin: number): (p: WireMetricPoint) => number {
  if (axis === 'wall') return (p) => p.timestamp;
  return axis === 'step' ? (p) => p.step : (p) => (p.timestamp - origin) / 1000;
}

/**
 * NaN/±Infinity become gaps (null) and are counted; finite values pass through unchanged. Points are
 * ordered along the axis; points at the same position keep their logged order.
 */
export function prepareSeries(points: WireMetricPoint[], axis: ChartAxis = 'step'): PreparedSeries {
  const gaps: SeriesGaps = { nan: 0, posInf: 0, negInf: 0 };
  let min: number | null = null;
  let max: number | null = null;

  const origin = points.reduce((first, p) => Math.min(first, p.timestamp), Infinity);
  const at = positionOf(axis, origin);
  // Array.prototype.sort is stable, so points at the same position keep their logged order.
  const sorted = [...points].sort((a, b) => at(a) - at(b));
  const data: PreparedSeries['data'] = [];
  for (const point of sorted) {
    const value = decodeMetricValue(point.value);
    const x = at(point);
    if (Number.isFinite(value)) {
      min = min === null || value < min ? value : min;
      max = max === null || value > max ? value : max;
      data.push({ x, value });
      continue;
    }
    if (Number.isNaN(value)) gaps.nan += 1;
    else if (value > 0) gaps.posInf += 1;
    else gaps.negInf += 1;
    data.push({ x, value: null });
  }

  return { data, gaps, total: points.length, min, max };
}

export function gapCount(gaps: SeriesGaps): number {
  return gaps.nan + gaps.posInf + gaps.negInf;
}

function joinPhrases(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** "3 points are NaN and 1 is +Infinity: drawn as gaps.", or null when there are no gaps. */
export function describeGaps(gaps: SeriesGaps): string | null {
  const kinds: Array<[number, string]> = [
    [gaps.nan, 'NaN'],
    [gaps.posInf, '+Infinity'],
    [gaps.negInf, '-Infinity'],
  ];
  const phrases = kinds
    .filter(([count]) => count > 0)
    .map(([count, label], i) => {
      const subject = i === 0 ? countPoints(count) : String(count);
      return `${subject} ${count === 1 ? 'is' : 'are'} ${label}`;
    });
  if (phrases.length === 0) return null;
  return `${joinPhrases(phrases)}: drawn as ${gapCount(gaps) === 1 ? 'a gap' : 'gaps'}.`;
}

/** "1 point", "12 points", "0 points". */
export function countPoints(total: number): string {
  return `${total} ${total === 1 ? 'point' : 'points'}`;
}
