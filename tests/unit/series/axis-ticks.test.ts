import { describe, expect, it } from 'vitest';
import { axisTicks, xRange } from '@/lib/series/axis-ticks';

const gaps = (ticks: number[]) => ticks.slice(1).map((t, i) => t - ticks[i]!);

describe('axisTicks', () => {
  it('keeps both ends and puts round values between them', () => {
    expect(axisTicks([0, 511], 330, { integer: true })).toEqual([0, 100, 200, 300, 400, 511]);
  });

  it('leaves out a round value that would crowd an end label (1k beside 1.01k)', () => {
    const ticks = axisTicks([0, 1010], 330);
    expect(ticks.at(-1)).toBe(1010);
    expect(ticks).not.toContain(1000);
    const step = Math.min(...gaps(ticks.slice(0, -1)));
    expect(ticks.at(-1)! - ticks.at(-2)!).toBeGreaterThanOrEqual(0.75 * step);
  });

  it('spaces ticks by the plot width: a wider plot gets more, never more than one per spacing', () => {
    const narrow = axisTicks([0, 1000], 200);
    const wide = axisTicks([0, 1000], 1200);
    expect(wide.length).toBeGreaterThan(narrow.length);
    expect(Math.min(...gaps(wide)) * (1200 / 1000)).toBeGreaterThanOrEqual(60 * 0.75);
  });

  it('steps of an integer axis are whole; decimals stay exact (no 0.30000000000000004)', () => {
    expect(axisTicks([0, 3], 330, { integer: true }).every(Number.isInteger)).toBe(true);
    for (const t of axisTicks([0.1, 0.9], 800)) expect(String(t).length).toBeLessThan(6);
  });

  it('an empty or single-valued range gives no or one tick', () => {
    expect(axisTicks([Infinity, -Infinity], 300)).toEqual([]);
    expect(axisTicks([5, 5], 300)).toEqual([5]);
  });
});

describe('xRange', () => {
  it('is the zoom when zoomed, else the first and last x of the lines', () => {
    expect(xRange([[{ x: 2 }, { x: 9 }], [{ x: 1 }, { x: 5 }], []], null)).toEqual([1, 9]);
    expect(xRange([[{ x: 2 }, { x: 9 }]], [3, 4])).toEqual([3, 4]);
  });
});
