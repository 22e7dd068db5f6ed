import { countCacheLookup } from '@/lib/observability/runlens-metrics';

/** Per namespace ("exact-run", "upstream", "metric-history", …): where answers came from. */
export interface CacheCounters {
  /** Served from this process's memory. */
  memoryHits: number;
  /** Served from the shared cache (Redis), another replica having loaded it. */
  sharedHits: number;
  /** Not cached anywhere: loaded from the upstream. */
  misses: number;
  /** Callers that joined a load already in flight instead of starting another. */
  shared: number;
  /** Redis calls that failed (the memory tier answered instead). */
  sharedErrors: number;
}

const EMPTY: CacheCounters = { memoryHits: 0, sharedHits: 0, misses: 0, shared: 0, sharedErrors: 0 };

// On globalThis: one set of counters per server process, whichever route bundle counts.
const holder = globalThis as typeof globalThis & { __runlensCacheCounters?: Map<string, CacheCounters> };
const counters = (holder.__runlensCacheCounters ??= new Map());

export function countCache(namespace: string, field: keyof CacheCounters): void {
  const current = counters.get(namespace) ?? { ...EMPTY };
  current[field] += 1;
  counters.set(namespace, current);
  // The same lookups feed /api/metrics (runlens_cache_lookups_total); joins and Redis errors are not lookups.
  if (field === 'memoryHits' || field === 'sharedHits' || field === 'misses') countCacheLookup(namespace, field !== 'misses');
}

/** A copy of every namespace's counters since the process started, for /api/metrics. */
export function cacheCounters(): Record<string, CacheCounters> {
  return Object.fromEntries([...counters].map(([namespace, c]) => [namespace, { ...c }]));
}

/** For tests. */
export function resetCacheCounters(): void {
  counters.clear();
}
