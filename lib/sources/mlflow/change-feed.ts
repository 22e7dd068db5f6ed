import 'server-only';
import { z } from 'zod';
import type { ExperimentRun, SourceProblem } from '@/lib/model';
import type { ChangeBatch, ChangeFeed, FeedContext } from '@/lib/sources/ports';
import type { MlflowClient } from './client';
import { runsByIds, type LookupContext } from './lookups';
import type { ExperimentIndex } from './map-run';
import { chunks } from './paging';
import type { WireRun } from './schemas';
import { mapRunsInSlices, validateRunsInSlices } from './sliced-runs';
import { parseFeedCursor } from '@/lib/sources/feed-cursor';

/** How the feed paces itself; every figure is per source. */
export interface FeedPacing {
  /** Most runs per backfill page (MLflow: about 3 KB per run with its data; 500 runs parse in ~15 ms). */
  backfillPage: number;
  /** Fewest runs per backfill page, however slow the server answers. */
  minPage: number;
  /** The page shrinks (halves) while runs/search takes longer than this, and grows back while it takes under half of it. */
  targetAnswerMs: number;
  /** The first page is small so the runs list is useful within seconds. */
  firstPage: number;
  /** Between follow asks once caught up. */
  followIntervalMs: number;
  /** Runs started this long before the newest one seen are asked again: clocks differ and runs are created late. */
  lookbackMs: number;
  /** How often runs the index holds as RUNNING and started within `recentRunningMs` are re-read. */
  runningCheckMs: number;
  /** Runs RUNNING for longer than this are mostly dead (crashed without ending): they are re-read only every `staleRunningCheckMs`. */
  recentRunningMs: number;
  /** How often the next 100 long-RUNNING runs (oldest first, in rotation) are re-read. */
  staleRunningCheckMs: number;
  /** The reconciliation sweep re-reads this many runs per minute, newest first, to catch edits and hard deletes. */
  sweepRunsPerMinute: number;
  /** …in one request at most this often (a poll's worth of sweep each time would double the idle requests). */
  sweepEveryMs: number;
}

export const DEFAULT_PACING: FeedPacing = {
  backfillPage: 500,
  minPage: 100,
  targetAnswerMs: 1_000,
  firstPage: 100,
  followIntervalMs: 20_000,
  lookbackMs: 60_000,
  runningCheckMs: 60_000,
  recentRunningMs: 24 * 3_600_000,
  staleRunningCheckMs: 30 * 60_000,
  // 20 runs (~60 KB from a real server) a minute: a pass over 150,000 runs takes about 5 days.
  sweepRunsPerMinute: 20,
  sweepEveryMs: 60_000,
};

/** Running runs re-read per runs/search (`run_id IN (…)` of 100 ids). */
const RUNNING_PER_CHECK = 100;

/** runs/search takes any number of experiment ids (only search-datasets caps them); chunks keep the body small. */
const EXPERIMENTS_PER_SEARCH = 1000;
const NEWEST_FIRST = ['attributes.start_time DESC'];

const cursorSchema = z.object({
  pass: z.number().int(),
  phase: z.enum(['backfill', 'follow']),
  /** Backfill and sweep walk down by start time: the next window is `start_time <= bound` (null: from the newest). */
  bound: z.number().nullable(),
  /** Ids read at exactly `bound`, so a window that starts there does not count them twice. */
  atBound: z.array(z.string()),
  newest: z.number().nullable(),
  oldest: z.number().nullable(),
  done: z.number().int(),
  lastRunningCheck: z.number(),
  lastSweep: z.number(),
  /** Long-RUNNING runs are re-read in rotation: the next check starts after this start time (null: from the oldest). */
  staleRunningAfter: z.number().nullable().default(null),
  lastStaleRunningCheck: z.number().default(0),
});
type Cursor = z.infer<typeof cursorSchema>;

const parseCursor = (raw: string | null): Cursor | null => parseFeedCursor(cursorSchema, raw);

const startOf = (run: WireRun): number | null => {
  const raw = run.info?.start_time;
  const ms = typeof raw === 'string' ? Number(raw) : typeof raw === 'number' ? raw : NaN;
  return Number.isFinite(ms) ? ms : null;
};

const idOf = (run: WireRun): string => String(run.info?.run_id ?? run.info?.run_uuid ?? '');

export interface MlflowFeedOptions {
  client: MlflowClient;
  /** The experiments, shared with the source's snapshot so one read serves both (see source.ts). */
  lookups: LookupContext;
  pacing?: Partial<FeedPacing>;
  now?: () => number;
  /** Problems found while mapping (a run without an id, an unknown status): shown on /health. */
  report?: (problem: SourceProblem) => void;
}

/**
 * MLflow's runs as a change feed. There is no "changed since" in MLflow's API, so: backfill walks
 * runs/search newest first by start time; follow asks for runs started since the newest seen (minus a
 * look-back), re-reads runs still RUNNING, and a slow sweep re-walks everything to catch edits and deletes.
 */
export function createMlflowChangeFeed(id: string, label: string, options: MlflowFeedOptions): ChangeFeed {
  const pacing = { ...DEFAULT_PACING, ...options.pacing };
  const now = options.now ?? Date.now;
  const report = options.report ?? (() => {});
  // Process-local: a restart begins again at the largest page and lets the server's answer times shrink it.
  let pageSize = pacing.backfillPage;

  async function experimentIndex(): Promise<{ index: ExperimentIndex; ids: string[] }> {
    const index = await options.lookups.experimentIndex();
    return { index, ids: [...index.experiments.keys()] };
  }

  /** Additive increase, multiplicative decrease by the server's answer time: a busy MLflow gets smaller pages. */
  function adapt(elapsedMs: number): void {
    if (elapsedMs > pacing.targetAnswerMs) pageSize = Math.max(pacing.minPage, Math.floor(pageSize / 2));
    else if (elapsedMs < pacing.targetAnswerMs / 2) pageSize = Math.min(pacing.backfillPage, pageSize + Math.max(pacing.minPage, Math.floor(pageSize / 4)));
  }

  async function search(filter: string | undefined, maxResults: number, orderBy = NEWEST_FIRST, sized = false): Promise<WireRun[]> {
    const { ids } = await experimentIndex();
    const found: WireRun[] = [];
    let answerMs = 0;
    for (const chunk of chunks(ids, EXPERIMENTS_PER_SEARCH)) {
      const asked = performance.now();
      const page = await options.client.searchRunsUnchecked({ experimentIds: chunk, filter, runViewType: 'ALL', maxResults, orderBy });
      answerMs += performance.now() - asked;
      found.push(...await validateRunsInSlices(page.runs ?? [], '/api/2.0/mlflow/runs/search'));
    }
    // Only the server's time counts (not ours checking the runs): windows down the history set the page size.
    if (sized) adapt(answerMs);
    // Several chunks each answered newest first: merge them, then keep the window's size.
    return ids.length > EXPERIMENTS_PER_SEARCH ? found.sort((a, b) => (startOf(b) ?? 0) - (startOf(a) ?? 0)).slice(0, maxResults) : found;
  }

  async function mapped(wire: readonly WireRun[]): Promise<ExperimentRun[]> {
    const { index } = await experimentIndex();
    return mapRunsInSlices(wire, index, report);
  }

  /** One window down the history: runs with start_time <= bound, newest first, and where the next window starts. */
  async function windowBelow(cursor: Cursor, size: number): Promise<{ runs: WireRun[]; next: Pick<Cursor, 'bound' | 'atBound'>; exhausted: boolean }> {
    const filter = cursor.bound === null ? undefined : `attributes.start_time <= ${cursor.bound}`;
    const wire = await search(filter, size + cursor.atBound.length, NEWEST_FIRST, true);
    const seen = new Set(cursor.atBound);
    const runs = wire.filter((r) => !seen.has(idOf(r)));
    const exhausted = wire.length < size + cursor.atBound.length;
    const last = runs.at(-1);
    const lowest = last ? startOf(last) : null;
    if (lowest === null) return { runs, next: { bound: cursor.bound, atBound: cursor.atBound }, exhausted: true };
    const atLowest = runs.filter((r) => startOf(r) === lowest).map(idOf);
    const carried = lowest === cursor.bound ? [...cursor.atBound, ...atLowest] : atLowest;
    return { runs, next: { bound: lowest, atBound: carried }, exhausted };
  }

  async function backfill(cursor: Cursor): Promise<ChangeBatch> {
    if (cursor.oldest === null && cursor.done === 0) {
      const [oldestRun] = await search(undefined, 1, ['attributes.start_time ASC']);
      cursor = { ...cursor, oldest: oldestRun ? startOf(oldestRun) : null };
    }
    const { runs: wire, next, exhausted } = await windowBelow(cursor, cursor.done === 0 ? Math.min(pacing.firstPage, pageSize) : pageSize);
    const newest = cursor.newest ?? (wire[0] ? startOf(wire[0]) : null);
    const done = cursor.done + wire.length;
    const estimate = estimateTotal(done, newest, cursor.oldest, next.bound, exhausted);
    // The backfill is the first full pass; the sweep that follows it is the next.
    const following: Cursor = { ...cursor, pass: cursor.pass + 1, phase: 'follow', bound: null, atBound: [], newest, done, lastSweep: now(), lastRunningCheck: now(), lastStaleRunningCheck: now() };
    const advanced: Cursor = exhausted ? following : { ...cursor, ...next, newest, done };
    return batch(await mapped(wire), cursor.pass, advanced, exhausted, { caughtUp: exhausted, estimate });
  }

  async function follow(cursor: Cursor, context: FeedContext): Promise<ChangeBatch> {
    const since = cursor.newest === null ? undefined : `attributes.start_time >= ${cursor.newest - pacing.lookbackMs}`;
    const wire = await search(since, pacing.backfillPage);
    const starts = wire.map(startOf).filter((s): s is number => s !== null);
    const newest = Math.max(cursor.newest ?? -Infinity, ...starts);
    let next: Cursor = { ...cursor, newest: Number.isFinite(newest) ? newest : cursor.newest };
    const runs = await mapped(wire);

    // The feed's own experiment list: a re-check costs one runs/search per 100 runs, nothing more.
    const lookups: LookupContext = { ...options.lookups, experimentIndex: async () => (await experimentIndex()).index };
    if (now() - cursor.lastRunningCheck >= pacing.runningCheckMs) {
      const running = await context.runningRunIds(RUNNING_PER_CHECK, { startedAfterMs: now() - pacing.recentRunningMs });
      if (running.length > 0) runs.push(...(await runsByIds(lookups, running)).values());
      next = { ...next, lastRunningCheck: now() };
    }
    if (now() - cursor.lastStaleRunningCheck >= pacing.staleRunningCheckMs) {
      const after = cursor.staleRunningAfter;
      const stale = await context.runningRunIds(RUNNING_PER_CHECK, { startedAfterMs: after ?? undefined, startedBeforeMs: now() - pacing.recentRunningMs });
      const found = stale.length > 0 ? [...(await runsByIds(lookups, stale)).values()] : [];
      runs.push(...found);
      const latest = Math.max(...found.map((r) => r.startTime ?? -Infinity));
      // A full rotation starts again from the oldest.
      const rotation = stale.length < RUNNING_PER_CHECK || !Number.isFinite(latest) ? null : latest;
      next = { ...next, lastStaleRunningCheck: now(), staleRunningAfter: rotation };
    }

    let passComplete = false;
    const sinceSweep = now() - cursor.lastSweep;
    const sweepSize = sinceSweep >= pacing.sweepEveryMs ? Math.floor((pacing.sweepRunsPerMinute * sinceSweep) / 60_000) : 0;
    if (sweepSize >= 1) {
      const swept = await windowBelow(cursor, Math.min(sweepSize, pageSize));
      runs.push(...(await mapped(swept.runs)));
      passComplete = swept.exhausted;
      next = { ...next, ...(swept.exhausted ? { bound: null, atBound: [], pass: cursor.pass + 1 } : swept.next), lastSweep: now() };
    }
    return batch(runs, cursor.pass, next, passComplete, { caughtUp: true, estimate: next.done });
  }

  function batch(runs: ExperimentRun[], pass: number, next: Cursor, passComplete: boolean, o: { caughtUp: boolean; estimate: number | null }): ChangeBatch {
    return {
      lineageRuns: [], experimentRuns: runs, pass, passComplete, cursor: JSON.stringify(next), caughtUp: o.caughtUp,
      progress: { phase: next.phase, done: next.done, estimatedTotal: o.estimate },
    };
  }

  return {
    id,
    label,
    followIntervalMs: pacing.followIntervalMs,
    async changes(raw, context) {
      const cursor = parseCursor(raw) ?? { pass: 1, phase: 'backfill', bound: null, atBound: [], newest: null, oldest: null, done: 0, lastRunningCheck: 0, lastSweep: 0, staleRunningAfter: null, lastStaleRunningCheck: 0 };
      return cursor.phase === 'backfill' ? backfill(cursor) : follow(cursor, context);
    },
  };
}

/** "~150,000": runs read so far, scaled by how much of the time span from newest to oldest they cover. */
export function estimateTotal(done: number, newest: number | null, oldest: number | null, bound: number | null, exhausted: boolean): number | null {
  if (exhausted) return done;
  if (newest === null || oldest === null || bound === null || newest <= oldest) return null;
  const covered = (newest - bound) / (newest - oldest);
  return covered > 0.001 ? Math.round(done / covered) : null;
}
