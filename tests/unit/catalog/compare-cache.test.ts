import { describe, expect, it } from 'vitest';
import { loadComparison } from '@/lib/catalog/compare-model';
import type { RunIndex } from '@/lib/catalog/run-index';
import type { RunStore } from '@/lib/catalog/run-store';
import type { DemoManifest } from '../../../scripts/demo-data/manifest.mjs';
import { withDemoIndex, type TestIndex } from './catalog-index';

let index: TestIndex;
let manifest: DemoManifest;
withDemoIndex((demo) => ({ index, manifest } = demo));

const runId = (label: string) => manifest.runs.find((r) => r.label === label)!.openlineage!.runId;

/** The index's store with every query counted. */
function countingStore(store: RunStore): { store: RunStore; queries: () => number } {
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
const requestView = (base: RunIndex, changes: Partial<RunIndex> = {}): RunIndex => ({ ...base, loaded: new Map(), lookup: new Map(), jobs: new Map(), datasets: new Map(), ...changes });

describe('loadComparison across requests', () => {
  it('a later view of the same runs reuses the walk while the index is unchanged; a synced change walks again', async () => {
    const { store, queries } = countingStore(index.store);
    const ids = [runId('e2.deduplication'), runId('e1.deduplication')];
    const sync = [{ source: 'openlineage-files', phase: 'follow', indexed: 10, estimatedTotal: null, lastError: null, updatedAt: '2026-12-07T00:00:00.000Z', syncedBy: null }];
    const first = await loadComparison(requestView(index, { store, sync }), ids);
    expect(first.comparison?.runs.map((r) => r.id)).toEqual(ids);
    const walked = queries();
    expect(walked).toBeGreaterThan(0);

    const concurrent = await Promise.all([loadComparison(requestView(index, { store, sync }), ids), loadComparison(requestView(index, { store, sync }), ids)]);
    expect(concurrent).toEqual([first, first]);
    expect(queries()).toBe(walked);

    // Another order is another comparison (the first run is the baseline).
    const reversed = await loadComparison(requestView(index, { store, sync }), [...ids].reverse());
    expect(reversed.comparison?.runs.map((r) => r.id)).toEqual([...ids].reverse());
    const afterReversed = queries();
    expect(afterReversed).toBeGreaterThan(walked);

    const synced = [{ ...sync[0]!, indexed: 11 }];
    const again = await loadComparison(requestView(index, { store, sync: synced }), ids);
    expect(queries()).toBeGreaterThan(afterReversed);
    expect(again).not.toBe(first);
    expect(again.comparison).toEqual(first.comparison);
  });
});
