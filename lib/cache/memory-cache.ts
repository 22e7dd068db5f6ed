import { LRUCache } from 'lru-cache';
import { encodeJson } from './json-codec';
import type { CacheEntry, CacheStore } from './types';

export const DEFAULT_MEMORY_ENTRIES = 1_000;
/**
 * Entries can be big (a metric history of up to 10,000 points, a run's events): the tier is bounded by
 * size too, counted as JSON characters, so a thousand big answers cannot take the heap.
 */
export const DEFAULT_MEMORY_BYTES = 64 * 1024 * 1024;

/** JSON length of a value: close to what it costs, and computed only when a value is stored (a miss). */
export const jsonSize = (value: unknown): number => encodeJson(value)?.length ?? 0;

/**
 * The in-process tier: lru-cache bounded to `maxEntries` values and `maxBytes` of JSON (a value bigger
 * than the whole budget is not kept), each with its own TTL. `now` is injectable for tests.
 */
export function createMemoryCache(maxEntries = DEFAULT_MEMORY_ENTRIES, now: () => number = Date.now, maxBytes = DEFAULT_MEMORY_BYTES): CacheStore {
  const lru = new LRUCache<string, CacheEntry>({
    max: maxEntries,
    maxSize: maxBytes,
    sizeCalculation: (entry) => Math.max(1, jsonSize(entry.value)),
    perf: { now },
  });
  return {
    kind: 'memory',
    get: async (key) => {
      const entry = lru.get(key);
      // lru-cache's TTL is whole milliseconds; the entry's own expiry is the exact one.
      return entry !== undefined && entry.expiresAt > now() ? entry : undefined;
    },
    set: async (key, entry: CacheEntry) => {
      const ttl = entry.expiresAt - now();
      if (ttl <= 0) return;
      lru.set(key, entry, { ttl: Number.isFinite(ttl) ? Math.ceil(ttl) : 0 });
    },
  };
}
