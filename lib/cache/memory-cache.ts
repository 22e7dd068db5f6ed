import { LruMap } from './lru';
import type { CacheEntry, CacheStore } from './types';

export const DEFAULT_MEMORY_ENTRIES = 1_000;

/** The in-process tier: an LRU of at most `maxEntries` values, each with its own expiry. */
export function createMemoryCache(maxEntries = DEFAULT_MEMORY_ENTRIES, now: () => number = Date.now): CacheStore {
  const lru = new LruMap<unknown>(maxEntries, now);
  return {
    kind: 'memory',
    get: async (key) => lru.get(key),
    set: async (key, entry: CacheEntry) => lru.set(key, entry.value, entry.expiresAt),
  };
}
