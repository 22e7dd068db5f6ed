import { describe, expect, it } from 'vitest';
import { parseEventTime } from '@/lib/openlineage/time';

describe('parseEventTime', () => {
  it('reads a zone-less time as UTC, whatever the machine zone', () => {
    expect(parseEventTime('2020-12-28T19:51:01.641499')).toBe(parseEventTime('2020-12-28T19:51:01.641499Z'));
    expect(parseEventTime('2020-12-28T19:51:01')).toBe(Date.UTC(2020, 11, 28, 19, 51, 1));
  });

  it('keeps sub-millisecond digits so events within one millisecond still order', () => {
    const ms = parseEventTime('2020-12-28T19:51:01.641Z') ?? NaN;
    const micro = parseEventTime('2020-12-28T19:51:01.641499Z') ?? NaN;
    const nano = parseEventTime('2020-12-28T19:51:01.641499123Z') ?? NaN;
    expect(micro - ms).toBeCloseTo(0.499, 3);
    expect(nano).toBeGreaterThanOrEqual(micro);
    expect(Math.floor(micro)).toBe(Date.UTC(2020, 11, 28, 19, 51, 1, 641));
  });

  it('applies offsets in every common spelling', () => {
    const utc = Date.UTC(2020, 11, 28, 9, 52, 0, 1);
    expect(parseEventTime('2020-12-28T19:52:00.001+10:00')).toBe(utc);
    expect(parseEventTime('2020-12-28T19:52:00.001+1000')).toBe(utc);
    expect(parseEventTime('2020-12-28T19:52:00.001+10')).toBe(utc);
    expect(parseEventTime('2020-12-28 09:52:00.001z')).toBe(utc);
  });

  it('returns null for text that is not a date-time', () => {
    expect(parseEventTime('yesterday')).toBeNull();
    expect(parseEventTime('')).toBeNull();
    expect(parseEventTime('2020-13-45T99:00:00Z')).toBeNull();
  });
});
