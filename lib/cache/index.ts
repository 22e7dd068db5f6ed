import 'server-only';
import { readEnv } from '@/lib/env';
import { createCachedCall, type CachedCallOptions } from './cached-call';
import { createMemoryCache } from './memory-cache';
import { createRedisCache } from './redis-cache';
import { sourceScope } from './source-scope';
import { createTieredCache, type TieredCache } from './tiered-cache';
import type { CacheHealth } from './types';

export { CachedFailure, type CachedCallOptions } from './cached-call';
export { createSingleflight, type Singleflight } from './singleflight';
export { cacheCounters, type CacheCounters } from './stats';
export type { CacheHealth } from './types';

interface ProcessCache {
  tiers: TieredCache;
  call: ReturnType<typeof createCachedCall>;
}

// One cache per server process, kept on globalThis so every route bundle (and dev reloads) share it.
const holder = globalThis as typeof globalThis & { __runlensCache?: ProcessCache };

function processCache(): ProcessCache {
  if (holder.__runlensCache === undefined) {
    const env = readEnv();
    const redis = env.redisUrl === null ? null : createRedisCache({ url: env.redisUrl, prefix: `runlens:1:${sourceScope(env)}:` });
    const tiers = createTieredCache(createMemoryCache(), redis);
    holder.__runlensCache = { tiers, call: createCachedCall(tiers) };
  }
  return holder.__runlensCache;
}

/** The answer from memory, else Redis (REDIS_URL), else `load()` — shared by concurrent callers. */
export function cached<T>(options: CachedCallOptions<T>): Promise<T> {
  return processCache().call(options);
}

/** Creates the process cache, so a configured Redis is connected before the first page needs it. */
export function warmCache(): void {
  processCache();
}

export function cacheHealth(): CacheHealth {
  return processCache().tiers.health();
}
