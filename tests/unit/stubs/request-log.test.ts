import { describe, expect, it } from 'vitest';
import { sequentialRoundTrips } from '../../stubs/request-log';

const at = (startedAt: number, endedAt: number) => ({ startedAt, endedAt });

describe('sequentialRoundTrips', () => {
  it('counts parallel requests as one round trip', () => {
    expect(sequentialRoundTrips([at(0, 50), at(1, 51), at(2, 52)])).toBe(1);
  });

  it('counts a request that waited for another as the next round trip', () => {
    // run → events (after the run answered), upstream in parallel with both; then a history after the events.
    expect(sequentialRoundTrips([at(0, 50), at(51, 100), at(0, 60), at(101, 150)])).toBe(3);
  });

  it('ignores requests still unanswered, and an empty log is 0', () => {
    expect(sequentialRoundTrips([at(0, 50), { startedAt: 60, endedAt: null }])).toBe(1);
    expect(sequentialRoundTrips([])).toBe(0);
  });
});
