import 'server-only';
import { z } from 'zod';
import type { ExperimentRun, SourceProblem } from '@/lib/model';
import type { ChangeBatch, ChangeFeed } from '@/lib/sources/ports';
import type { WandbClient } from './client';
import { withAllArtifacts, type SnapshotLimits } from './fetch-snapshot';
import { mapArtifacts } from './map-artifacts';
import { mapRun, projectPath, wandbTime, type ProjectPath } from './map-run';
import type { WireRun } from './schemas';
import { parseFeedCursor } from '@/lib/sources/feed-cursor';
import { accrue, affordableRuns, freshSweepBudget, measured, spent, sweepBudgetSchema } from '@/lib/sources/sweep-budget';

export interface WandbFeedPacing {
  /** Runs per backfill page and project (`first`); each comes with its first artifacts, so pages stay near the Python client's 50. */
  backfillPage: number;
  /** Runs per follow page and project. */
  followPage: number;
  /** Runs updated this long before the newest update seen are asked again: clocks differ and writes land late. */
  lookbackMs: number;
  followIntervalMs: number;
  /** While following, one sweep page is re-read this often, newest created first, to catch deletes. */
  sweepEveryMs: number;
  /** Most runs per sweep page; fewer when the byte allowance does not cover them. */
  sweepPage: number;
  /** The sweep's allowance (RUNLENS_SWEEP_KB_PER_MINUTE): bytes of runs re-read per minute, pages sized by the bytes a run measured. */
  sweepBytesPerMinute: number;
}

// Sweep: at most 50 runs and 120 KB a minute (W&B runs with config and summary are often 2-10 KB).
export const DEFAULT_WANDB_PACING: WandbFeedPacing = {
  backfillPage: 50, followPage: 100, lookbackMs: 60_000, followIntervalMs: 15_000, sweepEveryMs: 60_000, sweepPage: 50, sweepBytesPerMinute: 120_000,
};

const projectCursorSchema = z.object({
  /** Backfill and sweep walk down by createdAt: the next page is `createdAt <= down` (epoch ms; null: from the newest). */
  down: z.number().nullable(),
  /** Runs read at exactly `down`, so the next page does not count them twice. */
  atDown: z.array(z.string()),
  /** This project's walk down reached its oldest run, in the current pass. */
  walked: z.boolean(),
  /** Follow walks up by updatedAt: the next page is `updatedAt >= bound` (epoch ms; null: from the oldest). */
  bound: z.number().nullable(),
  /** Runs read at exactly `bound`, so the next page does not count them twice. */
  atBound: z.array(z.string()),
  /** The newest updatedAt read (epoch ms). */
  newest: z.number().nullable(),
});
type ProjectCursor = z.infer<typeof projectCursorSchema>;

const cursorSchema = z.object({
  pass: z.number().int(),
  phase: z.enum(['backfill', 'follow']),
  done: z.number().int(),
  /** When the backfill began: runs changed after it are asked by follow even if the backfill saw newer updates. */
  backfillStartedAt: z.number(),
  lastSweep: z.number(),
  projects: z.record(z.string(), projectCursorSchema),
  budget: sweepBudgetSchema.nullable().default(null),
});
type Cursor = z.infer<typeof cursorSchema>;

const parseCursor = (raw: string | null): Cursor | null => parseFeedCursor(cursorSchema, raw);

const freshProject = (): ProjectCursor => ({ down: null, atDown: [], walked: false, bound: null, atBound: [], newest: null });
const createdOf = (run: WireRun): number | null => wandbTime(run.createdAt);
const updatedOf = (run: WireRun): number | null => wandbTime(run.updatedAt ?? run.heartbeatAt ?? run.createdAt);
/** W&B's own time format (UTC, no zone), to the second: rounded down for `$gte`, up for `$lte`, so a bound only widens. */
const wandbTimeText = (ms: number, round: 'down' | 'up'): string => new Date(round === 'up' ? Math.ceil(ms / 1000) * 1000 : ms).toISOString().slice(0, 19);

/** The next page after one read from `bound` with `atBound` skipped: the last run's time and the ids read at it. */
function keysetAfter(wire: readonly WireRun[], timeOf: (r: WireRun) => number | null, bound: number | null, atBound: readonly string[]): { bound: number; atBound: string[] } | null {
  const last = wire.at(-1);
  const lastTime = last ? timeOf(last) : null;
  if (lastTime === null) return null;
  const atLast = wire.filter((r) => timeOf(r) === lastTime).map((r) => r.name);
  return { bound: lastTime, atBound: lastTime === bound ? [...atBound, ...atLast] : atLast };
}

export interface WandbFeedOptions {
  client: WandbClient;
  projects: readonly ProjectPath[];
  limits: SnapshotLimits;
  pacing?: Partial<WandbFeedPacing>;
  now?: () => number;
  /** Problems found while reading and mapping (a missing project, capped artifacts): shown on /health. */
  report?: (problem: SourceProblem) => void;
}

/**
 * W&B's runs as a change feed. Backfill reads each project newest first by createdAt, one page per call;
 * follow asks each project for runs with `updatedAt >= bound` oldest update first (a keyset walk), and once
 * caught up starts again a look-back before the newest update seen. W&B bumps updatedAt on every write,
 * heartbeat and state change, so running runs need no separate re-check; a slow sweep down by createdAt
 * completes a pass now and then, so runs deleted upstream leave the index. Both walks are keyset (time + ids
 * at that time), so runs created or deleted meanwhile never shift a page.
 */
export function createWandbChangeFeed(id: string, label: string, options: WandbFeedOptions): ChangeFeed {
  const pacing = { ...DEFAULT_WANDB_PACING, ...options.pacing };
  const now = options.now ?? Date.now;
  const report = options.report ?? (() => {});
  const paths = options.projects.map(projectPath);

  async function mapped(project: ProjectPath, wire: readonly WireRun[]): Promise<ExperimentRun[]> {
    const problems: SourceProblem[] = [];
    const complete = await withAllArtifacts(options.client, project, wire, options.limits, problems);
    const runs = complete.map((w) => mapRun(w.run, w.project, mapArtifacts(w.outputs, w.inputs), (p) => problems.push(p)));
    problems.forEach(report);
    return runs;
  }

  const missing = (project: ProjectPath) => report({ where: projectPath(project), message: 'W&B has no such project, or the API key may not read it (check WANDB_ENTITY and WANDB_PROJECT)' });
  const newestOf = (previous: number | null, wire: readonly WireRun[]) => {
    const newest = Math.max(previous ?? -Infinity, ...wire.map((r) => updatedOf(r) ?? -Infinity));
    return Number.isFinite(newest) ? newest : previous;
  };

  /** One page down a project's history, newest created first, from where its walk stands. */
  async function walkDown(project: ProjectPath, state: ProjectCursor, size: number): Promise<{ runs: ExperimentRun[]; state: ProjectCursor; bytes: number }> {
    const filters = state.down === null ? {} : { createdAt: { $lte: wandbTimeText(state.down, 'up') } };
    const page = await options.client.projectRuns({ ...project, perPage: size + state.atDown.length, artifactsPerRun: options.limits.artifactsPerRun, order: '-created_at', filters });
    if (page === null) missing(project);
    const skipped = new Set(state.atDown);
    const wire = (page?.items ?? []).filter((r) => !skipped.has(r.name));
    const next = page?.hasNextPage ? keysetAfter(wire, createdOf, state.down, state.atDown) : null;
    const walked = { ...state, down: next?.bound ?? null, atDown: next?.atBound ?? [], walked: next === null, newest: newestOf(state.newest, wire) };
    return { runs: await mapped(project, wire), state: walked, bytes: page?.bytes ?? 0 };
  }

  /** One page down each project not walked yet (`all`), or down the first of them only. */
  async function walkProjects(cursor: Cursor, size: number, all: boolean): Promise<{ runs: ExperimentRun[]; projects: Cursor['projects']; walkedAll: boolean; bytes: number }> {
    const pending = options.projects.filter((p) => !cursor.projects[projectPath(p)]?.walked);
    const projects = { ...cursor.projects };
    const runs: ExperimentRun[] = [];
    let bytes = 0;
    for (const project of all ? pending : pending.slice(0, 1)) {
      const path = projectPath(project);
      const walked = await walkDown(project, projects[path] ?? freshProject(), size);
      runs.push(...walked.runs);
      bytes += walked.bytes;
      projects[path] = walked.state;
    }
    return { runs, projects, walkedAll: paths.every((p) => projects[p]?.walked), bytes };
  }

  /** A new pass walks every project down again from its newest run. */
  const restartWalk = (projects: Cursor['projects']) =>
    Object.fromEntries(Object.entries(projects).map(([p, s]) => [p, { ...s, down: null, atDown: [], walked: false }]));

  async function backfill(cursor: Cursor): Promise<ChangeBatch> {
    // Every project's newest runs first: a page of each per call (the batch is at most projects × backfillPage).
    const { runs, projects, walkedAll, bytes } = await walkProjects(cursor, pacing.backfillPage, true);
    const done = cursor.done + runs.length;
    const budget = measured(cursor.budget ?? freshSweepBudget(now()), bytes, runs.length);
    if (walkedAll) {
      // Follow starts a look-back before the backfill began (or the newest update it saw, if earlier): nothing changed meanwhile is missed.
      const following = Object.fromEntries(Object.entries(restartWalk(projects)).map(([p, s]) => {
        const from = Math.min(s.newest ?? cursor.backfillStartedAt, cursor.backfillStartedAt) - pacing.lookbackMs;
        return [p, { ...s, bound: from, atBound: [] }];
      }));
      // The backfill is the first full pass; the sweep that follows it is the next.
      const next: Cursor = { ...cursor, pass: cursor.pass + 1, phase: 'follow', done, lastSweep: now(), projects: following, budget: { ...budget, bytes: 0, at: now() } };
      return batch(runs, cursor.pass, next, true, true);
    }
    return batch(runs, cursor.pass, { ...cursor, done, projects, budget }, false, false);
  }

  async function follow(cursor: Cursor): Promise<ChangeBatch> {
    const runs: ExperimentRun[] = [];
    const projects = { ...cursor.projects };
    let caughtUp = true;
    for (const project of options.projects) {
      const path = projectPath(project);
      const state = projects[path] ?? freshProject();
      const asked = pacing.followPage + state.atBound.length;
      const filters = state.bound === null ? {} : { updatedAt: { $gte: wandbTimeText(state.bound, 'down') } };
      const page = await options.client.projectRuns({ ...project, perPage: asked, artifactsPerRun: options.limits.artifactsPerRun, order: '+updated_at', filters });
      if (page === null) {
        missing(project);
        continue;
      }
      const seen = new Set(state.atBound);
      const wire = page.items.filter((r) => !seen.has(r.name));
      runs.push(...await mapped(project, wire));
      const newest = newestOf(state.newest, wire);
      const next = page.hasNextPage ? keysetAfter(wire, updatedOf, state.bound, state.atBound) : null;
      if (next) {
        // More changed than one page: walk on from the last update read, carrying the ids read at that instant.
        projects[path] = { ...state, ...next, newest };
        caughtUp = false;
      } else {
        projects[path] = { ...state, bound: newest === null ? null : newest - pacing.lookbackMs, atBound: [], newest };
      }
    }
    let next: Cursor = { ...cursor, done: cursor.done + runs.length, projects };
    let passComplete = false;
    const budget = accrue(cursor.budget ?? freshSweepBudget(cursor.lastSweep), pacing.sweepBytesPerMinute, now());
    const size = affordableRuns(budget, pacing.sweepPage);
    if (now() - cursor.lastSweep >= pacing.sweepEveryMs && size >= 1) {
      // Runs deleted upstream are those no batch of a pass carried: the sweep re-reads everything slowly, follow carries the changes.
      const swept = await walkProjects(next, size, false);
      runs.push(...swept.runs);
      passComplete = swept.walkedAll;
      next = {
        ...next, lastSweep: now(), projects: swept.walkedAll ? restartWalk(swept.projects) : swept.projects, pass: swept.walkedAll ? cursor.pass + 1 : cursor.pass,
        budget: spent(measured(budget, swept.bytes, swept.runs.length), swept.bytes),
      };
    }
    return batch(runs, cursor.pass, next, passComplete, caughtUp);
  }

  function batch(runs: ExperimentRun[], pass: number, next: Cursor, passComplete: boolean, caughtUp: boolean): ChangeBatch {
    return {
      lineageRuns: [], experimentRuns: runs, pass, passComplete, cursor: JSON.stringify(next), caughtUp,
      progress: { phase: next.phase, done: next.done, estimatedTotal: next.phase === 'follow' ? next.done : null },
    };
  }

  return {
    id,
    label,
    followIntervalMs: pacing.followIntervalMs,
    async changes(raw) {
      const cursor = parseCursor(raw) ?? { pass: 1, phase: 'backfill', done: 0, backfillStartedAt: now(), lastSweep: 0, projects: {}, budget: null };
      return cursor.phase === 'backfill' ? backfill(cursor) : follow(cursor);
    },
  };
}
