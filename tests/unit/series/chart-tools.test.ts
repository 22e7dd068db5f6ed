import { describe, expect, it } from 'vitest';
import { formatSI } from '@/lib/series/format-si';
import { seriesCsv, seriesStats } from '@/lib/series/series-stats';
import { parseSmoothing, smoothTimeWeighted } from '@/lib/series/smooth';

describe('smoothTimeWeighted', () => {
  it('is the raw series at weight 0 and starts on the first value (debiased) otherwise', () => {
    const data = [{ x: 0, value: 10 }, { x: 1, value: 0 }, { x: 2, value: null }, { x: 3, value: 0 }];
    expect(smoothTimeWeighted(data, 0)).toEqual([10, 0, null, 0]);
    const s = smoothTimeWeighted(data, 0.9);
    expect(s[0]).toBe(10);
    expect(s[2]).toBeNull();
    // Smoothed values lag the drop to 0 but stay between the raw extremes and keep falling.
    expect(s[1]!).toBeGreaterThan(0);
    expect(s[3]!).toBeLessThan(s[1]!);
  });

  it('weights by distance along x, not by index: a far point forgets more', () => {
    const near = smoothTimeWeighted([{ x: 0, value: 10 }, { x: 1, value: 0 }, { x: 100, value: 0 }], 0.9);
    const far = smoothTimeWeighted([{ x: 0, value: 10 }, { x: 99, value: 0 }, { x: 100, value: 0 }], 0.9);
    expect(far[1]!).toBeLessThan(near[1]!);
  });

  it('reads the slider value from the URL, clamped', () => {
    expect(parseSmoothing('0.6')).toBe(0.6);
    expect(parseSmoothing('5')).toBe(0.99);
    expect(parseSmoothing('-1')).toBe(0);
    expect(parseSmoothing('abc')).toBe(0);
    expect(parseSmoothing(null)).toBe(0);
  });
});

describe('formatSI', () => {
  it('says big and small ticks with SI prefixes', () => {
    expect(formatSI(600000)).toBe('600k');
    expect(formatSI(1250000)).toBe('1.25M');
    expect(formatSI(-3e9)).toBe('-3G');
    expect(formatSI(0.25)).toBe('0.25');
    expect(formatSI(12)).toBe('12');
    expect(formatSI(0.0004)).toBe('400µ');
    expect(formatSI(0)).toBe('0');
  });
});

describe('seriesStats and seriesCsv', () => {
  it('gives min, max and last over finite values only', () => {
    expect(seriesStats([3, null, 1, 5, null])).toEqual({ min: 1, max: 5, last: 5 });
    expect(seriesStats([null])).toBeNull();
  });

  it('writes one row per x with empty cells for gaps and quoted keys', () => {
    const csv = seriesCsv('step', [
      { key: 'loss', points: [{ x: 1, value: 0.5 }, { x: 2, value: null }] },
      { key: 'a,b', points: [{ x: 2, value: 3 }] },
    ]);
    expect(csv).toBe('step,loss,"a,b"\n1,0.5,\n2,,3\n');
  });
});
