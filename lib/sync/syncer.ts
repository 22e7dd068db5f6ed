import type { Kysely } from 'kysely';
import type { IndexDatabase } from '@/lib/index/schema';
import { holdLease, readSyncState, recordSyncError, releaseLease, runningExperimentRunIds, saveSyncProgress } from '@/lib/index/sync-state';
import type { ChangeFeed } from '@/lib/sources/ports';
import type { IndexDialect } from '@/lib/index/open';
import { applyChanges } from './apply-changes';
import { forgetFeedEvents, storeFeedEvents } from './store-feed-events';

export interface SyncerOptions {
  /** This replica's name in the lease. */
  owner: string;
  /** The index's dialect (Postgres locks runs while their events are stored); default sqlite. */
  dialect?: IndexDialect;
  /** A lease not renewed for this long is taken over by another replica (issue: within 60 s). */
  leaseTtlMs?: number;
  /** While backfilling, wait this share of the last ask's duration before the next (0.5: the upstream is busy at most 2/3 of the time). */
  backfillPause?: number;
  /** After a failure, wait this long (doubling up to 5 min) before asking again. */
  errorBackoffMs?: number;
  log?: (event: string, fields: Record<string, string | number | null>) => void;
  /** Tests: how the syncer waits; default setTimeout, stoppable. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Tests: the clock leases are granted by; default Date.now. */
  now?: () => number;
}

export interface Syncer {
  readonly source: string;
  stop(): Promise<void>;
  /** Resolves after the next batch has been written (tests and the first-page wait use it). */
  nextBatch(): Promise<void>;
  /** Resolves once the lease renewals started so far have landed (tests on simulated time wait for them). */
  renewalsLanded(): Promise<void>;
}

const defaultSleep = (ms: number, signal: AbortSignal) => new Promise<void>((resolve) => {
  const wake = () => {
    clearTimeout(timer);
    signal.removeEventListener('abort', wake);
    resolve();
  };
  const timer = setTimeout(wake, ms);
  signal.addEventListener('abort', wake, { once: true });
});

/** Error text kept in the index and shown on /health: lib/http's messages are already redacted; this caps their length. */
const short = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 500);

/**
 * Feeds one source into the index: backfill newest first, then follow the cursor. Only the replica
 * holding the source's lease asks the upstream; the others wait and take over if it stops renewing.
 */
export function startSyncer(db: Kysely<IndexDatabase>, feed: ChangeFeed, options: SyncerOptions): Syncer {
  const ttl = options.leaseTtlMs ?? 30_000;
  const pause = options.backfillPause ?? 0.5;
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;
  const stopping = new AbortController();
  let waiters: Array<() => void> = [];
  let failures = 0;
  // While it holds the lease, the replica renews it every third of its term, asking or waiting alike: a slow ask
  // (a backfill page, retries) or a follow interval longer than the lease never lets a second replica ask too.
  let holding = false;
  // Renewals run one after another: on a slow database an older renewal landing last would shorten the lease.
  let renewals: Promise<void> = Promise.resolve();
  const renewal = setInterval(() => {
    if (!holding) return;
    const at = now();
    renewals = renewals.then(() => holdLease(db, feed.id, options.owner, ttl, at)).then((held) => void (holding &&= held), () => undefined);
  }, ttl / 3);

  /** One ask of the feed when this replica holds the lease; how long to wait. */
  async function step(): Promise<number> {
    holding = await holdLease(db, feed.id, options.owner, ttl, now());
    if (!holding) return ttl / 3;
    const state = await readSyncState(db, feed.id);
    const started = performance.now();
    try {
      const batch = await feed.changes(state?.cursor ?? null, { runningRunIds: (limit, started) => runningExperimentRunIds(db, feed.id, limit, started) });
      if (batch.resetLineageEvents === true) await forgetFeedEvents(db, feed.id);
      if (batch.lineageEvents !== undefined && batch.lineageEvents.length > 0) await storeFeedEvents(db, options.dialect ?? 'sqlite', feed.id, batch.lineageEvents, batch.pass);
      const applied = await applyChanges(db, {
        lineageRuns: batch.lineageRuns, experimentRuns: batch.experimentRuns,
        entities: { source: feed.id, jobs: batch.jobs ?? [], datasets: batch.datasets ?? [] }, pass: { source: feed.id, number: batch.pass, complete: batch.passComplete },
      });
      await saveSyncProgress(db, feed.id, options.owner, {
        cursor: batch.cursor, phase: batch.progress.phase, indexed: batch.progress.done, estimated_total: batch.progress.estimatedTotal,
        reached_back_to_ms: batch.progress.reachedBackTo ?? null, last_error: null,
      });
      failures = 0;
      if (applied.written > 0) options.log?.('sync_batch', { source: feed.id, written: applied.written, joined: applied.joined, phase: batch.progress.phase });
      return batch.caughtUp ? feed.followIntervalMs : (performance.now() - started) * pause;
    } catch (error) {
      failures += 1;
      await recordSyncError(db, feed.id, options.owner, short(error)).catch(() => undefined);
      options.log?.('sync_failed', { source: feed.id, message: short(error) });
      // Not renewed while backing off: another replica may take over if this one is what fails.
      holding = false;
      return Math.min((options.errorBackoffMs ?? 2_000) * 2 ** (failures - 1), 300_000);
    } finally {
      const done = waiters;
      waiters = [];
      for (const resolve of done) resolve();
    }
  }

  const loop = (async () => {
    while (!stopping.signal.aborted) {
      const wait = await step().catch(() => 5_000);
      if (!stopping.signal.aborted) await sleep(wait, stopping.signal);
    }
    clearInterval(renewal);
    holding = false;
    await releaseLease(db, feed.id, options.owner).catch(() => undefined);
  })();

  return {
    source: feed.id,
    stop: async () => {
      stopping.abort();
      await loop;
    },
    nextBatch: () => new Promise<void>((resolve) => waiters.push(resolve)),
    renewalsLanded: () => renewals,
  };
}
