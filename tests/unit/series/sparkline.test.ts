import { describe, expect, it } from 'vitest';
import { sparklinePoints } from '@/lib/series/sparkline';

describe('sparklinePoints', () => {
  it('scales steps to the width and values to the height, y down, leaving gaps out', () => {
    const points = [
      { step: 3, timestamp: 0, value: 2 },
      { step: 1, timestamp: 0, value: 0 },
      { step: 2, timestamp: 0, value: 'NaN' as const },
    ];
    expect(sparklinePoints(points, 100, 10)).toBe('0,10 100,0');
  });

  it('draws a flat series mid-height and refuses fewer than two finite points', () => {
    expect(sparklinePoints([{ step: 0, timestamp: 0, value: 1 }, { step: 4, timestamp: 0, value: 1 }], 8, 10)).toBe('0,5 8,5');
    expect(sparklinePoints([{ step: 0, timestamp: 0, value: 1 }], 8, 10)).toBeNull();
  });
});
