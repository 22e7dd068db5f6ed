import type { SyncProgressView } from '@/lib/index/process-index';

/** A syncer's progress as the runs list's banner tells it, in what that source's feed counts. */
export interface SyncBannerView {
  source: string;
  phase: string;
  indexed: number;
  estimatedTotal: number | null;
  lastError: string | null;
  /** Lineage feeds (local files, Marquez) count the events they read (a run has several); experiment feeds count runs. */
  counts: 'events' | 'runs';
}

export function syncBannerViews(sync: readonly SyncProgressView[], lineageSourceIds: readonly string[]): SyncBannerView[] {
  return sync.map(({ source, phase, indexed, estimatedTotal, lastError }) => ({
    source, phase, indexed, estimatedTotal, lastError, counts: lineageSourceIds.includes(source) ? 'events' : 'runs',
  }));
}

const count = (n: number) => n.toLocaleString('en-US');

/** "Indexing mlflow: 42,000 of ~150,000 runs, newest first. …" or, for a lineage feed, "…: 42,000 of ~216,000 events read. …". */
export function backfillLine(view: SyncBannerView): string {
  const of = `${count(view.indexed)}${view.estimatedTotal !== null ? ` of ~${count(view.estimatedTotal)}` : ''}`;
  return view.counts === 'events'
    ? `Indexing ${view.source}: ${of} events read. Runs appear as their events are indexed.`
    : `Indexing ${view.source}: ${of} runs, newest first. Older runs appear as they are indexed.`;
}
