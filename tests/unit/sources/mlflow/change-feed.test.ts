import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openIndex, type OpenIndex } from '@/lib/index/open';
import { countRuns } from '@/lib/index/run-page';
import { runsByIdKeys } from '@/lib/index/run-queries';
import { runningExperimentRunIds } from '@/lib/index/sync-state';
import { createMlflowRestSource } from '@/lib/sources/mlflow';
import type { ChangeBatch, ChangeFeed } from '@/lib/sources/ports';
import type { FeedPacing } from '@/lib/sources/mlflow/change-feed';
import { applyChanges } from '@/lib/sync/apply-changes';
import { startMlflowStub, syntheticData, syntheticRun, syntheticRunId, type MlflowStub } from '../../../stubs/mlflow';

const RUNS = 2_500;
const SHAPE = { runs: RUNS, experiments: 7, firstStartMs: Date.UTC(2026, 0, 1), spacingMs: 60_000 };
const NEWEST_START = SHAPE.firstStartMs + (RUNS - 1) * SHAPE.spacingMs;

let stub: MlflowStub;
beforeAll(async () => {
  stub = await startMlflowStub({ data: syntheticData(SHAPE) });
});
afterAll(() => stub.close());

function feedOf(pacing: Partial<FeedPacing> = {}): ChangeFeed {
  return createMlflowRestSource({ baseUrl: stub.url, snapshotRuns: false, pacing: { ...pacing } }).changeFeed();
}

/** One ask of the feed, written to the index as the syncer writes it. */
async function step(index: OpenIndex, feed: ChangeFeed, cursor: string | null): Promise<ChangeBatch> {
  const batch = await feed.changes(cursor, { runningRunIds: (limit, started) => runningExperimentRunIds(index.db, 'mlflow', limit, started) });
  await applyChanges(index.db, { experimentRuns: batch.experimentRuns, pass: { source: 'mlflow', number: batch.pass, complete: batch.passComplete } });
  return batch;
}

/** Steps until the backfill caught up; the cursor to follow from. */
async function backfill(index: OpenIndex, feed: ChangeFeed): Promise<string | null> {
  let batch: ChangeBatch;
  let cursor: string | null = null;
  do {
    batch = await step(index, feed, cursor);
    cursor = batch.cursor;
  } while (!batch.caughtUp);
  return cursor;
}

describe('the MLflow change feed against a stub with MLflow paging, ordering and time filters', () => {
  let index: OpenIndex;
  let cursor: string | null = null;
  beforeAll(async () => {
    index = await openIndex({ kind: 'sqlite', file: ':memory:' });
  });

  it('backfills newest first: a small first page, then pages of at most 500 runs, telling how far back it has read', async () => {
    const feed = feedOf();
    const first = await step(index, feed, null);
    expect(first.progress.phase).toBe('backfill');
    expect(first.experimentRuns.map((r) => r.runId)).toEqual(Array.from({ length: 100 }, (_, k) => syntheticRunId(RUNS - 1 - k)));
    const second = await step(index, feed, first.cursor);
    // 500 real runs are ~1.5 MB: parsed in ~15 ms, then checked and mapped 100 at a time between turns of the event loop.
    expect(second.experimentRuns).toHaveLength(500);
    expect(second.experimentRuns[0]?.runId).toBe(syntheticRunId(RUNS - 101));
    // No total is made up from the time covered; the progress says the start time read back to.
    expect(second.progress.estimatedTotal).toBeNull();
    expect(second.progress.reachedBackTo).toBe(SHAPE.firstStartMs + (RUNS - 600) * SHAPE.spacingMs);
    cursor = second.cursor;
  });

  it('resumes from the saved cursor in a new process and ends with every run exactly once', async () => {
    const feed = feedOf();
    let batch: ChangeBatch;
    let asks = 0;
    do {
      batch = await step(index, feed, cursor);
      cursor = batch.cursor;
      asks += 1;
    } while (!batch.caughtUp && asks < 20);
    expect(batch.progress.phase).toBe('follow');
    expect(batch.passComplete).toBe(true);
    expect(await countRuns(index.db, index.dialect, {})).toBe(RUNS);
    const oldest = await runsByIdKeys(index.db, [syntheticRunId(0)]);
    expect(oldest.runs[0]?.experiment?.runName).toBe('trial-0');
  });

  it('follows: a new run appears on the next ask, and a run left RUNNING is seen to end by the ended-runs check', async () => {
    let clock = Date.now();
    const follower = (recheckEveryMs: number) => createMlflowRestSource({ baseUrl: stub.url, snapshotRuns: false, feedClock: () => clock, pacing: { recheckEveryMs, sweepBytesPerMinute: 0 } }).changeFeed();
    const fresh = syntheticRun(RUNS, SHAPE) as { info: Record<string, unknown> };
    stub.data.runs.push({ ...fresh, info: { ...fresh.info, status: 'RUNNING', end_time: null } });
    const seen = await step(index, follower(1e12), cursor);
    expect(seen.experimentRuns.map((r) => r.runId)).toContain(syntheticRunId(RUNS));
    expect(await countRuns(index.db, index.dialect, { status: 'RUNNING' })).toBe(1);
    // A newer run moves the follow window past it; then it finishes: only the ended-runs check can see that.
    stub.data.runs.push(syntheticRun(RUNS + 30, SHAPE));
    cursor = (await step(index, follower(1e12), seen.cursor)).cursor;
    clock += 60_000;
    stub.data.runs[stub.data.runs.length - 2] = { ...fresh, info: { ...fresh.info, end_time: clock - 5_000 } };
    cursor = (await step(index, follower(1e12), cursor)).cursor;
    expect(await countRuns(index.db, index.dialect, { status: 'RUNNING' })).toBe(1);
    const requestsBefore = stub.requests.length;
    cursor = (await step(index, follower(0), cursor)).cursor;
    expect(await countRuns(index.db, index.dialect, { status: 'RUNNING' })).toBe(0);
    // experiments/search (a new feed), the follow poll, and one runs/search for runs ended since the backfill began.
    const asked = stub.requests.slice(requestsBefore);
    expect(asked.map((r) => r.path.split('/').slice(-2).join('/'))).toEqual(['experiments/search', 'runs/search', 'runs/search']);
    expect(JSON.stringify(asked[2]?.body)).toContain('attributes.end_time >=');
  });

  it('a slow sweep re-reads every run and drops the ones deleted upstream', async () => {
    const gone = syntheticRunId(1234);
    stub.data.runs.splice(stub.data.runs.findIndex((r) => (r as { info: { run_id: string } }).info.run_id === gone), 1);
    // The clock of the follow test above ran a minute ahead: this one runs further ahead still.
    const feed = createMlflowRestSource({ baseUrl: stub.url, snapshotRuns: false, feedClock: () => Date.now() + 600_000, pacing: { sweepBytesPerMinute: 1e12, recheckEveryMs: 0, backfillPage: 1000 } }).changeFeed();
    let complete = false;
    for (let asks = 0; asks < 40 && !complete; asks++) {
      const batch = await step(index, feed, cursor);
      cursor = batch.cursor;
      complete = batch.passComplete;
    }
    expect(complete).toBe(true);
    expect((await runsByIdKeys(index.db, [gone])).runs).toEqual([]);
    expect(await countRuns(index.db, index.dialect, {})).toBe(RUNS + 2 - 1);
  });

  it('costs nothing but a poll once caught up with no change', async () => {
    const feed = feedOf({ recheckEveryMs: 1e12 });
    const before = stub.requests.length;
    const batch = await step(index, feed, cursor);
    expect(batch.experimentRuns.every((r) => r.startTime! >= NEWEST_START)).toBe(true);
    // experiments/search (the feed's first ask in this process) and one runs/search.
    expect(stub.requests.length - before).toBe(2);
  });
});

describe('the MLflow change feed paces itself by the server', () => {
  it('shares one read of the experiments with the snapshot (experiments/search is ~100 KB on a 200-experiment server)', async () => {
    const source = createMlflowRestSource({ baseUrl: stub.url, snapshotRuns: false, refreshIntervalMs: 600_000 });
    const index = await openIndex({ kind: 'sqlite', file: ':memory:' });
    const before = stub.requests.length;
    await source.snapshot();
    const feed = source.changeFeed();
    const first = await step(index, feed, null);
    await step(index, feed, first.cursor);
    const experimentReads = stub.requests.slice(before).filter((r) => r.path.endsWith('/experiments/search'));
    expect(experimentReads).toHaveLength(1);
    await index.close();
  });

  it('halves its backfill page while runs/search answers slowly and grows it back once the server is quick', async () => {
    // Wide margins, so a busy test machine cannot move an answer across a threshold: 7 ms a run against a 1,200 ms target.
    const busy = await startMlflowStub({ data: syntheticData({ ...SHAPE, runs: 3_000 }), latencyPerRunMs: 7 });
    try {
      const index = await openIndex({ kind: 'sqlite', file: ':memory:' });
      const feed = createMlflowRestSource({ baseUrl: busy.url, snapshotRuns: false, pacing: { targetAnswerMs: 1_200, minPage: 50 } }).changeFeed();
      const sizes: number[] = [];
      let cursor: string | null = null;
      for (let ask = 0; ask < 6; ask++) {
        // A 500-run page takes 3.5 s here (over the target): the next pages are 250 (1.75 s, over again), then 125
        // (875 ms: within the target and above its half, so it stays); answered at once, the page grows again.
        if (ask === 4) busy.setLatencyPerRunMs(0);
        const batch = await step(index, feed, cursor);
        sizes.push(batch.experimentRuns.length);
        cursor = batch.cursor;
      }
      expect(sizes).toEqual([100, 500, 250, 125, 125, 175]);
      await index.close();
    } finally {
      await busy.close();
    }
  }, 40_000);
});

describe('the MLflow change feed once caught up, over simulated minutes (a poll every 20 s)', () => {
  type Wire = { info: Record<string, unknown>; data: { tags: Array<{ key: string; value: string }> } };
  const filterOf = (r: { body: unknown }) => String((r.body as { filter?: string } | null)?.filter ?? '');
  // The follow poll asks `start_time >= …` only; the re-checks ask by end time or walk down (`start_time <= …`).
  const isRecheck = (r: { path: string; body: unknown }) => r.path.endsWith('/runs/search') && /end_time|start_time <=/.test(filterOf(r));

  it('costs at most 4 requests a minute, keeps its sweep within the byte allowance, and still catches an edit and a delete', async () => {
    const data = syntheticData({ runs: 600, experiments: 7, firstStartMs: Date.UTC(2026, 0, 1), spacingMs: 60_000 });
    const upstream = await startMlflowStub({ data });
    try {
      const index = await openIndex({ kind: 'sqlite', file: ':memory:' });
      let clock = Date.UTC(2026, 5, 1);
      const allowance = 12_000;
      const feed = createMlflowRestSource({
        baseUrl: upstream.url, snapshotRuns: false, refreshIntervalMs: 1e9, feedClock: () => clock, pacing: { sweepBytesPerMinute: allowance },
      }).changeFeed();
      let cursor = await backfill(index, feed);
      let batch: ChangeBatch;

      // Upstream, an old run gets a tag and another is deleted: neither moves any time the polls ask about.
      const edited = data.runs[10] as Wire;
      edited.data.tags.push({ key: 'reviewed', value: 'yes' });
      const gone = syntheticRunId(20);
      data.runs.splice(20, 1);

      const minutes: Array<{ requests: number; recheckBytes: number }> = [];
      let passes = 0;
      for (let minute = 0; minute < 120; minute++) {
        const before = upstream.requests.length;
        for (let poll = 0; poll < 3; poll++) {
          clock += 20_000;
          batch = await step(index, feed, cursor);
          cursor = batch.cursor;
          if (batch.passComplete) passes += 1;
        }
        const asked = upstream.requests.slice(before);
        minutes.push({ requests: asked.length, recheckBytes: asked.filter(isRecheck).reduce((n, r) => n + r.bytes, 0) });
      }
      // Three polls and one re-check a minute, never more (the target is 6).
      expect(Math.max(...minutes.map((m) => m.requests))).toBe(4);
      // The sweep and the ended-runs checks together stay within the allowance (plus the few minutes it may save up)…
      const rechecked = minutes.reduce((n, m) => n + m.recheckBytes, 0);
      expect(rechecked).toBeLessThanOrEqual(allowance * (minutes.length + 3));
      // …and use it: the re-reads are what catches edits and deletes.
      expect(rechecked).toBeGreaterThan(allowance * minutes.length * 0.6);
      expect(passes).toBeGreaterThanOrEqual(1);
      const [run] = (await runsByIdKeys(index.db, [syntheticRunId(10)])).runs;
      expect(run?.experiment?.tags.reviewed).toBe('yes');
      expect((await runsByIdKeys(index.db, [gone])).runs).toEqual([]);
      await index.close();
    } finally {
      await upstream.close();
    }
  }, 120_000);

  it('asks an experiment created since the last look for its runs at once, however long ago they started', async () => {
    const data = syntheticData({ runs: 300, experiments: 3, firstStartMs: Date.UTC(2026, 0, 1), spacingMs: 60_000 });
    const upstream = await startMlflowStub({ data });
    try {
      const index = await openIndex({ kind: 'sqlite', file: ':memory:' });
      // The experiments are re-read on every ask here (a new one shows up in the list at once).
      const feed = createMlflowRestSource({ baseUrl: upstream.url, snapshotRuns: false, refreshIntervalMs: 0, pacing: { recheckEveryMs: 1e12 } }).changeFeed();
      let cursor = await backfill(index, feed);
      cursor = (await step(index, feed, cursor)).cursor;
      // An experiment imported with a run that started an hour before the newest: older than the poll's look-back.
      data.experiments.push({ experiment_id: '99', name: 'imported', artifact_location: 's3://mlflow/99', lifecycle_stage: 'active', last_update_time: 0, creation_time: 0 });
      const imported = syntheticRun(1_000, { runs: 300, experiments: 3, firstStartMs: Date.UTC(2026, 0, 1) - 761 * 60_000, spacingMs: 60_000 }) as Wire;
      data.runs.push({ ...imported, info: { ...imported.info, experiment_id: '99' } });
      const batch = await step(index, feed, cursor);
      expect(batch.experimentRuns.map((r) => r.runId)).toContain(syntheticRunId(1_000));
      await index.close();
    } finally {
      await upstream.close();
    }
  });
});

describe('the MLflow backfill progress on skewed data', () => {
  it('makes up no total when most runs are recent, and says how far back it has read', async () => {
    // 3,000 runs over a year, most of them in the last weeks (start ∝ √i: the density grows toward now).
    const first = Date.UTC(2025, 11, 1);
    const year = 365 * 86_400_000;
    const data = syntheticData({ runs: 3_000, experiments: 5, firstStartMs: first, spacingMs: 0 });
    (data.runs as Array<{ info: Record<string, unknown> }>).forEach((run, i) => {
      const start = first + Math.round(year * Math.sqrt(i / 2_999));
      run.info.start_time = start;
      run.info.end_time = start + 30_000;
    });
    const upstream = await startMlflowStub({ data });
    try {
      const index = await openIndex({ kind: 'sqlite', file: ':memory:' });
      const feed = createMlflowRestSource({ baseUrl: upstream.url, snapshotRuns: false }).changeFeed();
      const seen: Array<{ done: number; total: number | null; back: number | null | undefined }> = [];
      let batch: ChangeBatch;
      let cursor: string | null = null;
      do {
        batch = await step(index, feed, cursor);
        cursor = batch.cursor;
        seen.push({ done: batch.progress.done, total: batch.progress.estimatedTotal, back: batch.progress.reachedBackTo });
      } while (!batch.caughtUp);
      const during = seen.slice(0, -1);
      expect(during.length).toBeGreaterThan(3);
      // Scaling 600 runs by the share of the year they cover would claim ~16,000 here: nothing of the sort is said.
      expect(during.every((p) => p.total === null)).toBe(true);
      // "back to": the start of the oldest run read so far, moving back with every page.
      for (const p of during) expect(p.back).toBe((data.runs[3_000 - p.done] as { info: { start_time: number } }).info.start_time);
      expect(seen.at(-1)).toEqual({ done: 3_000, total: 3_000, back: first });
      await index.close();
    } finally {
      await upstream.close();
    }
  });
});
