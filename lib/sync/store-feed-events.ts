import type { Kysely } from 'kysely';
import type { LineageRun } from '@/lib/model';
import type { IndexDialect } from '@/lib/index/open';
import { readersOfOutputs, resolveProducers } from '@/lib/index/lineage-producers';
import { digestInSlices } from '@/lib/index/payload';
import { deleteSourceEvents, insertReceivedEvents, lockRuns, runEventRows } from '@/lib/index/received-events';
import type { IndexDatabase } from '@/lib/index/schema';
import type { FeedLineageEvent } from '@/lib/sources/ports';
import { runFromStoredEventsOffThread } from '@/lib/sources/openlineage-receiver/run-from-events';
import { applyChangesWithin, type AppliedChanges } from './apply-changes';
import { restAfter } from '@/lib/sources/event-loop-rest';
import { transactionSizer } from './transaction-size';

/**
 * Events per transaction (whole runs): at most 40, fewer while transactions take longer than 30 ms.
 * Storing them and rebuilding the runs they touch holds the event loop meanwhile (SQLite answers synchronously).
 */
const sizer = transactionSizer({ max: 40, budgetMs: 30 });
/** Stored events forgotten per transaction when a feed starts over. */
const DELETES_PER_TRANSACTION = 5_000;


/** Events grouped so a run's events of one batch share a transaction; groups of about `size()` events, asked before each. */
export function* groupsByRun(events: readonly FeedLineageEvent[], size: () => number): Generator<FeedLineageEvent[]> {
  const byRun = new Map<string | null, FeedLineageEvent[]>();
  for (const event of events) {
    const list = byRun.get(event.runId);
    if (list) list.push(event);
    else byRun.set(event.runId, [event]);
  }
  let current: FeedLineageEvent[] = [];
  let limit = size();
  for (const list of byRun.values()) {
    if (current.length > 0 && current.length + list.length > limit) {
      yield current;
      current = [];
      limit = size();
    }
    current.push(...list);
  }
  if (current.length > 0) yield current;
}

export interface StoredFeedEvents extends AppliedChanges {
  /** Events that were new (the rest the source had already stored). */
  stored: number;
  /** Runs rebuilt from their stored events. */
  runs: number;
}

/**
 * Stores a feed's raw events per run and rebuilds each run that got a new event from all its stored
 * events (the receiver's path, per source), in short transactions of whole runs: a run and its events
 * are written together. Events the source already stored (a look-back window, a batch read again
 * after a restart) are skipped, and their runs are not rewritten.
 */
export async function storeFeedEvents(
  db: Kysely<IndexDatabase>, dialect: IndexDialect, source: string, events: readonly FeedLineageEvent[], pass: number, now = Date.now(),
): Promise<StoredFeedEvents> {
  const total: StoredFeedEvents = { written: 0, joined: 0, stored: 0, runs: 0 };
  for (const group of groupsByRun(events, sizer.size)) {
    let started = performance.now();
    const rows: Array<FeedLineageEvent & { digest: string }> = [];
    // A 13 MB event (a run reading 100,000 datasets) is hashed a slice at a time.
    for (const e of group) rows.push({ ...e, digest: await digestInSlices(e.body) });
    const runIds = [...new Set(group.flatMap((e) => (e.runId === null ? [] : [e.runId])))];
    const applied = await applyChangesWithin(db, async (tx) => {
      started = performance.now(); // the transaction's own time, not the wait for other writers
      await lockRuns(tx, dialect, runIds, source);
      const stored = await insertReceivedEvents(tx, rows, now, source);
      total.stored += stored.length;
      // Only runs that got a new event are rebuilt: a re-read window costs lookups, not rewrites.
      const fresh = [...new Set(stored.flatMap((r) => (r.runId === null ? [] : [r.runId])))];
      if (fresh.length === 0) return {};
      // Events the feed parsed are rebuilt as parsed: a 13 MB body is neither read back nor parsed a second time.
      const parsed = new Map(stored.flatMap((r) => (r.loaded && r.digest ? [[r.digest, r.loaded] as const] : [])));
      const rebuild = async (ids: readonly string[]) => {
        const out: LineageRun[] = [];
        for (const runId of ids) {
          const { rows: events } = await runEventRows(tx, runId, source, new Set(parsed.keys()));
          const run = await runFromStoredEventsOffThread(runId, events.flatMap((e) => e.body ?? (e.digest ? parsed.get(e.digest) ?? [] : [])), source);
          if (run) out.push(run);
        }
        return out;
      };
      const lineageRuns = await rebuild(fresh);
      // A run's own events cannot say who wrote what it read: the index and this group's runs can; and
      // readers indexed before their producer arrived (Marquez is read newest first) are rebuilt with it.
      const waiting = (await readersOfOutputs(tx, source, lineageRuns)).filter((id) => !fresh.includes(id));
      lineageRuns.push(...await rebuild(waiting));
      await resolveProducers(tx, source, lineageRuns);
      total.runs += lineageRuns.length;
      return { lineageRuns, pass: { source, number: pass, complete: false } };
    }, now);
    const took = performance.now() - started;
    sizer.took(took);
    total.written += applied.written;
    total.joined += applied.joined;
    await restAfter(took);
  }
  return total;
}

/** Forgets every stored event of a source, in short rounds (a feed that starts over from nothing). */
export async function forgetFeedEvents(db: Kysely<IndexDatabase>, source: string): Promise<number> {
  let gone = 0;
  for (;;) {
    const started = performance.now();
    const n = await db.transaction().execute((tx) => deleteSourceEvents(tx, source, DELETES_PER_TRANSACTION));
    gone += n;
    if (n < DELETES_PER_TRANSACTION) return gone;
    await restAfter(performance.now() - started);
  }
}
