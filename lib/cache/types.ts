/** A value and when it stops being served (ms since the epoch). */
export interface CacheEntry {
  value: unknown;
  expiresAt: number;
}

/**
 * Where cached values live: in this process (memory) or shared by every replica (Redis). Values are
 * plain JSON data (NaN/±Infinity allowed); callers never mutate what they get back.
 */
export interface CacheStore {
  readonly kind: 'memory' | 'redis';
  get(key: string): Promise<CacheEntry | undefined>;
  set(key: string, entry: CacheEntry): Promise<void>;
}

/** What /health and /api/health say about the cache. */
export interface CacheHealth {
  kind: 'memory' | 'memory+redis';
  /** The Redis server without credentials, when one is configured. */
  location: string | null;
  status: 'ok' | 'degraded';
  /** Why the shared cache is not used right now, and since when. */
  error: string | null;
}
