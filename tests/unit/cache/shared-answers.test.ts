import { describe, expect, it } from 'vitest';
import { createSharedAnswers } from '@/lib/cache/shared-answers';

/** A load that counts its calls and answers after the test releases it. */
function gatedLoad(answer: (n: number) => { n: number }) {
  let calls = 0;
  const waiting: Array<() => void> = [];
  const load = () => new Promise<{ n: number }>((resolve) => {
    const n = ++calls;
    waiting.push(() => resolve(answer(n)));
  });
  return { load, calls: () => calls, release: () => waiting.splice(0).forEach((go) => go()) };
}

describe('createSharedAnswers', () => {
  it('concurrent callers share one load; later callers get the answer until the TTL passes', async () => {
    let now = 1_000;
    const shared = createSharedAnswers<{ n: number }>({ max: 10, ttlMs: 5_000, now: () => now });
    const gate = gatedLoad((n) => ({ n }));
    const both = Promise.all([shared('k', gate.load), shared('k', gate.load)]);
    await Promise.resolve();
    gate.release();
    expect(await both).toEqual([{ n: 1 }, { n: 1 }]);
    now += 4_999;
    expect(await shared('k', gate.load)).toEqual({ n: 1 });
    expect(gate.calls()).toBe(1);
    now += 2;
    const again = shared('k', gate.load);
    await Promise.resolve();
    gate.release();
    expect(await again).toEqual({ n: 2 });
  });

  it('does not keep a failed load: the next caller loads again', async () => {
    const shared = createSharedAnswers<{ n: number }>({ max: 10, ttlMs: 60_000 });
    await expect(shared('k', () => Promise.reject(new Error('upstream down')))).rejects.toThrow('upstream down');
    expect(await shared('k', async () => ({ n: 7 }))).toEqual({ n: 7 });
  });

  it('keeps at most `max` answers and at most `maxSize` in all', async () => {
    const shared = createSharedAnswers<{ n: number }>({ max: 2, ttlMs: 60_000, maxSize: 10, sizeOf: (v) => v.n });
    let loads = 0;
    const load = (n: number) => async () => (loads++, { n });
    for (const key of ['a', 'b', 'c']) await shared(key, load(1));
    await shared('a', load(1));
    expect(loads).toBe(4);
    // Too big for the whole budget: answered, never kept.
    await shared('big', load(11));
    await shared('big', load(11));
    expect(loads).toBe(6);
  });

  it('answers the callers of a load whose entry was evicted while it ran (more keys in flight than `max`)', async () => {
    const shared = createSharedAnswers<{ n: number }>({ max: 1, ttlMs: 60_000 });
    const first = gatedLoad(() => ({ n: 1 }));
    const second = gatedLoad(() => ({ n: 2 }));
    const a = shared('a', first.load);
    // 'b' takes the only slot while 'a' is still loading: 'a' is evicted, its callers still get its answer.
    const b = shared('b', second.load);
    await Promise.resolve();
    first.release();
    second.release();
    expect(await Promise.all([a, b])).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('keeps an answer for the time `ttlOf` gives it', async () => {
    let now = 1_000; // lru-cache reads a start time of 0 as "no TTL"
    const shared = createSharedAnswers<{ n: number }>({ max: 10, ttlMs: 1_000, ttlOf: (v) => (v.n > 0 ? 60_000 : 1_000), now: () => now });
    let loads = 0;
    const load = (n: number) => async () => (loads++, { n });
    await shared('settled', load(1));
    await shared('live', load(0));
    now = 31_000;
    expect(await shared('settled', load(1))).toEqual({ n: 1 });
    await shared('live', load(0));
    expect(loads).toBe(3);
    now = 61_001;
    await shared('settled', load(1));
    expect(loads).toBe(4);
  });
});
