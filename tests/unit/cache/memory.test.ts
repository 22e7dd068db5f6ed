import { describe, expect, it, vi } from 'vitest';
import { createCachedCall, CachedFailure } from '@/lib/cache/cached-call';
import { decodeJson, encodeJson } from '@/lib/cache/json-codec';
import { createMemoryCache, jsonSize } from '@/lib/cache/memory-cache';
import { createSingleflight } from '@/lib/cache/singleflight';
import { cacheCounters, resetCacheCounters } from '@/lib/cache/stats';
import { createTieredCache, type SharedStore } from '@/lib/cache/tiered-cache';

describe('singleflight', () => {
  it('gives concurrent callers one load, and starts afresh once it settled', async () => {
    const share = createSingleflight();
    let release!: (v: number) => void;
    const load = vi.fn(() => new Promise<number>((resolve) => { release = resolve; }));
    const joined = vi.fn();
    const a = share('k', load);
    const b = share('k', load, joined);
    release(7);
    expect(await Promise.all([a, b])).toEqual([7, 7]);
    expect(load).toHaveBeenCalledTimes(1);
    expect(joined).toHaveBeenCalledTimes(1);
    await share('k', () => Promise.resolve(8));
    expect(await share('k', () => Promise.resolve(9))).toBe(9);
  });
});

describe('memory cache (lru-cache)', () => {
  const entry = (value: unknown, expiresAt = Infinity) => ({ value, expiresAt });

  it('drops the least recently used entry past its entry count, and expired entries', async () => {
    let now = 0;
    const memory = createMemoryCache(2, () => now);
    await memory.set('a', entry('A', 100));
    await memory.set('b', entry('B', 100));
    expect((await memory.get('a'))?.value).toBe('A'); // a is now the most recent
    await memory.set('c', entry('C', 100));
    expect(await memory.get('b')).toBeUndefined();
    expect([(await memory.get('a'))?.value, (await memory.get('c'))?.value]).toEqual(['A', 'C']);
    now = 100;
    expect(await memory.get('a')).toBeUndefined();
  });

  it('keeps no value bigger than the whole byte budget, and leaves the others in place', async () => {
    const memory = createMemoryCache(100, () => 0, 10);
    await memory.set('a', entry('aaaa'));
    await memory.set('huge', entry('x'.repeat(20)));
    expect(await memory.get('huge')).toBeUndefined();
    expect((await memory.get('a'))?.value).toBe('aaaa');
  });

  it('stores nothing already expired', async () => {
    const memory = createMemoryCache(100, () => 50);
    await memory.set('old', entry('x', 50));
    expect(await memory.get('old')).toBeUndefined();
  });
});

describe('memory cache', () => {
  it('evicts older answers when big ones exceed its byte budget, counted as JSON', async () => {
    const history = (n: number) => ({ points: Array.from({ length: n }, (_, step) => ({ step, value: step / 3 })) });
    const oneKb = jsonSize(history(40));
    const memory = createMemoryCache(1_000, () => 0, 3 * oneKb);
    for (const key of ['m1', 'm2', 'm3', 'm4']) await memory.set(key, { value: history(40), expiresAt: 1_000 });
    expect(await memory.get('m1')).toBeUndefined();
    expect((await memory.get('m4'))?.value).toEqual(history(40));
    expect(await memory.get('m2')).toBeDefined();
  });
});

describe('JSON codec', () => {
  it('keeps NaN and ±Infinity, which plain JSON turns into null', () => {
    const value = { points: [{ value: NaN }, { value: Infinity }, { value: -Infinity }, { value: 1.5 }], note: null };
    const back = decodeJson(encodeJson(value)) as typeof value;
    expect(back.points.map((p) => p.value)).toEqual([NaN, Infinity, -Infinity, 1.5]);
    expect(back.note).toBeNull();
  });
});

function brokenShared(): SharedStore & { calls: number } {
  const store = {
    kind: 'redis' as const,
    location: 'redis://127.0.0.1:1',
    calls: 0,
    get: () => { store.calls += 1; return Promise.reject(new Error('connection refused')); },
    set: () => { store.calls += 1; return Promise.reject(new Error('connection refused')); },
    problem: () => 'connection refused (since 2026-11-26T00:00:00.000Z)',
  };
  return store;
}

describe('cached calls', () => {
  it('loads once, then serves from memory until the TTL ends', async () => {
    resetCacheCounters();
    let now = 1_000;
    vi.spyOn(Date, 'now').mockImplementation(() => now);
    const call = createCachedCall(createTieredCache(createMemoryCache(10), null));
    const load = vi.fn(async () => ({ n: load.mock.calls.length }));
    const options = { namespace: 'demo', key: 'run-1', load, ttlMs: () => 500 };
    expect(await call(options)).toEqual({ n: 1 });
    expect(await call(options)).toEqual({ n: 1 });
    now += 600;
    expect(await call(options)).toEqual({ n: 2 });
    expect(load).toHaveBeenCalledTimes(2);
    expect(cacheCounters().demo).toMatchObject({ memoryHits: 1, misses: 2 });
    vi.restoreAllMocks();
  });

  it('shares one load between concurrent callers', async () => {
    resetCacheCounters();
    const call = createCachedCall(createTieredCache(createMemoryCache(10), null));
    const load = vi.fn(() => new Promise((resolve) => setTimeout(() => resolve('v'), 20)));
    const results = await Promise.all(Array.from({ length: 5 }, () => call({ namespace: 'demo', key: 'k', load, ttlMs: () => 1_000 })));
    expect(results).toEqual(['v', 'v', 'v', 'v', 'v']);
    expect(load).toHaveBeenCalledTimes(1);
    expect(cacheCounters().demo).toMatchObject({ misses: 1, shared: 4 });
  });

  it('remembers a failure for errorTtlMs only, with its message', async () => {
    let now = 0;
    vi.spyOn(Date, 'now').mockImplementation(() => now);
    const call = createCachedCall(createTieredCache(createMemoryCache(10), null));
    const load = vi.fn(() => Promise.reject(new Error('Marquez: HTTP 500')));
    const options = { namespace: 'demo', key: 'failing', load, ttlMs: () => 1_000, errorTtlMs: 100 };
    await expect(call(options)).rejects.toThrow('Marquez: HTTP 500');
    const again = await call(options).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(CachedFailure);
    expect((again as Error).message).toBe('Marquez: HTTP 500');
    expect(load).toHaveBeenCalledTimes(1);
    now = 150;
    await expect(call(options)).rejects.toThrow('Marquez: HTTP 500');
    expect(load).toHaveBeenCalledTimes(2);
    vi.restoreAllMocks();
  });

  it('keeps answering from memory when the shared store fails, and says so in health', async () => {
    resetCacheCounters();
    const shared = brokenShared();
    const tiers = createTieredCache(createMemoryCache(10), shared);
    const call = createCachedCall(tiers);
    const load = vi.fn(async () => 42);
    expect(await call({ namespace: 'demo', key: 'k', load, ttlMs: () => 1_000 })).toBe(42);
    expect(await call({ namespace: 'demo', key: 'k', load, ttlMs: () => 1_000 })).toBe(42);
    expect(load).toHaveBeenCalledTimes(1);
    expect(shared.calls).toBeGreaterThan(0);
    expect(cacheCounters().demo).toMatchObject({ memoryHits: 1, misses: 1 });
    expect(cacheCounters().demo!.sharedErrors).toBeGreaterThan(0);
    expect(tiers.health()).toMatchObject({ kind: 'memory+redis', status: 'degraded', location: 'redis://127.0.0.1:1' });
    expect(tiers.health().error).toContain('connection refused');
  });
});

describe('cache lookups on /api/metrics', () => {
  it('counts a miss and then a memory hit in runlens_cache_lookups_total', async () => {
    const { renderMetrics } = await import('@/lib/observability/metrics');
    const call = createCachedCall(createTieredCache(createMemoryCache(10), null));
    const load = () => Promise.resolve(1);
    await call({ namespace: 'metrics-test', key: 'k', load, ttlMs: () => 60_000 });
    await call({ namespace: 'metrics-test', key: 'k', load, ttlMs: () => 60_000 });
    const text = await renderMetrics();
    expect(text).toContain('runlens_cache_lookups_total{cache="metrics-test",result="miss"} 1');
    expect(text).toContain('runlens_cache_lookups_total{cache="metrics-test",result="hit"} 1');
  });
});
