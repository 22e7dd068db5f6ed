import type { SeriesGaps } from './types';

// Min-max decimation, not LTTB: each bucket emits its own minimum and maximum, so the global ones (which sit
// in some bucket) always survive; LTTB picks one point per bucket by triangle area and can drop a spike.

export const DEFAULT_MAX_POINTS = 1_000;
export const MIN_MAX_POINTS = 2;
export const MAX_MAX_POINTS = 10_000;

/** Structurally the model's MetricPoint: NaN and ±Infinity are kept as the JS numbers. */
export interface SamplePoint {
  step: number;
  timestamp: number;
  value: number;
}

export interface Downsampled<P extends SamplePoint> {
  /** In step order; the input's own objects, never copies with changed values. */
  points: P[];
  /** True when points were left out. */
  sampled: boolean;
  /** Raw point count, gaps included. */
  total: number;
  /** Non-finite values in the raw series (the output keeps at most one marker per bucket). */
  gaps: SeriesGaps;
}

/**
 * Buckets over the interior (first and last are kept apart). Each bucket emits ≤ 2 extremes + ≤ 1 gap marker,
 * and at most `nonFinite` buckets hold a marker, so 2 + 2·buckets + min(buckets, nonFinite) ≤ maxPoints.
 */
export function bucketCount(total: number, maxPoints: number, nonFinite: number): number {
  const budget = maxPoints - 2;
  const withMarkers = Math.floor(budget / 3);
  const fewGaps = Math.floor((budget - nonFinite) / 2);
  const buckets = nonFinite <= fewGaps ? Math.max(withMarkers, fewGaps) : withMarkers;
  return Math.max(0, Math.min(buckets, total - 2));
}

/** Start index of bucket `b` of `buckets` over the interior 1…total-2; bucket b ends where b+1 starts. */
export function bucketStart(b: number, buckets: number, total: number): number {
  return 1 + Math.floor((b * (total - 2)) / buckets);
}

/**
 * At most `maxPoints` points keeping the first and last point, every bucket's min and max, and one gap marker
 * (its first NaN/±Infinity, at its step) per bucket that had any. O(n); sorts a copy only if steps are unordered.
 */
export function downsample<P extends SamplePoint>(input: readonly P[], maxPoints: number): Downsampled<P> {
  if (!Number.isInteger(maxPoints) || maxPoints < MIN_MAX_POINTS) {
    throw new RangeError(`maxPoints must be an integer ≥ ${MIN_MAX_POINTS}, got ${maxPoints}`);
  }
  const { ordered, gaps } = scan(input);
  // Stable sort, as in prepareSeries: points logged at the same step keep their logged order.
  const points = ordered ? input : [...input].sort((a, b) => a.step - b.step);
  const total = points.length;
  if (total <= maxPoints) return { points: points.slice(), sampled: false, total, gaps };

  const buckets = bucketCount(total, maxPoints, gaps.nan + gaps.posInf + gaps.negInf);
  const kept = buckets > 0 ? bucketExtremes(points, buckets) : tinyBudget(points, maxPoints);
  return { points: pick(points, kept), sampled: true, total, gaps };
}

function scan(points: readonly SamplePoint[]): { ordered: boolean; gaps: SeriesGaps } {
  const gaps: SeriesGaps = { nan: 0, posInf: 0, negInf: 0 };
  let ordered = true;
  let previous = -Infinity;
  for (const { step, value } of points) {
    if (step < previous) ordered = false;
    previous = step;
    if (Number.isNaN(value)) gaps.nan += 1;
    else if (value === Infinity) gaps.posInf += 1;
    else if (value === -Infinity) gaps.negInf += 1;
  }
  return { ordered, gaps };
}

/** Indices kept, ascending: first, then per bucket its min, max and first gap in index order, then last. */
function bucketExtremes(points: readonly SamplePoint[], buckets: number): number[] {
  const total = points.length;
  const kept = [0];
  let bucket = 0;
  let end = bucketStart(1, buckets, total);
  let minI = -1;
  let maxI = -1;
  let gapI = -1;
  let minV = 0;
  let maxV = 0;
  for (let i = 1; i < total - 1; i++) {
    const value = points[i]?.value ?? NaN;
    if (Number.isFinite(value)) {
      if (minI < 0 || value < minV) { minV = value; minI = i; }
      if (maxI < 0 || value > maxV) { maxV = value; maxI = i; }
    } else if (gapI < 0) {
      gapI = i;
    }
    if (i + 1 === end) {
      const found = [minI, maxI, gapI].filter((k, n, all) => k >= 0 && all.indexOf(k) === n);
      kept.push(...found.sort((a, b) => a - b));
      bucket += 1;
      end = bucketStart(bucket + 1, buckets, total);
      minI = maxI = gapI = -1;
    }
  }
  kept.push(total - 1);
  return kept;
}

/** No bucket fits (maxPoints < 4, or < 5 with gaps): the global extremes win, then a gap marker, then first and last. */
function tinyBudget(points: readonly SamplePoint[], maxPoints: number): number[] {
  let minI = -1;
  let maxI = -1;
  let gapI = -1;
  points.forEach(({ value }, i) => {
    if (!Number.isFinite(value)) {
      if (gapI < 0) gapI = i;
      return;
    }
    if (minI < 0 || value < (points[minI]?.value ?? value)) minI = i;
    if (maxI < 0 || value > (points[maxI]?.value ?? value)) maxI = i;
  });
  const wanted = [maxI, minI, gapI, 0, points.length - 1].filter((k, n, all) => k >= 0 && all.indexOf(k) === n);
  return wanted.slice(0, maxPoints).sort((a, b) => a - b);
}

function pick<P>(points: readonly P[], indices: readonly number[]): P[] {
  const out: P[] = [];
  for (const i of indices) {
    const point = points[i];
    if (point !== undefined) out.push(point);
  }
  return out;
}

/**
 * "Showing 1,000 of 512,345 points (min and max of each bucket kept).", or null when nothing was left out.
 * With `readLimit`, the history was longer than one read: what is shown comes from its first points only.
 * With `sampledFrom`, the source gave a sample (W&B): `total` points of the `sampledFrom` logged.
 */
export function describeSample(shown: number, total: number, sampled: boolean, readLimit?: number | null, sampledFrom?: number | null): string | null {
  if (!sampled) return null;
  const n = new Intl.NumberFormat('en-US');
  if (readLimit != null) return `Showing ${n.format(shown)} points downsampled from the first ${n.format(readLimit)} (min and max of each bucket kept); the history has more points, which were not read.`;
  if (sampledFrom != null) {
    const kept = shown < total ? ', min and max of each bucket kept' : '';
    return `Showing ${n.format(shown)} of a ${n.format(total)}-point sample the source took of ${n.format(sampledFrom)} logged points${kept}.`;
  }
  return `Showing ${n.format(shown)} of ${n.format(total)} points (min and max of each bucket kept).`;
}
