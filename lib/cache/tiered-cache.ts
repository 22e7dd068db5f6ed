import { countCache } from './stats';
import type { CacheEntry, CacheHealth, CacheStore } from './types';

export interface SharedStore extends CacheStore {
  readonly location: string;
  problem(): string | null;
}

export interface TieredCache {
  /** The entry from memory, else from the shared store (copied into memory); undefined on a miss. */
  get(namespace: string, key: string): Promise<CacheEntry | undefined>;
  /** Into memory and, without waiting for it, into the shared store. */
  set(key: string, entry: CacheEntry): void;
  health(): CacheHealth;
}

/**
 * Memory in front of an optional shared store. A shared store that fails is skipped for that call and
 * counted; the memory tier keeps answering, so a Redis outage costs upstream calls, never a page.
 */
export function createTieredCache(memory: CacheStore, shared: SharedStore | null): TieredCache {
  return {
    async get(namespace, key) {
      const local = await memory.get(key);
      if (local !== undefined) {
        countCache(namespace, 'memoryHits');
        return local;
      }
      if (shared === null) return undefined;
      try {
        const remote = await shared.get(key);
        if (remote === undefined) return undefined;
        await memory.set(key, remote);
        countCache(namespace, 'sharedHits');
        return remote;
      } catch {
        countCache(namespace, 'sharedErrors');
        return undefined;
      }
    },
    set(key, entry) {
      void memory.set(key, entry);
      shared?.set(key, entry).catch(() => {
        countCache(key.slice(0, key.indexOf(':')), 'sharedErrors');
      });
    },
    health() {
      if (shared === null) return { kind: 'memory', location: null, status: 'ok', error: null };
      const problem = shared.problem();
      return {
        kind: 'memory+redis',
        location: shared.location,
        status: problem === null ? 'ok' : 'degraded',
        error: problem === null ? null : `The shared cache on Redis is not answering (${problem}); this replica uses its own memory cache meanwhile.`,
      };
    },
  };
}
