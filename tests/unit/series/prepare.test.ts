import { describe, expect, it } from 'vitest';
import {
  countPoints,
  describeGaps,
  prepareSeries,
} from '@/lib/series/prepare';
import type { WireMetricPoint, WireMetricValue } from '@/lib/series/types';

const p = (step: number, value: WireMetricValue, timestamp = 1_700_000_000_000 + step): WireMetricPoint => ({
  step,
  timestamp,
  value,
});

describe('prepareSeries', () => {
  it('turns NaN and ±Infinity into counted gaps, never 0', () => {
    const s = prepareSeries([p(0, 1), p(1, 'NaN'), p(2, 'Infinity'), p(3, '-Infinity'), p(4, 'NaN'), p(5, 0)]);
    expect(s.data.map((d) => d.value)).toEqual([1, null, null, null, null, 0]);
    expect(s.gaps).toEqual({ nan: 2, posInf: 1, negInf: 1 });
    expect(s.total).toBe(6);
  });

  it('treats in-process non-finite numbers the same as their wire strings', () => {
    const s = prepareSeries([p(0, Number.NaN), p(1, Infinity), p(2, -Infinity)]);
    expect(s.data.every((d) => d.value === null)).toBe(true);
    expect(s.gaps).toEqual({ nan: 1, posInf: 1, negInf: 1 });
  });

  it('sorts by step and keeps the logged order of points at the same step', () => {
    const s = prepareSeries([p(3, 30), p(1, 10), p(2, 21), p(2, 22), p(0, 0)]);
    expect(s.data).toEqual([
      { x: 0, value: 0 },
      { x: 1, value: 10 },
      { x: 2, value: 21 },
      { x: 2, value: 22 },
      { x: 3, value: 30 },
    ]);
  });

  it('on the time axis: seconds since the first point, ordered by time, gaps kept', () => {
    const t0 = 1_700_000_000_000;
    const s = prepareSeries([p(2, 20, t0 + 90_000), p(0, 0, t0), p(1, 'NaN', t0 + 30_500), p(3, 30, t0 + 60_000)], 'time');
    expect(s.data).toEqual([
      { x: 0, value: 0 },
      { x: 30.5, value: null },
      { x: 60, value: 30 },
      { x: 90, value: 20 },
    ]);
    expect(s.gaps.nan).toBe(1);
  });

  it('does not reorder its input', () => {
    const points = [p(2, 2), p(1, 1)];
    prepareSeries(points);
    expect(points.map((x) => x.step)).toEqual([2, 1]);
  });

  it('computes min and max over finite values only', () => {
    const s = prepareSeries([p(0, 'Infinity'), p(1, -2.5), p(2, 'NaN'), p(3, 7), p(4, '-Infinity')]);
    expect(s.min).toBe(-2.5);
    expect(s.max).toBe(7);
  });

  it('has null min/max with no finite values, and handles an empty series', () => {
    expect(prepareSeries([p(0, 'NaN')])).toMatchObject({ min: null, max: null, total: 1 });
    expect(prepareSeries([])).toEqual({ data: [], gaps: { nan: 0, posInf: 0, negInf: 0 }, total: 0, min: null, max: null });
  });
});

describe('describeGaps / countPoints', () => {
  it('names each kind of gap', () => {
    expect(describeGaps({ nan: 3, posInf: 1, negInf: 0 })).toBe('3 points are NaN and 1 is +Infinity: drawn as gaps.');
    expect(describeGaps({ nan: 0, posInf: 0, negInf: 1 })).toBe('1 point is -Infinity: drawn as a gap.');
    expect(describeGaps({ nan: 1, posInf: 2, negInf: 3 })).toBe(
      '1 point is NaN, 2 are +Infinity and 3 are -Infinity: drawn as gaps.',
    );
    expect(describeGaps({ nan: 0, posInf: 0, negInf: 0 })).toBeNull();
  });

  it('counts points', () => {
    expect(countPoints(1)).toBe('1 point');
    expect(countPoints(0)).toBe('0 points');
    expect(countPoints(12)).toBe('12 points');
  });
});
