import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMlflowStoreSource } from '@/lib/sources/mlflow-store';
import type { MlflowRestSource } from '@/lib/sources/mlflow';
import type { ExperimentSnapshot, ExperimentSource } from '@/lib/sources/ports';
import type { MlflowStub } from '@/tests/stubs/mlflow';
import { GROOT_DB, asRest, callsTo, stubAndSource } from './helpers';

/** The recordings and mlflow.db are the same MLflow 2.12.2 server's data: both sources must read alike. */
let stub: MlflowStub;
let rest: MlflowRestSource;
let sqlite: ExperimentSource;
let restSnap: ExperimentSnapshot;
let sqliteSnap: ExperimentSnapshot;

beforeAll(async () => {
  ({ stub, source: rest } = await stubAndSource());
  sqlite = createMlflowStoreSource({ kind: 'sqlite', path: GROOT_DB });
  [restSnap, sqliteSnap] = await Promise.all([rest.snapshot(), sqlite.snapshot()]);
});

afterAll(async () => {
  await stub.close();
});

describe('REST source vs SQLite source on groot-a', () => {
  it('reads the same experiments and runs: ids, names, times, params, tags, latest metrics, datasets', () => {
    expect(restSnap.experiments).toEqual(sqliteSnap.experiments);
    expect([...restSnap.runs.keys()].sort()).toEqual([...sqliteSnap.runs.keys()].sort());
    expect(restSnap.runs.size).toBe(5);
    for (const [id, run] of sqliteSnap.runs) expect(restSnap.runs.get(id)).toEqual(asRest(run));
  });

  it('reads the same registered model, version and alias', () => {
    expect(restSnap.models).toEqual(sqliteSnap.models);
    expect(restSnap.models[0]).toMatchObject({ name: 'groot-tokenizer', aliases: { 'latest-etl': '1' } });
    expect(restSnap.models[0]?.versions[0]).toMatchObject({ version: '1', aliases: ['latest-etl'], runId: 'e8957b09674b442997df1d9f9d1834eb' });
  });

  it('reads the same full history of every metric of every run', async () => {
    for (const run of sqliteSnap.runs.values()) {
      for (const key of Object.keys(run.metrics)) {
        const [a, b] = await Promise.all([rest.metricHistory(run.runId, key), sqlite.metricHistory(run.runId, key)]);
        expect(a, `${run.runName} ${key}`).toEqual(b);
        expect(a.length).toBeGreaterThan(0);
      }
    }
  });

  it('answers bulk histories (get-history-bulk-interval) with the same points, in one call per key', async () => {
    const ids = [...sqliteSnap.runs.keys()];
    const before = callsTo(stub, 'metrics/get-history-bulk-interval').length;
    const histories = await rest.metricHistories(ids, 'throughput');
    expect(callsTo(stub, 'metrics/get-history-bulk-interval').length - before).toBe(1);
    for (const id of ids) expect(histories.byRun.get(id)).toEqual(await sqlite.metricHistory(id, 'throughput'));
  });

  it('reports itself healthy with the counts of the snapshot', async () => {
    const health = await rest.health();
    expect(health).toMatchObject({ id: 'mlflow', label: 'MLflow tracking server', kind: 'experiment', status: 'ok', error: null, location: stub.url });
    expect(health.counts).toEqual((await sqlite.health()).counts);
  });
});
