import { describe, expect, it } from 'vitest';
import { createMlflowRestSource } from '@/lib/sources/mlflow';
import { callsTo, stubsClosedAfterEach } from './helpers';

const TOKENIZATION = 'e8957b09674b442997df1d9f9d1834eb';
const PIPELINE = 'edee0683f4b7440185788c35c6aaa7b0';

const start = stubsClosedAfterEach();

describe('paging', () => {
  it('follows page_token to the end of every list, with the same result as one big page', async () => {
    const { stub: s, source } = await start({}, { pageSize: 1 });
    const small = await source.snapshot();
    const big = await createMlflowRestSource({ baseUrl: s.url, refreshIntervalMs: 0 }).snapshot();
    expect([...small.runs.values()]).toEqual([...big.runs.values()]);
    expect(small.models).toEqual(big.models);
    const runSearches = callsTo(s, 'runs/search').slice(0, 5);
    expect(runSearches.map((r) => r.body)).toEqual([
      { experiment_ids: ['1', '0'], run_view_type: 'ALL', max_results: 1 },
      ...[1, 2, 3, 4].map((offset) => ({ experiment_ids: ['1', '0'], run_view_type: 'ALL', max_results: 1, page_token: Buffer.from(JSON.stringify({ offset })).toString('base64') })),
    ]);
    expect(callsTo(s, 'experiments/search').filter((r) => r.body !== null && typeof r.body === 'object' && 'max_results' in r.body && r.body.max_results === 1)).toHaveLength(2);
  });

  it('says what it left out when a list passes its cap, and searches experiments in chunks', async () => {
    const { stub: s, source } = await start({}, { refreshIntervalMs: 60_000, limits: { pageSize: 2, maxRuns: 3, experimentsPerSearch: 1 } });
    expect((await source.snapshot()).runs.size).toBe(3);
    expect((await source.health()).problems).toEqual([{ where: 'runs/search', message: 'more than 3 runs; only the first 3 are shown' }]);
    expect(callsTo(s, 'runs/search').map((r) => r.body)).toEqual([
      { experiment_ids: ['1'], run_view_type: 'ALL', max_results: 2 },
      { experiment_ids: ['1'], run_view_type: 'ALL', max_results: 2, page_token: Buffer.from(JSON.stringify({ offset: 2 })).toString('base64') },
    ]);
  });

  it('pages through a metric history', async () => {
    const { stub: s, source } = await start({}, { pageSize: 1 });
    const history = await source.metricHistory(TOKENIZATION, 'throughput');
    expect(history.map((p) => p.step)).toEqual([0, 1]);
    expect(callsTo(s, 'metrics/get-history').map((r) => new URLSearchParams(r.query).get('page_token') !== null)).toEqual([false, true]);
  });
});

describe('lookups', () => {
  it('finds N runs with one runs/search call and skips ids that cannot exist', async () => {
    const { stub: s, source } = await start();
    const snap = await source.snapshot();
    const before = callsTo(s, 'runs/search').length;
    const ids = [...snap.runs.keys(), 'ffffffffffffffffffffffffffffffff', "x') OR ('1"];
    const found = await source.runsByIds(ids);
    const calls = callsTo(s, 'runs/search').slice(before);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.body).toMatchObject({ filter: `attributes.run_id IN (${[...snap.runs.keys(), 'ffffffffffffffffffffffffffffffff'].map((id) => `'${id}'`).join(', ')})` });
    expect([...found.keys()].sort()).toEqual([...snap.runs.keys()].sort());
    for (const [id, run] of found) expect(run).toEqual(snap.runs.get(id));
    expect(await source.runsByIds([])).toEqual(new Map());
  });

  it('gets one run by id, and null for an unknown one', async () => {
    const { source } = await start();
    const snap = await source.snapshot();
    expect(await source.run(TOKENIZATION)).toEqual(snap.runs.get(TOKENIZATION));
    expect(await source.run('0123456789abcdef0123456789abcdef')).toBeNull();
    expect(await source.metricHistory('0123456789abcdef0123456789abcdef', 'loss')).toEqual([]);
  });

  it('lists a run\'s artifacts', async () => {
    const { source } = await start();
    expect(await source.artifacts(TOKENIZATION)).toEqual({
      rootUri: `/data/groot/artifacts/1/${TOKENIZATION}/artifacts`,
      files: [{ path: 'stage_report.json', isDir: false, fileSize: 293 }, { path: 'tokenizer', isDir: true, fileSize: null }],
    });
    expect(await source.artifacts('0123456789abcdef0123456789abcdef')).toBeNull();
  });

  it('works behind a path prefix', async () => {
    const { stub: s, source } = await start({ basePath: '/mlflow' });
    expect(s.url).toMatch(/\/mlflow$/);
    expect((await source.snapshot()).runs.size).toBe(5);
    expect(s.requests.every((r) => r.path.startsWith('/mlflow/api/2.0/mlflow/') && r.status === 200)).toBe(true);
  });
});

describe('refresh', () => {
  it('asks the server at most once per interval, and concurrent callers share one refresh', async () => {
    const { stub: s, source } = await start({}, { refreshIntervalMs: 60_000 });
    const [a, b] = await Promise.all([source.snapshot(), source.snapshot()]);
    expect(a).toBe(b);
    expect(await source.snapshot()).toBe(a);
    expect(callsTo(s, 'experiments/search')).toHaveLength(1);
  });

  it('keeps the snapshot version while the server answers the same', async () => {
    const { source } = await start();
    const first = await source.snapshot();
    const second = await source.snapshot();
    expect(second.version).toBe(first.version);
    expect(second).toBe(first);
    expect(second.runs.get(PIPELINE)?.runName).toBe('groot-data-etl-20261126-061555');
  });
});
