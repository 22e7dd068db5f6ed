import type { RunIndex } from '@/lib/catalog/run-index';
import type { RunStore } from '@/lib/catalog/run-store';
import type { SyncProgressView } from '@/lib/index/process-index';

/** The index's store with every query counted. */
export function countingStore(store: RunStore): { store: RunStore; queries: () => number } {
  let queries = 0;
  const counted = new Proxy(store, {
    get: (target, name, receiver) => {
      const value = Reflect.get(target, name, receiver) as unknown;
      return typeof value === 'function' ? (...args: unknown[]) => (queries++, Reflect.apply(value, target, args)) : value;
    },
  });
  return { store: counted, queries: () => queries };
}

/** A new request's view (nothing loaded yet) of the same index. */
export const requestView = (base: RunIndex, changes: Partial<RunIndex> = {}): RunIndex => ({ ...base, loaded: new Map(), lookup: new Map(), jobs: new Map(), datasets: new Map(), ...changes });

/** A syncer's progress as the index reports it, `indexed` records read so far. */
export const syncedTo = (indexed: number): SyncProgressView[] => [{ source: 'openlineage-files', phase: 'follow', indexed, estimatedTotal: null, lastError: null, updatedAt: '2026-12-07T00:00:00.000Z', syncedBy: null }];
