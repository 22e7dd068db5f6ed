import { describe, expect, it } from 'vitest';
import { formatElapsed, formatWallTick, parseChartAxis } from '@/lib/series/chart-axis';

describe('parseChartAxis', () => {
  it('is time only when the URL says so; anything else is steps', () => {
    expect(parseChartAxis('time')).toBe('time');
    expect(parseChartAxis(['time', 'step'])).toBe('time');
    expect(parseChartAxis('wall')).toBe('wall');
    for (const raw of [null, undefined, '', 'step', 'TIME', 'WALL']) expect(parseChartAxis(raw)).toBe('step');
  });
});

describe('formatElapsed', () => {
  it('says seconds, minutes and hours the way a reader counts them', () => {
    expect(formatElapsed(0)).toBe('0 s');
    expect(formatElapsed(42.4)).toBe('42 s');
    expect(formatElapsed(120)).toBe('2 min');
    expect(formatElapsed(200)).toBe('3 min 20 s');
    expect(formatElapsed(7500)).toBe('2 h 05 min');
  });
});

describe('formatWallTick', () => {
  it('says the UTC clock time', () => {
    expect(formatWallTick(Date.UTC(2026, 10, 24, 2, 14, 5))).toBe('02:14:05');
  });
});
