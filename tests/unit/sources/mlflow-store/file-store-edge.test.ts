import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SourceHealth } from '@/lib/model';
import { createMlflowStoreSource } from '@/lib/sources/mlflow-store';
import type { ExperimentSnapshot, ExperimentSource } from '@/lib/sources/ports';
import { FIXTURES } from './helpers';

const ROOT = path.join(FIXTURES, 'mlruns-edge');
const R1 = 'e1000000000000000000000000000001';
const R1_DIR = path.join(ROOT, '7', R1);

let source: ExperimentSource;
let snapshot: ExperimentSnapshot;
let health: SourceHealth;

beforeAll(async () => {
  source = createMlflowStoreSource({ kind: 'file', path: ROOT });
  snapshot = await source.snapshot();
  health = await source.health();
});

function problemsAt(where: string): { line?: number; message: string }[] {
  return health.problems.filter((p) => p.where === where).map(({ line, message }) => (line === undefined ? { message } : { line, message }));
}

describe('MLflow file store: edge cases', () => {
  it('loads the good runs and reports every bad file as a problem (degraded, not unavailable)', () => {
    expect(health.status).toBe('degraded');
    expect(health.error).toBeNull();
    expect([...snapshot.runs.keys()].sort()).toEqual([R1, 'e3000000000000000000000000000003', 'e6000000000000000000000000000006']);
    expect(problemsAt(path.join(ROOT, '7', 'e2000000000000000000000000000002', 'meta.yaml'))).toEqual([
      { message: expect.stringMatching(/^invalid YAML: .*; run skipped$/) },
    ]);
    expect(problemsAt(path.join(ROOT, '7', 'e4000000000000000000000000000004', 'meta.yaml'))).toEqual([
      { message: 'unknown status 9; run skipped' },
    ]);
    expect(problemsAt(path.join(ROOT, '7', 'e5000000000000000000000000000005', 'meta.yaml'))).toEqual([
      { message: 'missing meta.yaml; run skipped' },
    ]);
    expect(problemsAt(path.join(ROOT, 'models', 'm2', 'meta.yaml'))).toEqual([
      { message: expect.stringMatching(/^invalid YAML: .*; registered model skipped$/) },
    ]);
  });

  it('reads metric lines of 2, 3 and 5 fields (2 fields = step 0)', async () => {
    expect(await source.metricHistory(R1, 'fields')).toEqual([
      { timestamp: 1700000001000, value: 0.5, step: 0 },
      { timestamp: 1700000001100, value: 0.6, step: 1 },
      { timestamp: 1700000001200, value: 0.7, step: 2 },
    ]);
  });

  it('keeps nan / inf / -inf / NaN / Infinity / -Infinity as NaN and ±Infinity, never 0', async () => {
    const values = (await source.metricHistory(R1, 'special')).map((p) => p.value);
    expect(values).toEqual([NaN, Infinity, -Infinity, NaN, Infinity, -Infinity, 0]);
    expect(snapshot.runs.get(R1)?.metrics['only_inf']?.value).toBe(Infinity);
  });

  it('skips malformed metric lines with their line numbers and keeps the rest', async () => {
    expect((await source.metricHistory(R1, 'bad')).map((p) => p.value)).toEqual([1.5, 3.5]);
    expect(problemsAt(path.join(R1_DIR, 'metrics', 'bad'))).toEqual([
      { line: 2, message: 'expected 2, 3 or 5 fields, found 4; line skipped' },
      { line: 3, message: 'expected 2, 3 or 5 fields, found 4; line skipped' },
      { line: 4, message: 'value "abc" is not a number; line skipped' },
    ]);
    expect(snapshot.runs.get(R1)?.metrics['bad']).toEqual({ timestamp: 1700000001003, value: 3.5, step: 3 });
  });

  it('picks the latest point by MLflow’s rule: greatest (step, timestamp, value)', () => {
    expect(snapshot.runs.get(R1)?.metrics['tie']).toEqual({ step: 4, timestamp: 1700000001000, value: 0.9 });
  });

  it('reads keys containing "/" from nested folders, and values verbatim', async () => {
    const run = snapshot.runs.get(R1);
    expect(run?.params).toEqual({ lr: '0.01', 'opt/name': 'adam', note: 'multi\nline value' });
    expect(run?.tags).toEqual({ 'mlflow.runName': 'edge-run', 'nested/key': 'deep' });
    expect(run?.metrics['train/loss']).toEqual({ timestamp: 1700000001100, value: 2, step: 1 });
    expect((await source.metricHistory(R1, 'train/loss')).map((p) => p.value)).toEqual([3, 2]);
  });

  it('refuses metric keys that would leave the metrics folder', async () => {
    expect(await source.metricHistory(R1, '../meta.yaml')).toEqual([]);
    expect(await source.metricHistory(R1, '/etc/passwd')).toEqual([]);
  });

  it('maps run info: numeric status, name from the tag when run_name is empty, deleted and .trash runs kept', () => {
    expect(snapshot.runs.get(R1)).toMatchObject({ runName: 'edge-run', status: 'RUNNING', endTime: null, userId: 'ada', experimentName: 'edge', deleted: false });
    expect(snapshot.runs.get('e3000000000000000000000000000003')).toMatchObject({ status: 'KILLED', deleted: true, artifactUri: null });
    expect(snapshot.runs.get('e6000000000000000000000000000006')).toMatchObject({ status: 'FAILED', deleted: true, experimentName: 'trashed' });
    expect([...snapshot.experiments.keys()].sort()).toEqual(['0', '7', '8']);
  });

  it('links datasets from experiment datasets/ via inputs/, naming file: URIs the OpenLineage way', () => {
    expect(snapshot.runs.get(R1)?.datasets).toEqual([
      { name: 'local-csv', digest: '1234e567', sourceType: 'local', sourceUri: 'file:///data/edge/x.csv', context: 'input', namespace: 'file', olName: '/data/edge/x.csv', recordedWith: 'log_input' },
      { name: 'broken-source', digest: '33cc44dd', sourceType: 'custom', sourceUri: null, context: 'output', namespace: null, olName: null, recordedWith: 'log_input' },
    ]);
    expect(problemsAt(path.join(R1_DIR, 'inputs', 'in2', 'meta.yaml'))).toEqual([
      { message: 'dataset "broken-source" (33cc44dd): source is not valid JSON' },
    ]);
    expect(problemsAt(path.join(R1_DIR, 'inputs', 'in3', 'meta.yaml'))).toEqual([
      { message: 'refers to dataset gone, which the experiment does not have' },
    ]);
  });

  it('reads the registry: aliases/ files, version tags, deleted versions hidden', () => {
    expect(snapshot.models).toHaveLength(1);
    const [model] = snapshot.models;
    expect(model).toMatchObject({ name: 'm1', description: null, createdAt: 1700000010000, updatedAt: 1700000012000, aliases: { prod: '2', old: '1' }, tags: { team: 'ml' } });
    expect(model?.versions.map((v) => [v.version, v.stage, v.aliases, v.runId, v.source])).toEqual([
      ['2', 'None', ['prod'], null, 's3://models/m1/2'],
      ['1', 'Archived', ['old'], R1, 'file:///data/edge/7/e1/artifacts/model'],
    ]);
    expect(model?.versions[1]).toMatchObject({ description: 'first', tags: { validated: 'yes' }, createdAt: 1700000010100, status: 'READY' });
  });
});
