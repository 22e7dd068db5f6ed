import { describe, expect, it } from 'vitest';
import { relativeTime, utcSeconds } from '@/lib/model/relative-time';

const NOW = Date.parse('2026-12-07T05:15:00Z');
const ago = (ms: number) => relativeTime(NOW - ms, NOW).replaceAll('\u00a0', ' ');

describe('relativeTime', () => {
  it('says how long ago in the largest whole unit', () => {
    expect(ago(2_000)).toBe('just now');
    expect(ago(42_000)).toBe('42 s ago');
    expect(ago(3 * 60_000 + 59_000)).toBe('3 min ago');
    expect(ago(5 * 3_600_000)).toBe('5 h ago');
    expect(ago(86_400_000)).toBe('1 day ago');
    expect(ago(12 * 86_400_000)).toBe('12 days ago');
    expect(ago(65 * 86_400_000)).toBe('2 months ago');
    expect(ago(800 * 86_400_000)).toBe('2 years ago');
    expect(ago(-3 * 60_000)).toBe('in 3 min');
  });

  it('never leaves a breakable space inside the text', () => {
    expect(relativeTime(NOW - 3 * 60_000, NOW)).not.toMatch(/ /);
  });

  it('gives the absolute time to the second in UTC', () => {
    expect(utcSeconds(Date.parse('2026-12-07T05:12:03.456Z'))).toBe('2026-12-07 05:12:03 UTC');
  });
});
