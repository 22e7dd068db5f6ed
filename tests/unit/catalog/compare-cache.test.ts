import { describe, expect, it } from 'vitest';
import { loadComparison } from '@/lib/catalog/compare-model';
import type { DemoManifest } from '../../../scripts/demo-data/manifest.mjs';
import { withDemoIndex, type TestIndex } from './catalog-index';
import { countingStore, requestView, syncedTo } from './counting-store';

let index: TestIndex;
let manifest: DemoManifest;
withDemoIndex((demo) => ({ index, manifest } = demo));

const runId = (label: string) => manifest.runs.find((r) => r.label === label)!.openlineage!.runId;

describe('loadComparison across requests', () => {
  it('a later view of the same runs reuses the walk while the index is unchanged; a synced change walks again', async () => {
    const { store, queries } = countingStore(index.store);
    const ids = [runId('e2.deduplication'), runId('e1.deduplication')];
    const sync = syncedTo(10);
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

    const again = await loadComparison(requestView(index, { store, sync: syncedTo(11) }), ids);
    expect(queries()).toBeGreaterThan(afterReversed);
    expect(again).not.toBe(first);
    expect(again.comparison).toEqual(first.comparison);
  });
});
