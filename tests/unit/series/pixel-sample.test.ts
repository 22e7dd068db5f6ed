import { describe, expect, it } from 'vitest';
import { sampleToWidth } from '@/lib/series/pixel-sample';

const series = (values: Array<number | null>) => values.map((value, x) => ({ x, value }));

describe('sampleToWidth', () => {
  it('leaves a line that already fits (two points per column) as it is', () => {
    const line = series([1, 2, 3, 4, 5, 6]);
    expect(sampleToWidth(line, 3)).toEqual(line);
  });

  it('keeps at most two points per column plus the ends, with every spike, the minimum and the last point', () => {
    const values = Array.from({ length: 10_000 }, (_, i) => Math.sin(i / 50));
    values[4321] = 99; // one spike
    values[777] = -99;
    values[9_999] = 0.123;
    const kept = sampleToWidth(series(values), 150);
    expect(kept.length).toBeLessThanOrEqual(2 * 150 + 2);
    const shown = kept.map((p) => p.value);
    expect(shown).toContain(99);
    expect(shown).toContain(-99);
    expect(kept[0]).toEqual({ x: 0, value: 0 });
    expect(kept.at(-1)).toEqual({ x: 9_999, value: 0.123 });
    // In x order, and the input's own points.
    expect(kept.every((p, i) => i === 0 || p.x > kept[i - 1]!.x)).toBe(true);
  });

  it('keeps every gap where it was, so the line still breaks there', () => {
    const values: Array<number | null> = Array.from({ length: 2_000 }, (_, i) => i % 7);
    values[1_000] = null;
    values[1_001] = null;
    const kept = sampleToWidth(series(values), 50);
    expect(kept.filter((p) => p.value === null).map((p) => p.x)).toEqual([1_000, 1_001]);
    expect(kept.every((p, i) => i === 0 || p.x > kept[i - 1]!.x)).toBe(true);
  });

  it('zoomed, samples only the range on screen (one point beyond each edge): the raw points come back', () => {
    const line = series(Array.from({ length: 10_000 }, (_, i) => i));
    const zoomed = sampleToWidth(line, 300, [5_000, 5_100]);
    expect(zoomed.map((p) => p.x)).toEqual(Array.from({ length: 103 }, (_, i) => 4_999 + i));
    expect(sampleToWidth(line, 300).length).toBeLessThan(700);
  });
});
