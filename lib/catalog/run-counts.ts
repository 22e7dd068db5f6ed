import 'server-only';
import { createSharedAnswers } from '@/lib/cache/shared-answers';
import { indexVersion } from './index-version';
import { LIVE_TTL_MS } from './run-cache';
import type { RunIndex } from './run-index';
import type { RunTotals } from './run-list';

/** Distinct filter sets whose counts are kept (the list's filters come from the URL, so any number can be asked). */
const COUNTS_KEPT = 500;

const counted = createSharedAnswers<{ n: number; stages: number }>({ max: COUNTS_KEPT, ttlMs: LIVE_TTL_MS });

/**
 * The runs list's totals, shared by every view of the same filters while the index is unchanged (at most
 * LIVE_TTL_MS): a count reads every matching index row, and each page view and `/api/runs` call asked again.
 */
export function sharedRunCounts(index: RunIndex): RunTotals {
  const version = indexVersion(index);
  return {
    count: async (filters) => (await counted(`${version}\u0000list\u0000${JSON.stringify(filters)}`, async () => ({ n: await index.store.count(filters), stages: 0 }))).n,
    countGrouped: async () => {
      const { n, stages } = await counted(`${version}\u0000grouped`, async () => {
        const grouped = await index.store.countGrouped();
        return { n: grouped.topLevel, stages: grouped.stages };
      });
      return { topLevel: n, stages };
    },
  };
}
