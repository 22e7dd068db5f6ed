import 'server-only';
import { z } from 'zod';
import type { ExperimentRun, SourceProblem } from '@/lib/model';
import type { ChangeBatch, ChangeFeed } from '@/lib/sources/ports';
import type { MlflowClient } from './client';
import type { LookupContext } from './lookups';
import type { ExperimentIndex } from './map-run';
import { chunks } from './paging';
import type { WireRun } from './schemas';
import { mapRunsInSlices, validateRunsInSlices } from './sliced-runs';
import { parseFeedCursor } from '@/lib/sources/feed-cursor';
import { accrue, affordableRuns, freshSweepBudget, measured, spent, sweepBudgetSchema } from '@/lib/sources/sweep-budget';

/** How the feed paces itself; every figure is per source. */
export interface FeedPacing {
  /** Most runs per backfill page (MLflow: about 3.6 KB per run with its data; 500 runs parse in ~15 ms). */
  backfillPage: number;
  /** Fewest runs per backfill page, however slow the server answers. */
  minPage: number;
  /** The page shrinks (halves) while runs/search takes longer than this, and grows back while it takes under half of it. */
  targetAnswerMs: number;
  /** The first page is small so the runs list is useful within seconds. */
  firstPage: number;
  /** Between follow asks once caught up. */
  followIntervalMs: number;
  /** Runs started (or ended) this long before the newest one seen are asked again: clocks differ and runs are written late. */
  lookbackMs: number;
  /**
   * One re-check at most this often besides the polls, in turns: runs that ended since the last turn (RUNNING →
   * FINISHED, whatever their age), then a sweep page. So an idle source costs 3 polls + 1 re-check a minute.
   */
  recheckEveryMs: number;
  /** The reconciliation sweep's allowance (RUNLENS_SWEEP_KB_PER_MINUTE): bytes of runs re-read per minute, to catch edits and deletes. */
  sweepBytesPerMinute: number;
  /** Runs started this long before the newest are re-read by every third sweep page (edits happen to recent runs); the others walk the whole history. */
  recentSweepMs: number;
}

export const DEFAULT_PACING: FeedPacing = {
  backfillPage: 500,
  minPage: 100,
  targetAnswerMs: 1_000,
  firstPage: 100,
  followIntervalMs: 20_000,
  lookbackMs: 60_000,
  recheckEveryMs: 60_000,
  // 120 KB a minute: from a real server (3.6 KB a run) 22 runs a minute for the whole history (150,000 runs in ~4.7
  // days) and 11 for the last day's; with the polls and the experiments and registry, ~150 KB a minute in all.
  sweepBytesPerMinute: 120_000,
  recentSweepMs: 24 * 3_600_000,
};

/** The re-check turns, in order: ended runs every other minute, the sweep pages between (two down the whole history, one recent). */
const RECHECK_TURNS = ['ended', 'history', 'ended', 'history', 'ended', 'recent'] as const;

/** runs/search takes any number of experiment ids (only search-datasets caps them); chunks keep the body small. */
const EXPERIMENTS_PER_SEARCH = 1000;
const NEWEST_FIRST = ['attributes.start_time DESC'];
const FIRST_ENDED = ['attributes.end_time ASC'];

const walkSchema = z.object({
  /** A walk goes down by start time: the next window is `start_time <= bound` (null: from the newest). */
  bound: z.number().nullable(),
  /** Ids read at exactly `bound`, so a window that starts there does not count them twice. */
  atBound: z.array(z.string()),
});
type Walk = z.infer<typeof walkSchema>;
const TOP: Walk = { bound: null, atBound: [] };

const cursorSchema = z.object({
  pass: z.number().int(),
  phase: z.enum(['backfill', 'follow']),
  /** Backfill, then the sweep down the whole history. */
  bound: z.number().nullable(),
  atBound: z.array(z.string()),
  newest: z.number().nullable(),
  oldest: z.number().nullable(),
  done: z.number().int(),
  /** When the last re-check turn ran (the feed's clock). */
  lastSweep: z.number(),
  recheckTurn: z.number().int().default(0),
  /** The next ended-runs check asks `end_time >= endedFrom` (null: a look-back before now). */
  endedFrom: z.number().nullable().default(null),
  /** The sweep of recent runs walks down from the newest to `newest - recentSweepMs`, then starts again. */
  recent: walkSchema.default(TOP),
  budget: sweepBudgetSchema.nullable().default(null),
});
type Cursor = z.infer<typeof cursorSchema>;

const parseCursor = (raw: string | null): Cursor | null => parseFeedCursor(cursorSchema, raw);

const timeOf = (raw: unknown): number | null => {
  const ms = typeof raw === 'string' ? Number(raw) : typeof raw === 'number' ? raw : NaN;
  return Number.isFinite(ms) ? ms : null;
};
const startOf = (run: WireRun): number | null => timeOf(run.info?.start_time);
const endOf = (run: WireRun): number | null => timeOf(run.info?.end_time);

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

interface Searched {
  runs: WireRun[];
  /** Bytes of the answers (what the ask cost the network). */
  bytes: number;
}

/**
 * MLflow's runs as a change feed. There is no "changed since" in MLflow's API, so: backfill walks
 * runs/search newest first by start time; follow asks for runs started since the newest seen (minus a
 * look-back), every other minute for runs that ended since the last such ask, and a sweep within a byte
 * allowance re-walks recent runs often and the whole history slowly to catch edits and deletes.
 */
export function createMlflowChangeFeed(id: string, label: string, options: MlflowFeedOptions): ChangeFeed {
  const pacing = { ...DEFAULT_PACING, ...options.pacing };
  const now = options.now ?? Date.now;
  const report = options.report ?? (() => {});
  // Process-local: a restart begins again at the largest page and lets the server's answer times shrink it.
  let pageSize = pacing.backfillPage;
  // Experiments this process has asked for runs; one that appears later is asked for its runs at once (see newExperimentRuns).
  let knownExperiments: Set<string> | null = null;

  async function experimentIndex(): Promise<{ index: ExperimentIndex; ids: string[] }> {
    const index = await options.lookups.experimentIndex();
    return { index, ids: [...index.experiments.keys()] };
  }

  /** Additive increase, multiplicative decrease by the server's answer time: a busy MLflow gets smaller pages. */
  function adapt(elapsedMs: number): void {
    if (elapsedMs > pacing.targetAnswerMs) pageSize = Math.max(pacing.minPage, Math.floor(pageSize / 2));
    else if (elapsedMs < pacing.targetAnswerMs / 2) pageSize = Math.min(pacing.backfillPage, pageSize + Math.max(pacing.minPage, Math.floor(pageSize / 4)));
  }

  async function search(filter: string | undefined, maxResults: number, o: { orderBy?: string[]; sized?: boolean; experimentIds?: string[] } = {}): Promise<Searched> {
    const ids = o.experimentIds ?? (await experimentIndex()).ids;
    const orderBy = o.orderBy ?? NEWEST_FIRST;
    const found: WireRun[] = [];
    let answerMs = 0;
    let bytes = 0;
    for (const chunk of chunks(ids, EXPERIMENTS_PER_SEARCH)) {
      const asked = performance.now();
      const answer = await options.client.searchRunsUnchecked({ experimentIds: chunk, filter, runViewType: 'ALL', maxResults, orderBy });
      answerMs += performance.now() - asked;
      bytes += answer.bytes;
      found.push(...await validateRunsInSlices(answer.page.runs ?? [], '/api/2.0/mlflow/runs/search'));
    }
    // Only the server's time counts (not ours checking the runs): windows down the history set the page size.
    if (o.sized) adapt(answerMs);
    if (ids.length <= EXPERIMENTS_PER_SEARCH) return { runs: found, bytes };
    // Several chunks each answered in order: merge them, then keep the window's size.
    const key = orderBy === FIRST_ENDED ? (r: WireRun) => endOf(r) ?? Infinity : (r: WireRun) => -(startOf(r) ?? 0);
    return { runs: found.sort((a, b) => key(a) - key(b)).slice(0, maxResults), bytes };
  }

  async function mapped(wire: readonly WireRun[]): Promise<ExperimentRun[]> {
    const { index } = await experimentIndex();
    return mapRunsInSlices(wire, index, report);
  }

  /** One window down a walk: runs with start_time <= bound (and >= floor), newest first, and where the walk goes on. */
  async function windowBelow(walk: Walk, size: number, floor: number | null = null): Promise<Searched & { next: Walk; exhausted: boolean }> {
    const clauses = [walk.bound === null ? null : `attributes.start_time <= ${walk.bound}`, floor === null ? null : `attributes.start_time >= ${floor}`].filter((c) => c !== null);
    const asked = size + walk.atBound.length;
    const { runs: wire, bytes } = await search(clauses.length === 0 ? undefined : clauses.join(' AND '), asked, { sized: true });
    const seen = new Set(walk.atBound);
    const runs = wire.filter((r) => !seen.has(idOf(r)));
    const exhausted = wire.length < asked;
    const last = runs.at(-1);
    const lowest = last ? startOf(last) : null;
    if (lowest === null) return { runs, bytes, next: walk, exhausted: true };
    const atLowest = runs.filter((r) => startOf(r) === lowest).map(idOf);
    const carried = lowest === walk.bound ? [...walk.atBound, ...atLowest] : atLowest;
    return { runs, bytes, next: { bound: lowest, atBound: carried }, exhausted };
  }

  async function backfill(cursor: Cursor): Promise<ChangeBatch> {
    if (cursor.oldest === null && cursor.done === 0) {
      const { runs: [oldestRun] } = await search(undefined, 1, { orderBy: ['attributes.start_time ASC'] });
      // Runs that end while the backfill reads older ones are asked for once it is done.
      cursor = { ...cursor, oldest: oldestRun ? startOf(oldestRun) : null, endedFrom: now() - pacing.lookbackMs };
    }
    const window = await windowBelow(cursor, cursor.done === 0 ? Math.min(pacing.firstPage, pageSize) : pageSize);
    const { runs: wire, next, exhausted } = window;
    const budget = measured(cursor.budget ?? freshSweepBudget(now()), window.bytes, wire.length);
    const newest = cursor.newest ?? (wire[0] ? startOf(wire[0]) : null);
    const done = cursor.done + wire.length;
    // The backfill is the first full pass; the sweep that follows it is the next.
    const following: Cursor = { ...cursor, ...TOP, pass: cursor.pass + 1, phase: 'follow', newest, done, lastSweep: now(), recheckTurn: 0, budget: { ...budget, bytes: 0, at: now() } };
    const advanced: Cursor = exhausted ? following : { ...cursor, ...next, newest, done, budget };
    // No total is made up while walking back: runs are rarely spread evenly over time (most are recent).
    return batch(await mapped(wire), cursor.pass, advanced, exhausted, { caughtUp: exhausted, estimate: exhausted ? done : null, reachedMs: exhausted ? cursor.oldest : next.bound });
  }

  /** Runs of experiments created since this process last looked: their newest page at once (older ones come with the sweep). */
  async function newExperimentRuns(): Promise<Searched> {
    const { ids } = await experimentIndex();
    const added = knownExperiments === null ? [] : ids.filter((e) => !knownExperiments!.has(e));
    knownExperiments = new Set(ids);
    return added.length === 0 ? { runs: [], bytes: 0 } : search(undefined, pacing.backfillPage, { experimentIds: added });
  }

  /** Runs that ended since the last check, first ended first; where the next check starts. */
  async function endedSince(from: number): Promise<Searched & { from: number }> {
    const found = await search(`attributes.end_time >= ${from}`, pacing.backfillPage, { orderBy: FIRST_ENDED });
    const ends = found.runs.map(endOf).filter((e): e is number => e !== null);
    const latest = ends.length === 0 ? from : Math.max(...ends);
    // A full page: walk on from its last end (a step past it if the whole page ended at one instant); else a look-back before the latest.
    const full = found.runs.length >= pacing.backfillPage;
    const next = full ? (latest === from ? from + 1 : latest) : Math.max(from, latest - pacing.lookbackMs);
    return { ...found, from: next };
  }

  /** The re-check whose turn it is, within the byte allowance; the cursor after it. */
  async function recheck(cursor: Cursor): Promise<{ runs: WireRun[]; next: Cursor; passComplete: boolean }> {
    const turn = RECHECK_TURNS[cursor.recheckTurn % RECHECK_TURNS.length];
    let budget = accrue(cursor.budget ?? freshSweepBudget(cursor.lastSweep), pacing.sweepBytesPerMinute, now());
    let next: Cursor = { ...cursor, lastSweep: now(), recheckTurn: (cursor.recheckTurn + 1) % RECHECK_TURNS.length };
    if (turn === 'ended') {
      const ended = await endedSince(cursor.endedFrom ?? now() - pacing.recheckEveryMs - pacing.lookbackMs);
      budget = spent(measured(budget, ended.bytes, ended.runs.length), ended.bytes);
      return { runs: ended.runs, next: { ...next, endedFrom: ended.from, budget }, passComplete: false };
    }
    const size = affordableRuns(budget, pageSize);
    if (size < 1) return { runs: [], next: { ...next, budget }, passComplete: false };
    const recent = turn === 'recent';
    const floor = recent ? (cursor.newest ?? now()) - pacing.recentSweepMs : null;
    const swept = await windowBelow(recent ? cursor.recent : cursor, size, floor);
    budget = spent(measured(budget, swept.bytes, swept.runs.length), swept.bytes);
    next = { ...next, budget };
    if (recent) return { runs: swept.runs, next: { ...next, recent: swept.exhausted ? TOP : swept.next }, passComplete: false };
    const walked = swept.exhausted ? { ...TOP, pass: cursor.pass + 1 } : swept.next;
    return { runs: swept.runs, next: { ...next, ...walked }, passComplete: swept.exhausted };
  }

  async function follow(cursor: Cursor): Promise<ChangeBatch> {
    const since = cursor.newest === null ? undefined : `attributes.start_time >= ${cursor.newest - pacing.lookbackMs}`;
    const polled = await search(since, pacing.backfillPage);
    const starts = polled.runs.map(startOf).filter((s): s is number => s !== null);
    const newest = Math.max(cursor.newest ?? -Infinity, ...starts);
    let next: Cursor = { ...cursor, newest: Number.isFinite(newest) ? newest : cursor.newest };
    const wire = [...polled.runs, ...(await newExperimentRuns()).runs];
    let passComplete = false;
    if (now() - cursor.lastSweep >= pacing.recheckEveryMs) {
      const checked = await recheck(next);
      wire.push(...checked.runs);
      next = checked.next;
      passComplete = checked.passComplete;
    }
    return batch(await mapped(wire), cursor.pass, next, passComplete, { caughtUp: true, estimate: next.done, reachedMs: cursor.oldest });
  }

  function batch(runs: ExperimentRun[], pass: number, next: Cursor, passComplete: boolean, o: { caughtUp: boolean; estimate: number | null; reachedMs: number | null }): ChangeBatch {
    return {
      lineageRuns: [], experimentRuns: runs, pass, passComplete, cursor: JSON.stringify(next), caughtUp: o.caughtUp,
      progress: { phase: next.phase, done: next.done, estimatedTotal: o.estimate, reachedBackTo: o.reachedMs },
    };
  }

  return {
    id,
    label,
    followIntervalMs: pacing.followIntervalMs,
    async changes(raw) {
      const cursor = parseCursor(raw) ?? { pass: 1, phase: 'backfill', ...TOP, newest: null, oldest: null, done: 0, lastSweep: 0, recheckTurn: 0, endedFrom: null, recent: TOP, budget: null };
      return cursor.phase === 'backfill' ? backfill(cursor) : follow(cursor);
    },
  };
}
