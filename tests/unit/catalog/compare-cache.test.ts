import { describe, expect, it } from 'vitest';
import { loadComparison } from '@/lib/catalog/compare-model';
import { comparisonTtlMs } from '@/lib/catalog/compare-cache';
import { FINISHED_TTL_MS, LIVE_TTL_MS } from '@/lib/catalog/run-cache';
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

  it('keeps a comparison of finished runs, all found, as long as a finished run; anything else as long as a live one', async () => {
    const finished = await loadComparison(requestView(index, { sync: syncedTo(20) }), [runId('e2.deduplication'), runId('e1.deduplication')]);
    expect(finished.missing).toEqual([]);
    expect(comparisonTtlMs(finished)).toBe(FINISHED_TTL_MS);
    const partly = await loadComparison(requestView(index, { sync: syncedTo(20) }), [runId('e2.deduplication'), runId('e1.deduplication'), 'f'.repeat(32)]);
    expect(partly.missing).toEqual(['f'.repeat(32)]);
    expect(comparisonTtlMs(partly)).toBe(LIVE_TTL_MS);
    const running = { ...finished, found: finished.found.map((run, i) => (i === 0 && run.lineage ? { ...run, lineage: { ...run.lineage, state: 'RUNNING' as const } } : run)) };
    expect(comparisonTtlMs(running)).toBe(LIVE_TTL_MS);
  });
});
