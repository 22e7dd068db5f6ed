import { describe, expect, it } from 'vitest';
import type { SourceProblem } from '@/lib/model';
import { authHeader, displayUrl, mlflowRunUrl } from '@/lib/sources/mlflow';
import { latestMetrics, toHistory, toMetricPoint } from '@/lib/sources/mlflow/map-metrics';
import { mapRegistry } from '@/lib/sources/mlflow/map-registry';
import { mapExperiments, mapRun } from '@/lib/sources/mlflow/map-run';
import type { WireRun } from '@/lib/sources/mlflow/schemas';

const index = mapExperiments([
  { experiment_id: '1', name: 'exp', lifecycle_stage: 'active' },
  { experiment_id: '2', name: 'old', lifecycle_stage: 'deleted' },
]);

function mapped(run: WireRun): { run: ReturnType<typeof mapRun>; problems: SourceProblem[] } {
  const problems: SourceProblem[] = [];
  return { run: mapRun(run, index, (p) => problems.push(p)), problems };
}

describe('metric values', () => {
  it('reads numbers, protobuf strings and ±DBL_MAX; never turns garbage into 0', () => {
    const values = [1.5, 'NaN', 'Infinity', '-Infinity', 1.7976931348623157e308, -1.7976931348623157e308, '2.5', 'garbage', null];
    expect(values.map((value) => toMetricPoint({ key: 'm', value, timestamp: 1, step: 0 }).value)).toEqual([1.5, NaN, Infinity, -Infinity, Infinity, -Infinity, 2.5, NaN, NaN]);
  });

  it('reads int64 steps and timestamps sent as strings; a missing step is 0, as in MLflow', () => {
    expect(toMetricPoint({ key: 'm', value: 1, timestamp: '1700000000000', step: '7' })).toEqual({ step: 7, timestamp: 1700000000000, value: 1 });
    expect(toMetricPoint({ key: 'm', value: 1, timestamp: 5 })).toEqual({ step: 0, timestamp: 5, value: 1 });
  });

  it('keeps the latest point per key by (step, timestamp, value) and sorts histories by step, then time', () => {
    const latest = latestMetrics([
      { key: 'loss', value: 3, step: 1, timestamp: 10 },
      { key: 'loss', value: 2, step: 2, timestamp: 5 },
      { key: 'loss', value: 1, step: 1, timestamp: 20 },
      { value: 9, step: 9, timestamp: 9 },
    ]);
    expect(latest).toEqual({ loss: { step: 2, timestamp: 5, value: 2 } });
    const history = toHistory([
      { key: 'l', value: 1, step: 2, timestamp: 1 },
      { key: 'l', value: 2, step: 1, timestamp: 3 },
      { key: 'l', value: 3, step: 1, timestamp: 2 },
    ]);
    expect(history.map((p) => p.value)).toEqual([3, 2, 1]);
  });
});

describe('mapRun', () => {
  it('maps a 2.x run like the local stores do', () => {
    const { run, problems } = mapped({
      info: { run_uuid: 'r1', experiment_id: '1', run_name: '', user_id: '', status: 'FINISHED', start_time: 1, end_time: '2', lifecycle_stage: 'active' },
      data: { params: [{ key: 'lr', value: '0.1' }, { key: 'empty' }], tags: [{ key: 'mlflow.runName', value: 'from-tag' }, { value: 'no key' }] },
    });
    expect(problems).toEqual([]);
    expect(run).toMatchObject({ source: 'mlflow', runId: 'r1', experimentName: 'exp', runName: 'from-tag', startTime: 1, endTime: 2, userId: null, deleted: false });
    expect(run?.params).toEqual({ lr: '0.1', empty: '' });
    expect(run?.tags).toEqual({ 'mlflow.runName': 'from-tag' });
  });

  it('marks runs of a deleted experiment as deleted and reads enum numbers', () => {
    expect(mapped({ info: { run_id: 'r2', experiment_id: '2', status: 3 } }).run).toMatchObject({ status: 'FINISHED', deleted: true, experimentName: 'old' });
  });

  it('skips a run without id or with an unknown status, and says so', () => {
    expect(mapped({ info: { status: 'FINISHED' } })).toMatchObject({ run: null, problems: [{ message: 'a run without run_id was skipped' }] });
    expect(mapped({ info: { run_id: 'r3', status: 'EXPLODED' } })).toMatchObject({ run: null, problems: [{ where: 'run r3', message: 'unknown status "EXPLODED"; run skipped' }] });
  });

  it('maps logged inputs (sorted by context, name) and then data.* tag datasets', () => {
    const { run, problems } = mapped({
      info: { run_id: 'r4', experiment_id: '1', status: 'RUNNING' },
      data: { tags: [{ key: 'data.input_paths', value: '["s3://b/in"]' }, { key: 'data.output_path', value: 's3://b/out' }, { key: 'data.dataset_hash', value: 'h1' }] },
      inputs: {
        dataset_inputs: [
          { tags: [{ key: 'mlflow.data.context', value: 'training' }], dataset: { name: 'b', digest: 'd2', source_type: 's3', source: '{"uri": "s3://bucket/b"}' } },
          { tags: [{ key: 'mlflow.data.context', value: 'eval' }], dataset: { name: 'a', source: '{bad' } },
          { tags: [] },
        ],
      },
    });
    expect(run?.datasets.map((d) => [d.recordedWith, d.context, d.name, d.digest, d.sourceUri, d.namespace, d.olName])).toEqual([
      ['log_input', 'eval', 'a', '', null, null, null],
      ['log_input', 'training', 'b', 'd2', 's3://bucket/b', 's3://bucket', 'b'],
      ['data.* tags', 'input', 's3://b/in', null, 's3://b/in', 's3://b', 'in'],
      ['data.* tags', 'output', 's3://b/out', 'h1', 's3://b/out', 's3://b', 'out'],
    ]);
    expect(problems).toEqual([{ where: 'run r4', message: 'dataset "a" (): source is not valid JSON' }]);
  });
});

describe('mapRegistry', () => {
  it('takes aliases from registered-models/get, skips deleted and repeated versions, orders newest first', () => {
    const models = mapRegistry({
      models: [{ name: 'm', description: '', tags: [{ key: 't', value: 'v' }] }, { name: 'a' }],
      details: new Map([['m', { name: 'm', creation_timestamp: '5', aliases: [{ alias: 'prod', version: '10' }, { alias: 'old', version: 2 }] }], ['a', null]]),
      versions: [
        { name: 'm', version: '2', status: 3, current_stage: 'None' },
        { name: 'm', version: '10', status: 'READY', run_id: '', tags: [{ key: 'ok', value: '1' }] },
        { name: 'm', version: '3', current_stage: 'Deleted_Internal' },
        { name: 'm', version: '10', status: 'READY' },
        { name: 'ghost', version: '1' },
      ],
    });
    expect(models.map((m) => m.name)).toEqual(['a', 'm']);
    const m = models[1];
    expect(m).toMatchObject({ description: null, createdAt: 5, aliases: { prod: '10', old: '2' }, tags: { t: 'v' } });
    expect(m?.versions.map((v) => [v.version, v.status, v.aliases, v.runId, v.tags])).toEqual([
      ['10', 'READY', ['prod'], null, { ok: '1' }],
      ['2', 'READY', ['old'], null, {}],
    ]);
  });

  it('falls back to the aliases of search when get found nothing', () => {
    const [model] = mapRegistry({ models: [{ name: 'm', aliases: [{ alias: 'x', version: '1' }] }], details: new Map([['m', null]]), versions: [{ name: 'm', version: '1' }] });
    expect(model?.versions[0]?.aliases).toEqual(['x']);
  });
});

describe('auth, URLs', () => {
  it('sends Basic for username + password, else Bearer for a token, like MLflow', () => {
    expect(authHeader({ username: 'u', password: 'p', token: 't' })).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`);
    expect(authHeader({ username: 'u', token: 't' })).toBe('Bearer t');
    expect(authHeader({})).toBeNull();
  });

  it('links to the run page of the MLflow UI, keeping a path prefix and dropping credentials', () => {
    expect(mlflowRunUrl('https://user:secret@host/mlflow/', '1', 'abc')).toBe('https://host/mlflow/#/experiments/1/runs/abc');
    expect(mlflowRunUrl('http://127.0.0.1:5000', '0', 'r')).toBe('http://127.0.0.1:5000/#/experiments/0/runs/r');
    expect(displayUrl('not a url')).toBe('(invalid URL)');
  });
});
