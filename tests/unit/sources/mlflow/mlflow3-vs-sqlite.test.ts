import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMlflowStoreSource } from '@/lib/sources/mlflow-store';
import type { MlflowRestSource } from '@/lib/sources/mlflow';
import type { ExperimentSnapshot, ExperimentSource } from '@/lib/sources/ports';
import type { MlflowStub } from '@/tests/stubs/mlflow';
import { MLFLOW3_RECORDINGS, MLFLOW3_SQL, asRest, buildDb, callsTo, removeTempDirs, stubAndSource } from './helpers';

/**
 * The hand-written 3.x-shaped answers describe mlflow-3-like.sql: NaN and ±Infinity (as strings and as
 * ±DBL_MAX), int64 as strings, deleted runs and experiments, model inputs/outputs, aliases only from get.
 */
let stub: MlflowStub;
let rest: MlflowRestSource;
let sqlite: ExperimentSource;
let restSnap: ExperimentSnapshot;
let sqliteSnap: ExperimentSnapshot;
const A1 = 'a0000000000000000000000000000001';

beforeAll(async () => {
  ({ stub, source: rest } = await stubAndSource({ recordings: MLFLOW3_RECORDINGS }));
  sqlite = createMlflowStoreSource({ kind: 'sqlite', path: await buildDb(MLFLOW3_SQL) });
  [restSnap, sqliteSnap] = await Promise.all([rest.snapshot(), sqlite.snapshot()]);
});

afterAll(async () => {
  await stub.close();
  await removeTempDirs();
});

describe('REST source vs SQLite source on the MLflow-3-like store', () => {
  it('reads every run alike, deleted ones included', () => {
    expect(restSnap.experiments).toEqual(sqliteSnap.experiments);
    expect(restSnap.runs.size).toBe(4);
    for (const [id, run] of sqliteSnap.runs) expect(restSnap.runs.get(id), id).toEqual(asRest(run));
    expect([...restSnap.runs.values()].filter((r) => r.deleted).map((r) => r.runName).sort()).toEqual(['killed', 'orphan']);
  });

  it('keeps NaN and ±Infinity as numbers, whether sent as strings or as ±DBL_MAX', () => {
    const metrics = restSnap.runs.get(A1)?.metrics;
    expect(metrics?.gap?.value).toBeNaN();
    expect(metrics?.best?.value).toBe(Infinity);
    expect(metrics?.worst?.value).toBe(-Infinity);
    expect(metrics?.ieee_inf?.value).toBe(Infinity);
    expect(metrics?.zero?.value).toBe(0);
    expect(metrics?.loss).toEqual({ step: 2, timestamp: 1700000001300, value: 0.5 });
  });

  it('reads int64 sent as strings, a name only in mlflow.runName, and a "__proto__" param', () => {
    const a2 = restSnap.runs.get('a0000000000000000000000000000002');
    expect(a2).toMatchObject({ startTime: 1700000002000, endTime: null, runName: 'tagged-name', status: 'RUNNING' });
    expect(Object.getOwnPropertyDescriptor(restSnap.runs.get(A1)?.params, '__proto__')?.value).toBe('kept');
  });

  it('has the same histories, NaN points included', async () => {
    for (const key of Object.keys(sqliteSnap.runs.get(A1)?.metrics ?? {})) {
      expect(await rest.metricHistory(A1, key), key).toEqual(await sqlite.metricHistory(A1, key));
    }
    expect((await rest.metricHistory(A1, 'loss')).map((p) => p.value)).toEqual([1, NaN, 0.5]);
  });

  it('takes aliases from registered-models/get when search leaves them out', () => {
    expect(restSnap.models).toEqual(sqliteSnap.models);
    expect(restSnap.models[0]?.aliases).toEqual({ champion: '10', baseline: '1' });
    expect(restSnap.models[0]?.versions.map((v) => [v.version, v.aliases, v.createdAt])).toEqual([
      ['10', ['champion'], 1700000008300],
      ['1', ['baseline'], 1700000008100],
    ]);
    expect(callsTo(stub, 'registered-models/get')).toHaveLength(1);
  });

  it('reports the dataset whose source is not JSON, like the local store', async () => {
    const health = await rest.health();
    expect(health.status).toBe('degraded');
    expect(health.problems).toEqual([expect.objectContaining({ message: expect.stringContaining('broken-set') })]);
    expect(health.counts).toEqual((await sqlite.health()).counts);
  });
});
