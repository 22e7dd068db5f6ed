import { describe, expect, it } from 'vitest';
import { pageRuns, runListQuerySchema, type RunPage } from '@/lib/catalog/run-list';
import { sharedRunCounts } from '@/lib/catalog/run-counts';
import type { RunIndex } from '@/lib/catalog/run-index';
import { withDemoIndex, type TestIndex } from './catalog-index';
import { requestView, syncedTo } from './counting-store';

let index: TestIndex;
withDemoIndex((demo) => ({ index } = demo));

/** One view of the runs list, as the page and /api/runs ask it: counts shared through sharedRunCounts. */
async function view(at: RunIndex, q: Record<string, string>, grouped = false): Promise<RunPage> {
  const page = await pageRuns(at.store, runListQuerySchema.parse(q), grouped, sharedRunCounts(at));
  if ('error' in page) throw new Error(page.error);
  return page;
}

describe('the runs list total across views', () => {
  it('is counted once per filter set while the index is unchanged, and again after a synced change', async () => {
    const store = index.store;
    let counts = 0;
    const counting = { ...store, count: (...args: Parameters<typeof store.count>) => (counts++, store.count(...args)), countGrouped: () => (counts++, store.countGrouped()) };
    const at = (indexed: number) => requestView(index, { store: counting, sync: syncedTo(indexed) });

    const first = await view(at(5), { status: 'COMPLETED' });
    expect(first.total).toBe(await index.store.count({ status: 'COMPLETED' }));
    expect(counts).toBe(1);
    // Another view, concurrent views and another page of the same filters: no new count.
    await Promise.all([view(at(5), { status: 'COMPLETED' }), view(at(5), { status: 'COMPLETED', limit: '2' })]);
    expect(counts).toBe(1);
    // Other filters are counted on their own; the grouped list's totals too.
    const failed = await view(at(5), { status: 'FAILED' });
    expect(failed.total).toBe(await index.store.count({ status: 'FAILED' }));
    await view(at(5), {}, true);
    await view(at(5), {}, true);
    expect(counts).toBe(3);
    // The index moved: counted again.
    const later = await view(at(6), { status: 'COMPLETED' });
    expect(later.total).toBe(first.total);
    expect(counts).toBe(4);
  });
});
