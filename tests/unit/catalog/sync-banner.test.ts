import { describe, expect, it } from 'vitest';
import { backfillLine, syncBannerViews } from '@/lib/catalog/sync-banner';
import type { SyncProgressView } from '@/lib/index/process-index';

const progress = (source: string, indexed: number, estimatedTotal: number | null, reachedBackTo: string | null = null): SyncProgressView => ({
  source, phase: 'backfill', indexed, estimatedTotal, reachedBackTo, lastError: null, updatedAt: '2026-12-07T08:00:00.000Z', syncedBy: null,
});

describe('the sync banner', () => {
  it('counts events for lineage feeds and runs for experiment feeds', () => {
    const views = syncBannerViews([progress('marquez', 42_000, 216_516), progress('openlineage', 900, null), progress('wandb', 4_200, 15_000)], ['marquez', 'openlineage']);
    expect(views.map(backfillLine)).toEqual([
      'Indexing marquez: 42,000 of ~216,516 events read. Runs appear as their events are indexed.',
      'Indexing openlineage: 900 events read. Runs appear as their events are indexed.',
      'Indexing wandb: 4,200 of ~15,000 runs, newest first. Older runs appear as they are indexed.',
    ]);
  });

  it('tells how far back a feed without a total has read, and makes up no total', () => {
    const [view] = syncBannerViews([progress('mlflow', 42_000, null, '2026-03-12T23:59:00.000Z')], []);
    expect(backfillLine(view!)).toBe('Indexing mlflow: 42,000 runs so far, newest first, back to 12 Mar 2026. Older runs appear as they are indexed.');
  });
});
