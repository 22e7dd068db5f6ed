import { createSingleflight, type Singleflight } from './singleflight';
import { countCache } from './stats';
import type { TieredCache } from './tiered-cache';

export interface CachedCallOptions<T> {
  /** What is cached ("exact-run", "upstream", "metric-history"): counters are kept per namespace. */
  namespace: string;
  /** Identifies the answer within the namespace (source, run id, parameters). */
  key: string;
  load: () => Promise<T>;
  /** How long the answer may be served: long for what a finished run produced, short for a running one. */
  ttlMs: (value: T) => number;
  /** How long a failure is remembered, so a failing upstream is not asked on every view. 0: not at all. */
  errorTtlMs?: number;
  /** Failures that say nothing about the key (e.g. a look-up shed by a rate limit) and must not be remembered. */
  transientError?: (error: unknown) => boolean;
}

type Stored<T> = { ok: T } | { error: string };

/** A failure served from the cache: the message of the upstream's error, which pages show as it is. */
export class CachedFailure extends Error {
  override readonly name = 'CachedFailure';
}

/**
 * Cache-aside with request de-duplication: concurrent callers share one cache lookup and one load; a
 * value goes to memory and the shared tier with its TTL. Values must be JSON data (see json-codec).
 */
export function createCachedCall(cache: TieredCache, flights: Singleflight = createSingleflight()) {
  return function cachedCall<T>(options: CachedCallOptions<T>): Promise<T> {
    const fullKey = `${options.namespace}:${options.key}`;
    return flights(fullKey, async () => {
      const hit = await cache.get(options.namespace, fullKey);
      if (hit !== undefined) {
        const stored = hit.value as Stored<T>;
        if ('ok' in stored) return stored.ok;
        throw new CachedFailure(stored.error);
      }
      countCache(options.namespace, 'misses');
      let value: T;
      try {
        value = await options.load();
      } catch (error) {
        const errorTtl = options.errorTtlMs ?? 0;
        if (errorTtl > 0 && !options.transientError?.(error)) {
          const message = error instanceof Error ? error.message : String(error);
          cache.set(fullKey, { value: { error: message } satisfies Stored<T>, expiresAt: Date.now() + errorTtl });
        }
        throw error;
      }
      const ttl = options.ttlMs(value);
      if (ttl > 0) cache.set(fullKey, { value: { ok: value } satisfies Stored<T>, expiresAt: Date.now() + ttl });
      return value;
    }, () => countCache(options.namespace, 'shared'));
  };
}
