import { describe, expect, it } from 'vitest';
import { nearestTickIndex } from '@/lib/series/nearest-tick';

const ticks = [0, 4, 9, 15, 511].map((value) => ({ value }));

describe('nearestTickIndex', () => {
  it('finds the drawn point nearest to the x pointed at on another chart (which may hold other points)', () => {
    expect(nearestTickIndex(ticks, '9')).toBe(2);
    expect(nearestTickIndex(ticks, '10')).toBe(2);
    expect(nearestTickIndex(ticks, 14)).toBe(3);
    expect(nearestTickIndex(ticks, '600')).toBe(4);
  });

  it('matches nothing when no x is pointed at or the chart has no points', () => {
    expect(nearestTickIndex(ticks, undefined)).toBe(-1);
    expect(nearestTickIndex(ticks, '')).toBe(-1);
    expect(nearestTickIndex([], '3')).toBe(-1);
  });
});
