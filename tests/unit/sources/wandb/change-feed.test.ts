import { afterEach, describe, expect, it } from 'vitest';
import type { ChangeBatch, ChangeFeed, FeedContext } from '@/lib/sources/ports';
import { createWandbSource } from '@/lib/sources/wandb';
import type { WandbFeedPacing } from '@/lib/sources/wandb/change-feed';
import { grootProjects, startWandbStub, type WandbStub } from '@/tests/stubs/wandb';
import type { FixtureProject, FixtureRun } from '@/tests/stubs/wandb/fixtures';

let stub: WandbStub | null = null;

afterEach(async () => {
  await stub?.close();
  stub = null;
});

const context: FeedContext = { runningRunIds: async () => [] };
const PROJECT = 'feed-project';

/** A run of the groot scenario under another name and times (W&B's format: UTC without a zone). */
function runAt(name: string, createdAt: string, updatedAt = createdAt): FixtureRun {
  const template = grootProjects()[0]?.runs[0] as FixtureRun;
  return { ...template, name, displayName: name, createdAt, heartbeatAt: updatedAt, updatedAt, inputs: [], outputs: [] };
}

/** Ten runs created an hour apart on 2026-11-01, each last updated when it was created. */
const tenRuns = () => Array.from({ length: 10 }, (_, i) => runAt(`run-${String(i).padStart(2, '0')}`, `2026-11-01T${String(i).padStart(2, '0')}:00:00`));

async function feedOn(runs: FixtureRun[], pacing: Partial<WandbFeedPacing>) {
  const projects: FixtureProject[] = [{ entity: 'team', name: PROJECT, runs }];
  stub ??= await startWandbStub({ projects });
  const source = createWandbSource({ baseUrl: stub.url, apiKey: stub.apiKey, entity: 'team', projects: [PROJECT], retries: 0, snapshotRuns: false, pacing });
  return { stub, feed: source.changeFeed(), projects };
}

/** Asks until the feed says it is caught up (at most `limit` batches). */
async function drain(feed: ChangeFeed, cursor: string | null, limit = 20): Promise<{ batches: ChangeBatch[]; cursor: string | null }> {
  const batches: ChangeBatch[] = [];
  for (let i = 0; i < limit; i += 1) {
    const batch = await feed.changes(cursor, context);
    batches.push(batch);
    cursor = batch.cursor;
    if (batch.caughtUp) return { batches, cursor };
  }
  throw new Error(`not caught up after ${limit} batches`);
}

const ids = (batches: ChangeBatch[]) => batches.flatMap((b) => b.experimentRuns.map((r) => r.runId));

describe('W&B change feed against the stub', () => {
  it('backfills newest first by createdAt in bounded pages, then completes the pass', async () => {
    const { stub: s, feed } = await feedOn(tenRuns(), { backfillPage: 4 });
    const { batches } = await drain(feed, null);
    expect(batches.map((b) => b.experimentRuns.length)).toEqual([4, 4, 2]);
    expect(ids(batches)).toEqual(tenRuns().map((r) => r.name).reverse());
    expect(batches.map((b) => [b.pass, b.passComplete, b.progress.phase])).toEqual([[1, false, 'backfill'], [1, false, 'backfill'], [1, true, 'follow']]);
    expect(batches[2]?.progress).toEqual({ phase: 'follow', done: 10, estimatedTotal: 10 });
    // A keyset walk: each page starts at the creation time of the last run read, skipping the runs read at it.
    const asked = s.requests.map((r) => [r.variables.order, r.variables.perPage, r.variables.filters]);
    expect(asked).toEqual([
      ['-created_at', 4, '{}'],
      ['-created_at', 5, JSON.stringify({ createdAt: { $lte: '2026-11-01T06:00:00' } })],
      ['-created_at', 5, JSON.stringify({ createdAt: { $lte: '2026-11-01T02:00:00' } })],
    ]);
  });

  it('backfills every project newest first at once, so the first batch has each project\'s newest runs', async () => {
    stub = await startWandbStub();
    const source = createWandbSource({ baseUrl: stub.url, apiKey: stub.apiKey, entity: 'groot-team', projects: ['groot-data-etl', 'groot-eval'], retries: 0, snapshotRuns: false, pacing: { backfillPage: 2 } });
    const { batches } = await drain(source.changeFeed(), null);
    expect(batches[0]?.experimentRuns.map((r) => `${r.experimentId}/${r.runId}`)).toEqual([
      'groot-team/groot-data-etl/pr0b3run', 'groot-team/groot-data-etl/e3f1lt7r', 'groot-team/groot-eval/k7d3dup1',
    ]);
    // groot-eval is walked after one page; groot-data-etl's 7 runs take 4 pages.
    expect(batches.map((b) => b.experimentRuns.length)).toEqual([3, 2, 2, 1]);
    expect(batches.at(-1)).toMatchObject({ passComplete: true, progress: { phase: 'follow', done: 8 } });
  });

  it('follows by updatedAt: a run updated later and a new run are read, unchanged ones are not', async () => {
    const runs = tenRuns();
    const { stub: s, feed, projects } = await feedOn(runs, { backfillPage: 50 });
    const { cursor } = await drain(feed, null);
    const quiet = await feed.changes(cursor, context);
    // Only the run updated within the look-back of the newest update (run-09 at 09:00) is asked again.
    expect(ids([quiet])).toEqual(['run-09']);
    expect(quiet).toMatchObject({ caughtUp: true, passComplete: false, pass: 2 });
    expect(s.requests.at(-1)?.variables).toMatchObject({ order: '+updated_at', filters: JSON.stringify({ updatedAt: { $gte: '2026-11-01T08:59:00' } }) });

    const project = projects[0] as FixtureProject;
    const old = project.runs[2] as FixtureRun;
    Object.assign(old, { state: 'crashed', updatedAt: '2026-11-02T00:00:00' });
    project.runs.push(runAt('run-new', '2026-11-02T00:00:05', '2026-11-02T00:00:30'));
    const next = await feed.changes(quiet.cursor, context);
    expect(ids([next])).toEqual(['run-09', 'run-02', 'run-new']);
    expect(next.experimentRuns.find((r) => r.runId === 'run-02')?.status).toBe('KILLED');
    // The look-back now starts a minute before the newest update seen.
    const after = await feed.changes(next.cursor, context);
    expect(ids([after])).toEqual(['run-02', 'run-new']);
  });

  it('resumes a backfill from a saved cursor in a new process without reading a run twice', async () => {
    const { feed } = await feedOn(tenRuns(), { backfillPage: 3 });
    const first = await feed.changes(null, context);
    const second = await feed.changes(first.cursor, context);
    // A restart: another source and feed, given the cursor the syncer persisted.
    const { feed: restarted } = await feedOn(tenRuns(), { backfillPage: 3 });
    const { batches } = await drain(restarted, second.cursor);
    const all = ids([first, second, ...batches]);
    expect(all).toEqual(tenRuns().map((r) => r.name).reverse());
    expect(batches.at(-1)).toMatchObject({ pass: 1, passComplete: true });
  });

  it('sweeps the history slowly while following, so a pass completes without the runs deleted upstream', async () => {
    const { feed, projects } = await feedOn(tenRuns(), { sweepEveryMs: 0, sweepPage: 4, sweepBytesPerMinute: 1e12 });
    const { cursor } = await drain(feed, null);
    const project = projects[0] as FixtureProject;
    project.runs = project.runs.filter((r) => r.name !== 'run-05');
    const pass: ChangeBatch[] = [];
    let next = cursor;
    for (let i = 0; i < 5 && !pass.at(-1)?.passComplete; i += 1) {
      const batch = await feed.changes(next, context);
      pass.push(batch);
      next = batch.cursor;
    }
    expect(pass.map((b) => [b.pass, b.passComplete])).toEqual([[2, false], [2, false], [2, true]]);
    const carried = new Set(ids(pass));
    expect([...carried].sort()).toEqual(tenRuns().map((r) => r.name).filter((n) => n !== 'run-05'));
    // The next pass starts again from the newest run.
    const after = await feed.changes(next, context);
    expect(after.pass).toBe(3);
    expect(ids([after])).toContain('run-09');
  });

  it('keeps its sweep within the byte allowance over simulated minutes, one poll every 15 s, and still completes a pass', async () => {
    const runs = Array.from({ length: 40 }, (_, i) => runAt(`run-${String(i).padStart(2, '0')}`, `2026-11-01T${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 === 0 ? '00' : '30'}:00`));
    stub = await startWandbStub({ projects: [{ entity: 'team', name: PROJECT, runs }] });
    let clock = Date.UTC(2026, 10, 2);
    const allowance = 8_000;
    const source = createWandbSource({ baseUrl: stub.url, apiKey: stub.apiKey, entity: 'team', projects: [PROJECT], retries: 0, snapshotRuns: false, feedClock: () => clock, pacing: { sweepBytesPerMinute: allowance } });
    const feed = source.changeFeed();
    let { cursor } = await drain(feed, null);
    const sweeps = () => stub!.requests.filter((r) => r.variables.order === '-created_at');
    const sweptBefore = sweeps().length;
    const perMinute: number[] = [];
    let passes = 0;
    for (let minute = 0; minute < 30; minute++) {
      const before = stub.requests.length;
      for (let poll = 0; poll < 4; poll++) {
        clock += 15_000;
        const batch = await feed.changes(cursor, context);
        cursor = batch.cursor;
        if (batch.passComplete) passes += 1;
      }
      perMinute.push(stub.requests.length - before);
    }
    // Four polls and at most one sweep page a minute.
    expect(Math.max(...perMinute)).toBeLessThanOrEqual(5);
    const swept = sweeps().slice(sweptBefore);
    const sweptBytes = swept.reduce((n, r) => n + r.bytes, 0);
    expect(sweptBytes).toBeLessThanOrEqual(allowance * (30 + 3));
    // Each page holds what the allowance buys at the measured size of a run, not the fixed 50.
    expect(Math.max(...swept.map((r) => Number(r.variables.perPage)))).toBeLessThan(40);
    expect(passes).toBeGreaterThanOrEqual(1);
  });

  it('follows in bounded pages when many runs changed, runs updated at the same instant included once', async () => {
    const runs = tenRuns();
    const { stub: s, feed } = await feedOn(runs, { followPage: 3 });
    const { cursor } = await drain(feed, null);
    // Seven runs updated later, four of them at the same second, so a page boundary falls inside the tie.
    const times = ['2026-11-03T00:00:00', '2026-11-03T00:00:01', '2026-11-03T00:00:01', '2026-11-03T00:00:01', '2026-11-03T00:00:01', '2026-11-03T00:00:02', '2026-11-03T00:00:03'];
    times.forEach((t, i) => Object.assign(runs[i] as FixtureRun, { updatedAt: t }));
    const before = s.requests.length;
    const { batches } = await drain(feed, cursor);
    expect(batches.every((b) => b.experimentRuns.length <= 3)).toBe(true);
    expect(batches.map((b) => b.caughtUp)).toEqual([...Array(batches.length - 1).fill(false), true]);
    const read = ids(batches);
    // run-09 (within the first look-back) then the seven in update order, none twice.
    expect(read).toEqual(['run-09', 'run-00', 'run-01', 'run-02', 'run-03', 'run-04', 'run-05', 'run-06']);
    expect(s.requests.slice(before).every((r) => typeof r.variables.perPage === 'number' && r.variables.perPage <= 3 + 4)).toBe(true);
  });

  it('reports a project W&B lacks on /health, once, and goes on with the others', async () => {
    const projects: FixtureProject[] = [{ entity: 'team', name: PROJECT, runs: tenRuns() }];
    stub = await startWandbStub({ projects });
    const missing = { where: 'team/gone', message: 'W&B has no such project, or the API key may not read it (check WANDB_ENTITY and WANDB_PROJECT)' };
    const both = createWandbSource({ baseUrl: stub.url, apiKey: stub.apiKey, entity: 'team', projects: ['gone', PROJECT], retries: 0, snapshotRuns: false });
    const { batches, cursor } = await drain(both.changeFeed(), null);
    expect(ids(batches)).toHaveLength(10);
    await both.changeFeed().changes(cursor, context);
    // The snapshot and each feed ask find it missing: /health lists it once.
    expect((await both.health()).problems.filter((p) => p.where === 'team/gone')).toEqual([missing]);
    // With no readable project the snapshot fails as a whole; the feed's report still reaches /health.
    const gone = createWandbSource({ baseUrl: stub.url, apiKey: stub.apiKey, entity: 'team', projects: ['gone'], retries: 0, snapshotRuns: false });
    expect(ids((await drain(gone.changeFeed(), null)).batches)).toEqual([]);
    expect((await gone.health()).problems).toEqual([missing]);
  });

  it('keeps runs out of the snapshot when the feed carries them, but still lists the projects', async () => {
    const { stub: s } = await feedOn(tenRuns(), {});
    const source = createWandbSource({ baseUrl: s.url, apiKey: s.apiKey, entity: 'team', projects: [PROJECT], retries: 0, snapshotRuns: false });
    const snapshot = await source.snapshot();
    expect(snapshot.runs.size).toBe(0);
    expect([...snapshot.experiments.keys()]).toEqual([`team/${PROJECT}`]);
    expect(s.requests.at(-1)?.variables).toMatchObject({ perPage: 1, artifactsPerRun: 0 });
    // The direct lookup still asks W&B.
    expect((await source.run(`team/${PROJECT}/run-03`))?.runId).toBe('run-03');
  });
});
