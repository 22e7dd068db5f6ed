import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createClient } from 'redis';
import { setLogSink } from '@/lib/observability/log';
import { renderMetrics as prometheusText } from '@/lib/observability/metrics';
import { createCachedCall } from '@/lib/cache/cached-call';
import { createMemoryCache } from '@/lib/cache/memory-cache';
import { createRedisCache, type RedisCache } from '@/lib/cache/redis-cache';
import { cacheCounters, resetCacheCounters } from '@/lib/cache/stats';
import { createTieredCache } from '@/lib/cache/tiered-cache';
import { startRedisServer, type RedisServer } from '../../stubs/redis-server';

// Against a real redis-server on loopback, started and stopped by the test.
let redis: RedisServer;
const clients: RedisCache[] = [];
const connect = (url: string, timeoutMs?: number) => {
  const client = createRedisCache({ url, prefix: `test:${Date.now()}:`, timeoutMs });
  clients.push(client);
  return client;
};

beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await redis?.stop();
});

describe('Redis cache', () => {
  it('stores JSON with its expiry; NaN survives; expired entries read as missing', async () => {
    const cache = connect(redis.url);
    const value = { history: [1, NaN, -Infinity], label: 'x' };
    expect(await cache.get('k')).toBeUndefined(); // connected from here on
    await cache.set('k', { value, expiresAt: Date.now() + 1_000 });
    const hit = await cache.get('k');
    expect((hit?.value as typeof value).history).toEqual([1, NaN, -Infinity]);
    expect(await cache.get('missing')).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(await cache.get('k')).toBeUndefined();
    expect(cache.problem()).toBeNull();
  });

  it('lets a second process (another replica) serve what the first one loaded', async () => {
    resetCacheCounters();
    const prefix = `replicas:${Date.now()}:`;
    const replica = () => {
      const shared = createRedisCache({ url: redis.url, prefix });
      clients.push(shared);
      return createCachedCall(createTieredCache(createMemoryCache(), shared));
    };
    const [first, second] = [replica(), replica()];
    const upstream = vi.fn(async () => ({ runId: 'r1', inputs: 20 }));
    const options = { namespace: 'exact-run', key: 'marquez:r1', load: upstream, ttlMs: () => 60_000 };
    expect(await first(options)).toEqual({ runId: 'r1', inputs: 20 });
    // The write to Redis is not awaited by the caller: give it a moment.
    await vi.waitFor(async () => expect(await second(options)).toEqual({ runId: 'r1', inputs: 20 }));
    expect(upstream).toHaveBeenCalledTimes(1);
    expect(cacheCounters()['exact-run']).toMatchObject({ misses: 1, sharedHits: 1 });
  });

  it('fails fast while Redis is down, reports it, and recovers when it is back', async () => {
    const own = await startRedisServer();
    const cache = connect(own.url, 200);
    await cache.set('k', { value: 1, expiresAt: Date.now() + 60_000 });
    await own.stop();
    const started = performance.now();
    await expect(cache.get('k')).rejects.toThrow();
    expect(performance.now() - started).toBeLessThan(1_500);
    expect(cache.problem()).not.toBeNull();
    const back = await startRedisServer(own.port);
    try {
      await vi.waitFor(async () => {
        await cache.set('k2', { value: 2, expiresAt: Date.now() + 60_000 });
        expect((await cache.get('k2'))?.value).toBe(2);
      }, { timeout: 10_000, interval: 200 });
      expect(cache.problem()).toBeNull();
    } finally {
      await back.stop();
    }
  });

  it('never blocks a page when nothing listens at REDIS_URL', async () => {
    const tiers = createTieredCache(createMemoryCache(), connect('redis://127.0.0.1:1', 100));
    const call = createCachedCall(tiers);
    expect(await call({ namespace: 'demo', key: 'k', load: async () => 'from upstream', ttlMs: () => 1_000 })).toBe('from upstream');
    expect(await call({ namespace: 'demo', key: 'k', load: async () => 'again', ttlMs: () => 1_000 })).toBe('from upstream');
    await vi.waitFor(() => expect(tiers.health().status).toBe('degraded'));
    expect(tiers.health().error).toMatch(/Redis/);
  });
});

describe('Redis cache: values over the size cap', () => {
  const LIMIT = 64 * 1024;
  /** Bytes Redis has sent to all its clients so far (INFO stats). */
  const sentByRedis = async (admin: { info(section: string): Promise<string> }) => Number(/total_net_output_bytes:(\d+)/.exec(await admin.info('stats'))?.[1]);

  it('does not write a value over the cap (kept in memory only), and says so in a metric and a log line', async () => {
    const lines: string[] = [];
    setLogSink((line) => lines.push(line));
    try {
      const prefix = `oversized-write:${Date.now()}:`;
      const cache = createRedisCache({ url: redis.url, prefix, maxValueBytes: LIMIT });
      clients.push(cache);
      const keysBefore = await redis.keyCount();
      await cache.set('metric-history:big', { value: 'x'.repeat(LIMIT + 1), expiresAt: Date.now() + 60_000 });
      await cache.set('metric-history:small', { value: 'x'.repeat(100), expiresAt: Date.now() + 60_000 });
      expect(await redis.keyCount()).toBe(keysBefore + 1);
      expect(await cache.get('metric-history:big')).toBeUndefined();
      expect((await cache.get('metric-history:small'))?.value).toBe('x'.repeat(100));
      expect(await prometheusText()).toMatch(/runlens_cache_shared_oversized_total\{cache="metric-history",direction="write"\} 1/);
      const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.event === 'cache.redis-value-too-large');
      expect(logged).toMatchObject({ level: 'warn', cache: 'metric-history', direction: 'write', limitBytes: LIMIT });
      expect(Number(logged?.bytes)).toBeGreaterThan(LIMIT);
    } finally {
      setLogSink(() => {});
    }
  });

  it('reads a value over the cap that another client wrote as a miss, without taking it from Redis', async () => {
    const prefix = `oversized-read:${Date.now()}:`;
    const admin = createClient({ url: redis.url });
    await admin.connect();
    try {
      // 4 MB written by someone else (another version, another tool): the reply must not be read whole.
      const huge = JSON.stringify({ value: 'y'.repeat(4 * 1024 * 1024), expiresAt: Date.now() + 60_000 });
      await admin.set(`${prefix}exact-run:huge`, huge);
      const cache = createRedisCache({ url: redis.url, prefix, maxValueBytes: LIMIT });
      clients.push(cache);
      expect(await cache.get('exact-run:absent')).toBeUndefined(); // connected from here on
      const before = await sentByRedis(admin);
      expect(await cache.get('exact-run:huge')).toBeUndefined();
      const sent = (await sentByRedis(admin)) - before;
      // The cap plus the INFO reply itself; the whole value would be 4 MB.
      expect(sent).toBeLessThan(LIMIT + 16 * 1024);
      expect(await prometheusText()).toMatch(/runlens_cache_shared_oversized_total\{cache="exact-run",direction="read"\} 1/);
      // A value at the cap still reads whole.
      await admin.set(`${prefix}exact-run:fits`, JSON.stringify({ value: 'é'.repeat(100), expiresAt: Date.now() + 60_000 }));
      expect((await cache.get('exact-run:fits'))?.value).toBe('é'.repeat(100));
    } finally {
      admin.destroy();
    }
  });
});
