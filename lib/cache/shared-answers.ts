import { LRUCache } from 'lru-cache';

export interface SharedAnswersOptions<V> {
  /** Answers kept at most. */
  max: number;
  /** How long an answer is served after it was computed. */
  ttlMs: number;
  /** A longer or shorter time for a given answer (e.g. one about finished runs only), instead of `ttlMs`. */
  ttlOf?: (value: V) => number;
  /** With `sizeOf`: the total size kept (e.g. rows), so a few huge answers cannot take the heap. */
  maxSize?: number;
  sizeOf?: (value: V) => number;
  /** The clock, for tests. */
  now?: () => number;
}

/**
 * Answers computed in this process (a comparison, an upstream walk) shared by concurrent requests (one
 * computation in flight per key) and by later ones until `ttlMs` passes: lru-cache's fetch, bounded by count
 * and size. A failed computation is not kept. Answers are shared objects: callers must not mutate them.
 */
export function createSharedAnswers<V extends object>(options: SharedAnswersOptions<V>) {
  const lru = new LRUCache<string, V, () => Promise<V>>({
    max: options.max,
    ttl: options.ttlMs,
    ...(options.maxSize !== undefined && options.sizeOf ? { maxSize: options.maxSize, sizeCalculation: (value: V) => Math.max(1, options.sizeOf!(value)) } : {}),
    fetchMethod: async (_key, _stale, { context, options: entry }) => {
      const value = await context();
      if (options.ttlOf) entry.ttl = options.ttlOf(value);
      return value;
    },
    // A load whose entry is evicted while it runs (more keys in flight than `max`, or a big answer made room)
    // still answers its callers; lru-cache would reject them with "evicted" (a page error under load).
    ignoreFetchAbort: true,
    // Staleness read from the clock on every get (no cached time), so the TTL is exact.
    ttlResolution: 0,
    ...(options.now ? { perf: { now: options.now } } : {}),
  });
  return async function shared(key: string, load: () => Promise<V>): Promise<V> {
    // fetch answers undefined only when the load did, which a V never is.
    return (await lru.fetch(key, { context: load })) as V;
  };
}

export type SharedAnswers<V extends object> = ReturnType<typeof createSharedAnswers<V>>;
