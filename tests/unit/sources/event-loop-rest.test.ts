import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_REST_MS, MIN_REST_MS, restAfter, restFor } from '@/lib/sources/event-loop-rest';

describe('indexing rests between its synchronous steps', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('for half as long as the step held the event loop, at least 1 ms and at most 50 ms', () => {
    expect(restFor(30)).toBe(15);
    expect(restFor(0)).toBe(MIN_REST_MS);
    expect(restFor(0.3)).toBe(1);
    expect(restFor(5_000)).toBe(MAX_REST_MS);
    expect(restFor(Number.NaN)).toBe(MIN_REST_MS);
  });

  it('lets a request that needs several turns of the event loop finish before the next step', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'setImmediate'] });
    const order: string[] = [];
    // A request in flight: each of its stages is handled on a later turn of the loop.
    const hop = (left: number) => setImmediate(() => {
      order.push(`request stage ${4 - left}`);
      if (left > 1) hop(left - 1);
    });
    hop(3);
    const rested = restAfter(30).then(() => order.push('next step'));
    await vi.runAllTimersAsync();
    await rested;
    // With only setImmediate between steps, the next step ran after the request's first stage.
    expect(order).toEqual(['request stage 1', 'request stage 2', 'request stage 3', 'next step']);
  });
});
