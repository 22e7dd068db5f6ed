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
  const batch = await feed.changes(cursor, { runningRunIds: (limit) => runningExperimentRunIds(index.db, 'mlflow', limit) });
  await applyChanges(index.db, { experimentRuns: batch.experimentRuns, pass: { source: 'mlflow', number: batch.pass, complete: batch.passComplete } });
  return batch;
}

describe('the MLflow change feed against a stub with MLflow paging, ordering and time filters', () => {
  let index: OpenIndex;
  let cursor: string | null = null;
  beforeAll(async () => {
    index = await openIndex({ kind: 'sqlite', file: ':memory:' });
  });

  it('backfills newest first: a small first page, then big ones, with an estimate of the total', async () => {
    const feed = feedOf();
    const first = await step(index, feed, null);
    expect(first.progress.phase).toBe('backfill');
    expect(first.experimentRuns.map((r) => r.runId)).toEqual(Array.from({ length: 100 }, (_, k) => syntheticRunId(RUNS - 1 - k)));
    const second = await step(index, feed, first.cursor);
    expect(second.experimentRuns).toHaveLength(1000);
    // Runs are evenly spread in time here, so the estimate from the time covered is close.
    expect(second.progress.estimatedTotal).toBeGreaterThan(RUNS * 0.95);
    expect(second.progress.estimatedTotal).toBeLessThan(RUNS * 1.05);
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
    } while (!batch.caughtUp && asks < 10);
    expect(batch.progress.phase).toBe('follow');
    expect(batch.passComplete).toBe(true);
    expect(await countRuns(index.db, index.dialect, {})).toBe(RUNS);
    const oldest = await runsByIdKeys(index.db, [syntheticRunId(0)]);
    expect(oldest.runs[0]?.experiment?.runName).toBe('trial-0');
  });

  it('follows: a new run appears on the next ask, and a run left RUNNING is re-read until it finishes', async () => {
    const follower = (runningCheckMs: number) => createMlflowRestSource({ baseUrl: stub.url, snapshotRuns: false, pacing: { runningCheckMs, sweepRunsPerMinute: 0 } }).changeFeed();
    const fresh = syntheticRun(RUNS, SHAPE) as { info: Record<string, unknown> };
    stub.data.runs.push({ ...fresh, info: { ...fresh.info, status: 'RUNNING', end_time: null } });
    const seen = await step(index, follower(1e12), cursor);
    expect(seen.experimentRuns.map((r) => r.runId)).toContain(syntheticRunId(RUNS));
    expect(await countRuns(index.db, index.dialect, { status: 'RUNNING' })).toBe(1);
    // A newer run moves the follow window past it; then it finishes: only the RUNNING re-check can see that.
    stub.data.runs.push(syntheticRun(RUNS + 30, SHAPE));
    cursor = (await step(index, follower(1e12), seen.cursor)).cursor;
    stub.data.runs[stub.data.runs.length - 2] = fresh;
    cursor = (await step(index, follower(1e12), cursor)).cursor;
    expect(await countRuns(index.db, index.dialect, { status: 'RUNNING' })).toBe(1);
    const requestsBefore = stub.requests.length;
    cursor = (await step(index, follower(0), cursor)).cursor;
    expect(await countRuns(index.db, index.dialect, { status: 'RUNNING' })).toBe(0);
    // experiments/search (a new feed), the follow poll, and one runs/search for the running run.
    expect(stub.requests.length - requestsBefore).toBe(3);
  });

  it('a slow sweep re-reads every run and drops the ones deleted upstream', async () => {
    const gone = syntheticRunId(1234);
    stub.data.runs.splice(stub.data.runs.findIndex((r) => (r as { info: { run_id: string } }).info.run_id === gone), 1);
    const feed = createMlflowRestSource({ baseUrl: stub.url, snapshotRuns: false, pacing: { sweepRunsPerMinute: 1_000_000, sweepEveryMs: 0, backfillPage: 1000 } }).changeFeed();
    let complete = false;
    for (let asks = 0; asks < 10 && !complete; asks++) {
      const batch = await step(index, feed, cursor);
      cursor = batch.cursor;
      complete = batch.passComplete;
    }
    expect(complete).toBe(true);
    expect((await runsByIdKeys(index.db, [gone])).runs).toEqual([]);
    expect(await countRuns(index.db, index.dialect, {})).toBe(RUNS + 2 - 1);
  });

  it('costs nothing but a poll once caught up with no change', async () => {
    const feed = feedOf({ sweepRunsPerMinute: 0, runningCheckMs: 1e12 });
    const before = stub.requests.length;
    const batch = await step(index, feed, cursor);
    expect(batch.experimentRuns.every((r) => r.startTime! >= NEWEST_START)).toBe(true);
    // experiments/search (the feed's first ask in this process) and one runs/search.
    expect(stub.requests.length - before).toBe(2);
  });
});
