import { describe, expect, it } from 'vitest';
import { rngFor } from '../../../scripts/demo-data/prng.mjs';
import { bucketCount, bucketStart, describeSample, downsample, type SamplePoint } from '@/lib/series/downsample';

const p = (step: number, value: number): SamplePoint => ({ step, timestamp: 1_700_000_000_000 + step, value });
/** Deterministic, so a failing case reproduces. */
const prng = (seed: number) => rngFor('downsample-test', seed).next;
const series = (values: number[]): SamplePoint[] => values.map((v, i) => p(i, v));


function finiteExtremes(points: readonly SamplePoint[]): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const { value } of points) {
    if (!Number.isFinite(value)) continue;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return { min, max };
}

const values = (points: readonly SamplePoint[]) => points.map((x) => x.value);
const isOrdered = (points: readonly SamplePoint[]) => points.every((x, i) => i === 0 || (points[i - 1]?.step ?? -Infinity) <= x.step);

describe('downsample', () => {
  it('returns every point unchanged when total ≤ maxPoints', () => {
    const input = series([3, NaN, 1, Infinity, 2]);
    const out = downsample(input, 5);
    expect(out.sampled).toBe(false);
    expect(out.total).toBe(5);
    expect(out.points).toEqual(input);
    expect(out.points[0]).toBe(input[0]);
    expect(out.gaps).toEqual({ nan: 1, posInf: 1, negInf: 0 });
  });

  it('keeps the first and last point, in step order, within maxPoints', () => {
    const rand = prng(1);
    const input = series(Array.from({ length: 10_000 }, () => rand()));
    for (const maxPoints of [2, 3, 4, 5, 6, 7, 100, 999, 1000]) {
      const out = downsample(input, maxPoints);
      expect(out.sampled).toBe(true);
      expect(out.points.length).toBeLessThanOrEqual(maxPoints);
      expect(isOrdered(out.points)).toBe(true);
      if (maxPoints >= 4) {
        expect(out.points[0]).toBe(input[0]);
        expect(out.points.at(-1)).toBe(input.at(-1));
      }
    }
  });

  it('keeps the min and max of every bucket', () => {
    const rand = prng(2);
    const input = series(Array.from({ length: 50_002 }, () => rand() * 100 - 50));
    const maxPoints = 202;
    const buckets = bucketCount(input.length, maxPoints, 0);
    expect(buckets).toBe(100);
    const out = new Set(downsample(input, maxPoints).points);
    for (let b = 0; b < buckets; b++) {
      const bucket = input.slice(bucketStart(b, buckets, input.length), bucketStart(b + 1, buckets, input.length));
      const { min, max } = finiteExtremes(bucket);
      expect(bucket.some((x) => x.value === min && out.has(x))).toBe(true);
      expect(bucket.some((x) => x.value === max && out.has(x))).toBe(true);
    }
  });

  it('keeps the global min and max even at the smallest budgets', () => {
    const input = series([0, 1, -7, 2, 9, 3, 0.5]);
    for (const maxPoints of [2, 3, 4, 5, 6]) {
      const kept = values(downsample(input, maxPoints).points);
      expect(kept).toContain(9);
      expect(kept).toContain(-7);
    }
  });

  it('keeps NaN and ±Infinity as gap markers at their step, never 0, and counts them', () => {
    const raw = Array.from({ length: 1_000 }, (_, i) => Math.sin(i / 10) + 2);
    raw[100] = NaN;
    raw[101] = NaN;
    raw[500] = Infinity;
    raw[900] = -Infinity;
    const input = series(raw);
    const out = downsample(input, 50);
    expect(out.gaps).toEqual({ nan: 2, posInf: 1, negInf: 1 });
    expect(out.points.length).toBeLessThanOrEqual(50);
    const markers = out.points.filter((x) => !Number.isFinite(x.value));
    expect(markers.map((x) => x.step)).toEqual([100, 500, 900]);
    expect(markers.some((x) => Number.isNaN(x.value))).toBe(true);
    expect(values(out.points)).not.toContain(0);
  });

  it('keeps one gap marker per bucket, even when every bucket has gaps', () => {
    const raw = Array.from({ length: 10_000 }, (_, i) => (i % 7 === 4 ? NaN : i));
    const out = downsample(series(raw), 100);
    expect(out.points.length).toBeLessThanOrEqual(100);
    expect(out.points.filter((x) => Number.isNaN(x.value)).length).toBe(bucketCount(10_000, 100, out.gaps.nan));
    expect(values(out.points)).toContain(9_999);
    expect(values(out.points)).toContain(0);
  });

  it('keeps a gap even at a tiny budget, and a series of gaps only', () => {
    expect(downsample(series([1, 5, NaN, -2, 3, 4]), 3).points.map((x) => x.value)).toEqual([5, NaN, -2]);
    const onlyGaps = downsample(series([NaN, Infinity, NaN, -Infinity, NaN, NaN]), 4);
    expect(onlyGaps.points.length).toBeGreaterThan(0);
    expect(onlyGaps.points.every((x) => !Number.isFinite(x.value))).toBe(true);
  });

  it('sorts unordered input by step before bucketing', () => {
    const rand = prng(3);
    const ordered = series(Array.from({ length: 5_000 }, () => rand()));
    const shuffled = [...ordered].sort(() => rand() - 0.5);
    const out = downsample(shuffled, 100);
    expect(isOrdered(out.points)).toBe(true);
    expect(out.points).toEqual(downsample(ordered, 100).points);
    expect(downsample(shuffled, 10_000).points).toEqual(ordered);
  });

  it('keeps the global extremes of 1,000,000 points with random spikes, within maxPoints', () => {
    const rand = prng(4);
    const raw = new Array<number>(1_000_000);
    for (let i = 0; i < raw.length; i++) raw[i] = 1 / (1 + i / 1e5) + (rand() - 0.5) * 0.01;
    for (let k = 0; k < 20; k++) raw[Math.floor(rand() * raw.length)] = (rand() - 0.5) * 1e6;
    for (let k = 0; k < 30; k++) raw[Math.floor(rand() * raw.length)] = NaN;
    const input = series(raw);
    const { min, max } = finiteExtremes(input);
    const out = downsample(input, 1_000);
    expect(out.total).toBe(1_000_000);
    expect(out.sampled).toBe(true);
    expect(out.points.length).toBeLessThanOrEqual(1_000);
    expect(values(out.points)).toContain(max);
    expect(values(out.points)).toContain(min);
    expect(out.points.some((x) => Number.isNaN(x.value))).toBe(true);
    expect(out.points[0]).toBe(input[0]);
    expect(out.points.at(-1)).toBe(input.at(-1));
  });

  it('rejects a budget below 2', () => {
    expect(() => downsample(series([1, 2, 3]), 1)).toThrow(RangeError);
    expect(() => downsample(series([1, 2, 3]), 2.5)).toThrow(RangeError);
  });
});

describe('describeSample', () => {
  it('says how many points are shown out of how many, or nothing when none were left out', () => {
    expect(describeSample(1_000, 512_345, true)).toBe('Showing 1,000 of 512,345 points (min and max of each bucket kept).');
    expect(describeSample(12, 12, false)).toBeNull();
  });

  it('says when the points come from the first part of a longer history only', () => {
    expect(describeSample(1_000, 100_000, true, 100_000)).toBe('Showing 1,000 points downsampled from the first 100,000 (min and max of each bucket kept); the history has more points, which were not read.');
  });
});
