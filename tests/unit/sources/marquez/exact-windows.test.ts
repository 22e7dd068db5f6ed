import { describe, expect, it } from 'vitest';
import { mergedWindows } from '@/lib/sources/marquez/exact-run';

const w = (after: string, before: string) => ({ after: `2026-10-${after}Z`, before: `2026-10-${before}Z` });

describe('mergedWindows (one events query per window of a batch)', () => {
  it('merges overlapping windows and keeps separate ones apart while within the maximum', () => {
    expect(mergedWindows([w('02T03:00:00', '02T04:00:00'), w('01T01:00:00', '01T02:00:00'), w('01T01:30:00', '01T03:00:00')], 3))
      .toEqual([w('01T01:00:00', '01T03:00:00'), w('02T03:00:00', '02T04:00:00')]);
  });

  it('joins the closest windows first until no more than the maximum are left', () => {
    const nights = [w('01T02:00:00', '01T03:00:00'), w('02T02:00:00', '02T03:00:00'), w('02T05:00:00', '02T06:00:00'), w('09T02:00:00', '09T03:00:00'), w('20T02:00:00', '20T03:00:00')];
    expect(mergedWindows(nights, 3)).toEqual([w('01T02:00:00', '02T06:00:00'), w('09T02:00:00', '09T03:00:00'), w('20T02:00:00', '20T03:00:00')]);
    expect(mergedWindows(nights, 1)).toEqual([w('01T02:00:00', '20T03:00:00')]);
  });
});
