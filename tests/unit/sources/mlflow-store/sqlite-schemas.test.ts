import { afterAll, describe, expect, it } from 'vitest';
import { createMlflowStoreSource } from '@/lib/sources/mlflow-store';
import { buildDb, removeTempDirs } from './helpers';

afterAll(removeTempDirs);

const R1 = 'a0000000000000000000000000000001';
const R2 = 'a0000000000000000000000000000002';

describe('MLflow SQLite store: an MLflow-3-like schema', () => {
  it('loads despite the extra tables and columns, reporting the revision', async () => {
    const source = createMlflowStoreSource({ kind: 'sqlite', path: await buildDb('mlflow-3-like.sql') });
    const health = await source.health();
    expect(health.error).toBeNull();
    expect(health.details).toEqual({ alembicRevision: '3x0placeholder' });
    expect(health.counts).toMatchObject({ experiments: 3, runs: 4, deletedRuns: 2, registeredModels: 1, modelVersions: 2 });
  });

  it('keeps NaN, +Infinity and -Infinity as stored by MLflow (never 0), and a real 0 as 0', async () => {
    const source = createMlflowStoreSource({ kind: 'sqlite', path: await buildDb('mlflow-3-like.sql') });
    const metrics = (await source.snapshot()).runs.get(R1)?.metrics ?? {};
    expect(metrics['best']?.value).toBe(Infinity);
    expect(metrics['worst']?.value).toBe(-Infinity);
    expect(metrics['gap']?.value).toBeNaN();
    expect(metrics['ieee_inf']?.value).toBe(Infinity);
    expect(metrics['zero']?.value).toBe(0);
    expect(metrics['loss']).toEqual({ step: 2, timestamp: 1700000001300, value: 0.5 });
    const history = await source.metricHistory(R1, 'loss');
    expect(history.map((p) => p.step)).toEqual([0, 1, 2]);
    expect(history[0]?.value).toBe(1);
    expect(history[1]?.value).toBeNaN();
    expect(await source.metricHistory(R1, 'best')).toEqual([{ step: 0, timestamp: 1700000001300, value: Infinity }]);
  });

  it('maps run info: name from the tag when the column is empty, deleted runs and runs of deleted experiments kept', async () => {
    const { runs, experiments } = await createMlflowStoreSource({ kind: 'sqlite', path: await buildDb('mlflow-3-like.sql') }).snapshot();
    expect(runs.get(R2)).toMatchObject({ runName: 'tagged-name', status: 'RUNNING', endTime: null, deleted: false });
    expect(runs.get(R2)?.tags['note']).toBe('ünïcödé ✓');
    expect(runs.get('a0000000000000000000000000000003')).toMatchObject({ status: 'KILLED', deleted: true });
    expect(runs.get('a0000000000000000000000000000004')).toMatchObject({ status: 'FAILED', deleted: true, experimentName: 'gone' });
    expect(experiments.get('6')).toEqual({ id: '6', name: 'gone' });
    const params = runs.get(R1)?.params ?? {};
    expect(Object.keys(params).sort()).toEqual(['__proto__', 'lr', 'optimizer/name']);
    expect(Object.getOwnPropertyDescriptor(params, '__proto__')?.value).toBe('kept');
  });

  it('reads dataset inputs only (not 3.x model links) with context and OpenLineage naming; bad source JSON is a problem', async () => {
    const source = createMlflowStoreSource({ kind: 'sqlite', path: await buildDb('mlflow-3-like.sql') });
    const { runs } = await source.snapshot();
    expect(runs.get(R1)?.datasets).toEqual([
      { name: 'broken-set', digest: 'cccc3333', sourceType: 'custom', sourceUri: null, context: null, namespace: null, olName: null, recordedWith: 'log_input' },
      { name: 'local-set', digest: 'bbbb2222', sourceType: 'local', sourceUri: '/data/local/file.csv', context: 'input', namespace: 'file', olName: '/data/local/file.csv', recordedWith: 'log_input' },
      { name: 'train-set', digest: 'aaaa1111', sourceType: 's3', sourceUri: 's3a://lake/raw/train/', context: 'training', namespace: 's3://lake', olName: 'raw/train', recordedWith: 'log_input' },
    ]);
    expect(runs.get(R2)?.datasets).toEqual([
      { name: 'hdfs-set', digest: 'dddd4444', sourceType: 'hdfs', sourceUri: 'hdfs://namenode:8020/warehouse/t', context: 'output', namespace: 'hdfs://namenode:8020', olName: '/warehouse/t', recordedWith: 'log_input' },
    ]);
    const health = await source.health();
    expect(health.status).toBe('degraded');
    expect(health.problems).toEqual([expect.objectContaining({ message: expect.stringContaining('"broken-set" (cccc3333): source is not valid JSON') })]);
  });

  it('reads the registry: live versions newest first, aliases both ways, tags; deleted versions hidden', async () => {
    const { models } = await createMlflowStoreSource({ kind: 'sqlite', path: await buildDb('mlflow-3-like.sql') }).snapshot();
    expect(models).toHaveLength(1);
    const [model] = models;
    expect(model).toMatchObject({ name: 'clf', description: null, aliases: { champion: '10', baseline: '1' }, tags: { team: 'ml' } });
    expect(model?.versions.map((v) => [v.version, v.stage, v.aliases, v.runId])).toEqual([
      ['10', 'Production', ['champion'], null],
      ['1', 'None', ['baseline'], R1],
    ]);
    expect(model?.versions[0]?.tags).toEqual({ validated: 'true' });
  });
});

describe('MLflow SQLite store: a 1.x-like schema', () => {
  const B1 = 'b0000000000000000000000000000001';

  it('loads and says which optional tables are missing', async () => {
    const health = await createMlflowStoreSource({ kind: 'sqlite', path: await buildDb('mlflow-1-like.sql') }).health();
    expect(health.status).toBe('ok');
    expect(health.details.alembicRevision).toBe('1x0placeholder');
    expect(health.details.missingTables).toBe('latest_metrics, datasets, inputs, input_tags, registered_model_aliases');
  });

  it('takes the run name from the mlflow.runName tag and computes latest metrics with MLflow’s rule', async () => {
    const source = createMlflowStoreSource({ kind: 'sqlite', path: await buildDb('mlflow-1-like.sql') });
    const { runs, models } = await source.snapshot();
    expect(runs.get(B1)).toMatchObject({ runName: 'old-run', status: 'FINISHED', params: { depth: '3' }, datasets: [] });
    expect(runs.get('b0000000000000000000000000000002')).toMatchObject({ runName: null, deleted: true, status: 'FAILED' });
    const metrics = runs.get(B1)?.metrics ?? {};
    expect(metrics['acc']).toEqual({ step: 1, timestamp: 1500000002000, value: 0.7 });
    expect(metrics['loss']).toEqual({ step: 5, timestamp: 1500000002000, value: 0.8 });
    expect(metrics['tie']?.value).toBe(0.3);
    expect(metrics['inf']?.value).toBe(Infinity);
    expect((await source.metricHistory(B1, 'acc')).map((p) => p.value)).toEqual([0.5, 0.6, 0.7]);
    expect(models[0]).toMatchObject({ name: 'old-model', aliases: {}, versions: [{ version: '1', stage: 'Staging', aliases: [], runId: B1 }] });
  });
});
