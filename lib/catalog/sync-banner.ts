import type { SyncProgressView } from '@/lib/index/process-index';

/** A syncer's progress as the runs list's banner tells it, in what that source's feed counts. */
export interface SyncBannerView {
  source: string;
  phase: string;
  indexed: number;
  estimatedTotal: number | null;
  /** ISO time the backfill has read back to, for feeds that walk by time and cannot count what is left (MLflow). */
  reachedBackTo: string | null;
  lastError: string | null;
  /** Lineage feeds (local files, Marquez) count the events they read (a run has several); experiment feeds count runs. */
  counts: 'events' | 'runs';
}

export function syncBannerViews(sync: readonly SyncProgressView[], lineageSourceIds: readonly string[]): SyncBannerView[] {
  return sync.map(({ source, phase, indexed, estimatedTotal, reachedBackTo, lastError }) => ({
    source, phase, indexed, estimatedTotal, reachedBackTo: reachedBackTo ?? null, lastError, counts: lineageSourceIds.includes(source) ? 'events' : 'runs',
  }));
}

const count = (n: number) => n.toLocaleString('en-US');

/** "12 Mar 2026", in UTC like the rest of the server's text. */
const day = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/**
 * "Indexing mlflow: 42,000 runs so far, newest first, back to 12 Mar 2026. …" when the feed cannot count what is left,
 * "Indexing wandb: 4,200 of ~15,000 runs, newest first. …" when it can, or for a lineage feed "…: 42,000 of ~216,000 events read. …".
 */
export function backfillLine(view: SyncBannerView): string {
  const of = `${count(view.indexed)}${view.estimatedTotal !== null ? ` of ~${count(view.estimatedTotal)}` : ''}`;
  if (view.counts === 'events') return `Indexing ${view.source}: ${of} events read. Runs appear as their events are indexed.`;
  const soFar = view.estimatedTotal === null ? ' so far' : '';
  const back = view.reachedBackTo === null ? '' : `, back to ${day(view.reachedBackTo)}`;
  return `Indexing ${view.source}: ${of} runs${soFar}, newest first${back}. Older runs appear as they are indexed.`;
}
