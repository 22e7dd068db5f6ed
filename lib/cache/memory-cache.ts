import { encodeJson } from './json-codec';
import { LruMap } from './lru';
import type { CacheEntry, CacheStore } from './types';

export const DEFAULT_MEMORY_ENTRIES = 1_000;
/**
 * Entries can be big (a metric history of up to 10,000 points, a run's events): the tier is bounded by
 * size too, counted as JSON characters, so a thousand big answers cannot take the heap.
 */
export const DEFAULT_MEMORY_BYTES = 64 * 1024 * 1024;

/** JSON length of a value: close to what it costs, and computed only when a value is stored (a miss). */
export const jsonSize = (value: unknown): number => encodeJson(value)?.length ?? 0;

/** The in-process tier: an LRU of at most `maxEntries` values and `maxBytes` of JSON, each with its own expiry. */
export function createMemoryCache(maxEntries = DEFAULT_MEMORY_ENTRIES, now: () => number = Date.now, maxBytes = DEFAULT_MEMORY_BYTES): CacheStore {
  const lru = new LruMap<unknown>({ maxEntries, maxBytes, sizeOf: jsonSize }, now);
  return {
    kind: 'memory',
    get: async (key) => lru.get(key),
    set: async (key, entry: CacheEntry) => lru.set(key, entry.value, entry.expiresAt),
  };
}
