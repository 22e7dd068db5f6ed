import 'server-only';
import { z } from 'zod';
import type { ExperimentRun } from '@/lib/model';
import { parseFeedCursor } from '@/lib/sources/feed-cursor';
import type { ChangeBatch, ChangeFeed, FeedContext } from '@/lib/sources/ports';

/** A position in the history, newest first: runs strictly below (start time, run id) come next. */
export interface Keyset {
  startMs: number;
  runId: string;
}

/** What the feed asks of an open `mlflow.db`; each call is one bounded read transaction. */
export interface SqliteRunReader {
  /** The database file's identity and state (changes with every commit), or why it cannot be read. */
  state(): { inode: number; stamp: string } | { error: string };
  /** Up to `limit` runs below `after` (from the newest when null), newest first, with their params, tags and metrics. */
  below(after: Keyset | null, limit: number): ExperimentRun[];
  /** Up to `limit` runs started at or after `ms`, oldest first. */
  startedSince(ms: number, limit: number): ExperimentRun[];
  byIds(ids: readonly string[]): ExperimentRun[];
  count(): number;
}

export interface SqliteFeedPacing {
  /** Runs per backfill step: one read transaction of ~20 ms at 500 runs with their params and tags. */
  backfillPage: number;
  /** Runs started this long before the newest one seen are read again (a run may be created with an earlier start). */
  lookbackMs: number;
  /** Runs the index holds as RUNNING re-read per follow step (their metrics and state change while they run). */
  runningPerStep: number;
  /** The reconciliation sweep re-reads this many runs per step, newest first, to catch edited tags and deleted runs. */
  sweepPage: number;
  /** A step with no commit since the last one still sweeps this often. */
  sweepEveryMs: number;
}

export const DEFAULT_SQLITE_PACING: SqliteFeedPacing = {
  backfillPage: 500,
  lookbackMs: 60_000,
  runningPerStep: 200,
  // A local read of 1,000 runs costs tens of ms: a pass over 150,000 runs takes 2.5 hours at one step a minute.
  sweepPage: 1_000,
  sweepEveryMs: 60_000,
};

const keysetSchema = z.object({ startMs: z.number(), runId: z.string() });
const cursorSchema = z.object({
  pass: z.number().int(),
  phase: z.enum(['backfill', 'follow']),
  /** The database file this cursor walked: another file (replaced, restored) starts a new backfill. */
  inode: z.number(),
  /** The state of the database at the last step; an unchanged state costs one stat and one pragma. */
  stamp: z.string(),
  /** Where the backfill or the sweep goes on. */
  after: keysetSchema.nullable(),
  newest: z.number().nullable(),
  done: z.number().int(),
  total: z.number().int(),
  lastSweep: z.number(),
});
type Cursor = z.infer<typeof cursorSchema>;

const startOf = (run: ExperimentRun): number => run.startTime ?? 0;
const keysetOf = (run: ExperimentRun): Keyset => ({ startMs: startOf(run), runId: run.runId });

/**
 * A local `mlflow.db` as a change feed, so no process holds the whole store in memory. The backfill reads
 * runs newest first by keyset; then each step that sees a new commit reads runs started since the newest seen
 * (minus a look-back) and re-reads the runs the index holds as RUNNING; a sweep re-reads the history a page a
 * step to catch edits to finished runs and runs deleted by `mlflow gc` (removed when its pass completes).
 */
export function createSqliteChangeFeed(id: string, label: string, reader: SqliteRunReader, options: { followIntervalMs: number; pacing?: Partial<SqliteFeedPacing>; now?: () => number }): ChangeFeed {
  const pacing = { ...DEFAULT_SQLITE_PACING, ...options.pacing };
  const now = options.now ?? Date.now;

  function batch(runs: ExperimentRun[], pass: number, next: Cursor, o: { passComplete: boolean; caughtUp: boolean }): ChangeBatch {
    return {
      lineageRuns: [], experimentRuns: runs, pass, passComplete: o.passComplete, cursor: JSON.stringify(next), caughtUp: o.caughtUp,
      progress: { phase: next.phase, done: next.done, estimatedTotal: next.total },
    };
  }

  function backfill(cursor: Cursor): ChangeBatch {
    const runs = reader.below(cursor.after, pacing.backfillPage);
    const exhausted = runs.length < pacing.backfillPage;
    const last = runs.at(-1);
    const newest = cursor.newest ?? (runs[0] ? startOf(runs[0]) : null);
    const done = cursor.done + runs.length;
    // The backfill is the first full pass; the sweep that follows it is the next.
    const next: Cursor = exhausted
      ? { ...cursor, pass: cursor.pass + 1, phase: 'follow', after: null, newest, done, total: done, lastSweep: now() }
      : { ...cursor, after: last ? keysetOf(last) : cursor.after, newest, done };
    return batch(runs, cursor.pass, next, { passComplete: exhausted, caughtUp: exhausted });
  }

  async function follow(cursor: Cursor, stamp: string, context: FeedContext): Promise<ChangeBatch> {
    const changed = stamp !== cursor.stamp;
    const sweepDue = now() - cursor.lastSweep >= pacing.sweepEveryMs;
    if (!changed && !sweepDue) return batch([], cursor.pass, cursor, { passComplete: false, caughtUp: true });
    const runs = new Map<string, ExperimentRun>();
    let next: Cursor = { ...cursor, stamp };
    if (changed) {
      const since = cursor.newest === null ? 0 : cursor.newest - pacing.lookbackMs;
      const started = reader.startedSince(since, pacing.backfillPage);
      for (const run of started) runs.set(run.runId, run);
      const newest = Math.max(cursor.newest ?? -Infinity, ...started.map(startOf));
      // A full page that moved the newest start on leaves more new runs: keep the old state, so the next step reads
      // on at once (a page that did not move it is a burst within the look-back; the sweep reads the rest).
      const more = started.length >= pacing.backfillPage && newest > (cursor.newest ?? -Infinity);
      next = { ...next, newest: Number.isFinite(newest) ? newest : cursor.newest, stamp: more ? cursor.stamp : stamp };
      const running = await context.runningRunIds(pacing.runningPerStep);
      for (const run of reader.byIds(running)) runs.set(run.runId, run);
    }
    let passComplete = false;
    if (sweepDue || changed) {
      const swept = reader.below(cursor.after, pacing.sweepPage);
      for (const run of swept) if (!runs.has(run.runId)) runs.set(run.runId, run);
      passComplete = swept.length < pacing.sweepPage;
      const last = swept.at(-1);
      next = passComplete
        ? { ...next, pass: cursor.pass + 1, after: null, total: reader.count(), lastSweep: now() }
        : { ...next, after: last ? keysetOf(last) : cursor.after, lastSweep: now() };
    }
    return batch([...runs.values()], cursor.pass, next, { passComplete, caughtUp: next.stamp === stamp });
  }

  return {
    id,
    label,
    followIntervalMs: options.followIntervalMs,
    async changes(raw, context) {
      const state = reader.state();
      // An unreadable store changes nothing in the index (its runs stay until it reads again); /health says why.
      if ('error' in state) throw new Error(state.error);
      const saved = parseFeedCursor(cursorSchema, raw);
      const cursor: Cursor = saved !== null && saved.inode === state.inode
        ? saved
        : { pass: (saved?.pass ?? 0) + 1, phase: 'backfill', inode: state.inode, stamp: state.stamp, after: null, newest: null, done: 0, total: reader.count(), lastSweep: now() };
      // The backfill keeps the state it began at: the first follow step then re-reads what changed meanwhile.
      return cursor.phase === 'backfill' ? backfill(cursor) : follow(cursor, state.stamp, context);
    },
  };
}
