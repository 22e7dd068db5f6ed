import { afterEach, describe, expect, it } from 'vitest';
import { HISTORY_READ_POINTS, metricHistoryView } from '@/lib/catalog/metric-history';
import { MLFLOW_HISTORY_READ_LIMIT } from '@/lib/sources/mlflow/metric-history';
import type { UnifiedRun } from '@/lib/model';
import { historyKey } from '@/tests/stubs/mlflow/recordings';
import type { Json } from '@/tests/stubs/mlflow/json';
import { callsTo, stubsClosedAfterEach } from './helpers';

// One metric logged 10,000,000 times, served by the MLflow stub's real get-history paging (max_results ≤ 25,000,
// page_token = base64 {"offset": n}). The list is lazy: only the pages asked for are ever built.
const TOKENIZATION = 'e8957b09674b442997df1d9f9d1834eb';
const HUGE = 10_000_000;
const point = (step: number): Json => ({ key: 'throughput', value: 1000 + (step % 97), timestamp: 1_795_673_761_617 + step, step });
const hugeHistory = {
  length: HUGE,
  slice: (start = 0, end = HUGE) => Array.from({ length: Math.max(0, Math.min(end, HUGE) - start) }, (_, i) => point(start + i)),
} as unknown as Json[];

const start = stubsClosedAfterEach();
const holder = globalThis as { __runlensSources?: unknown };
afterEach(() => {
  delete holder.__runlensSources;
});

async function stubWithHugeHistory() {
  const started = await start();
  started.stub.data.histories.set(historyKey(TOKENIZATION, 'throughput'), hugeHistory);
  return started;
}

const maxResults = (r: { query: string }) => Number(new URLSearchParams(r.query).get('max_results'));

describe('an MLflow metric history of 10,000,000 points', () => {
  it('is read only up to the bound asked, in max_results pages, the last page asking only for what is still wanted', async () => {
    const { stub, source } = await stubWithHugeHistory();
    const points = await source.metricHistory(TOKENIZATION, 'throughput', 60_001);
    expect(points).toHaveLength(60_001);
    expect(points.at(-1)?.step).toBe(60_000);
    const calls = callsTo(stub, 'metrics/get-history');
    expect(calls.map(maxResults)).toEqual([25_000, 25_000, 10_001]);
    expect(calls.map((r) => new URLSearchParams(r.query).get('page_token'))).toEqual([null, ...[25_000, 50_000].map((offset) => Buffer.from(JSON.stringify({ offset })).toString('base64'))]);
  });

  it('is read up to MLflow\'s own bound when the caller sets none', async () => {
    const { stub, source } = await stubWithHugeHistory();
    expect(await source.metricHistory(TOKENIZATION, 'throughput')).toHaveLength(MLFLOW_HISTORY_READ_LIMIT);
    expect(callsTo(stub, 'metrics/get-history')).toHaveLength(MLFLOW_HISTORY_READ_LIMIT / 25_000);
  });

  it('reaches the API as a downsample of its first 100,000 points that says the history has more', async () => {
    const { stub, source } = await stubWithHugeHistory();
    holder.__runlensSources = { lineage: [], experiment: [source], unusable: [], envProblems: [], feeds: [] };
    const experiment = (await source.snapshot()).runs.get(TOKENIZATION)!;
    const run = { id: TOKENIZATION, lineage: null, experiment, parentId: null, childIds: [], link: null, notes: [] } as unknown as UnifiedRun;
    const view = await metricHistoryView(run, 'throughput', 1_000);
    expect(view).toMatchObject({ total: HISTORY_READ_POINTS, sampled: true, readLimit: HISTORY_READ_POINTS });
    expect(view!.points.length).toBeLessThanOrEqual(1_000);
    expect(view!.points.at(-1)?.step).toBe(HISTORY_READ_POINTS - 1);
    const read = callsTo(stub, 'metrics/get-history').reduce((sum, r) => sum + maxResults(r), 0);
    expect(read).toBe(HISTORY_READ_POINTS + 1);
  });

  it('on a server without get-history-bulk-interval (before 2.11), charts of many runs read each run\'s first 100,000 points and name the runs cut', async () => {
    const { stub, source } = await start({ bulkInterval: false });
    stub.data.histories.set(historyKey(TOKENIZATION, 'throughput'), hugeHistory);
    const other = [...(await source.snapshot()).runs.keys()].find((id) => id !== TOKENIZATION)!;
    const histories = await source.metricHistories([TOKENIZATION, other], 'throughput');
    expect(histories.byRun.get(TOKENIZATION)).toHaveLength(MLFLOW_HISTORY_READ_LIMIT);
    expect(histories.truncated).toEqual([{ runId: TOKENIZATION, readLimit: MLFLOW_HISTORY_READ_LIMIT }]);
    const read = callsTo(stub, 'metrics/get-history').filter((r) => new URLSearchParams(r.query).get('run_id') === TOKENIZATION).reduce((sum, r) => sum + maxResults(r), 0);
    expect(read).toBe(MLFLOW_HISTORY_READ_LIMIT + 1);
  });

  it('a short history is read whole and says nothing was cut', async () => {
    const { source } = await start();
    holder.__runlensSources = { lineage: [], experiment: [source], unusable: [], envProblems: [], feeds: [] };
    const experiment = (await source.snapshot()).runs.get(TOKENIZATION)!;
    const run = { id: TOKENIZATION, lineage: null, experiment, parentId: null, childIds: [], link: null, notes: [] } as unknown as UnifiedRun;
    // Another metric: the catalog caches each history view by run and key.
    expect(await metricHistoryView(run, 'gpu_utilization', 1_000)).toMatchObject({ total: 2, sampled: false, readLimit: null });
  });
});
