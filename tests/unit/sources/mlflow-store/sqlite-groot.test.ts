import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ExperimentRun } from '@/lib/model';
import { createMlflowStoreSource } from '@/lib/sources/mlflow-store';
import type { ExperimentSnapshot, ExperimentSource } from '@/lib/sources/ports';
import {
  GROOT_DB,
  GROOT_REST,
  readExpected,
  readJsonAs,
  restHistorySchema,
  restModelSchema,
  restRunSchema,
  runsIndexSchema,
  toRecord,
  type ExpectedSection,
} from './helpers';

let source: ExperimentSource;
let snapshot: ExperimentSnapshot;
let expected: ExpectedSection;
let index: { label: string; run_id: string; metric_keys: string[] }[];

function runOf(runId: string): ExperimentRun {
  const run = snapshot.runs.get(runId);
  if (!run) throw new Error(`run ${runId} missing from the snapshot`);
  return run;
}

beforeAll(async () => {
  source = createMlflowStoreSource({ kind: 'sqlite', path: GROOT_DB });
  snapshot = await source.snapshot();
  expected = await readExpected();
  index = (await readJsonAs(path.join(GROOT_REST, '_runs-index.json'), runsIndexSchema)).runs;
});

describe('MLflow SQLite store: groot-a mlflow.db', () => {
  it('reports itself healthy with the alembic revision', async () => {
    const health = await source.health();
    expect(health).toMatchObject({ id: 'mlflow-sqlite', label: 'MLflow (SQLite)', kind: 'experiment', status: 'ok', error: null });
    expect(health.details.alembicRevision).toBe('acf3f17fdcc7');
    expect(health.counts).toMatchObject({ runs: expected.mlflow_runs.length, registeredModels: 1, modelVersions: 1 });
  });

  it('has the experiment of EXPECTED.json', () => {
    expect(snapshot.experiments.get(expected.experiment.experiment_id)).toEqual({
      id: expected.experiment.experiment_id,
      name: expected.experiment.name,
    });
  });

  it('matches EXPECTED.json mlflow_runs: names, statuses, times, parent and OpenLineage tags', () => {
    expect(snapshot.runs.size).toBe(expected.mlflow_runs.length);
    for (const e of expected.mlflow_runs) {
      const run = runOf(e.mlflow_run_id);
      expect(run).toMatchObject({
        source: 'mlflow-sqlite',
        runName: e.run_name,
        status: e.status,
        startTime: e.start_time,
        endTime: e.end_time,
        deleted: false,
        experimentName: expected.experiment.name,
      });
      expect(run.tags['mlflow.parentRunId'] ?? null).toBe(e.parent_run_id);
      expect(run.tags['stage']).toBe(e.stage);
      expect(run.tags).toMatchObject(e.openlineage_tags);
    }
  });

  it('matches EXPECTED.json datasets: name, digest (= version), source URI, context and OpenLineage naming', () => {
    for (const e of expected.mlflow_runs) {
      const got = runOf(e.mlflow_run_id).datasets.map((d) => ({ uri: d.sourceUri, version: d.digest, mlflow_dataset_name: d.name, context: d.context }));
      expect(got).toEqual(expect.arrayContaining([...e.data.inputs, ...e.data.outputs]));
      expect(got).toHaveLength(e.data.inputs.length + e.data.outputs.length);
      // README: source {"uri": "s3://bucket/<name>"} is OpenLineage namespace s3://bucket, name = object key.
      for (const d of runOf(e.mlflow_run_id).datasets) {
        expect({ namespace: d.namespace, olName: d.olName }).toEqual({ namespace: 's3://bucket', olName: d.name });
      }
    }
  });

  it('matches EXPECTED.json executions: params and statuses of pipeline and stages', () => {
    for (const execution of expected.executions) {
      expect(runOf(execution.pipeline.mlflow_run_id).params).toEqual(execution.pipeline.params);
      expect(runOf(execution.pipeline.mlflow_run_id).status).toBe(execution.pipeline.mlflow_status);
      for (const stage of execution.stages) {
        const run = runOf(stage.mlflow_run_id);
        expect(run.params).toEqual(stage.params);
        expect(run.status).toBe(stage.mlflow_status);
        expect(run.datasets.filter((d) => d.context === 'output').map((d) => d.digest)).toEqual(
          stage.mlflow_data.outputs.map((o) => o.version),
        );
      }
    }
  });

  it('matches the recorded runs/get answers: info, params, tags and latest metrics', async () => {
    for (const { label, run_id } of index) {
      const rest = (await readJsonAs(path.join(GROOT_REST, 'runs-get', `${label}.json`), restRunSchema)).run;
      const run = runOf(run_id);
      expect(run).toMatchObject({
        runId: rest.info.run_uuid,
        experimentId: rest.info.experiment_id,
        runName: rest.info.run_name,
        userId: rest.info.user_id,
        status: rest.info.status,
        startTime: rest.info.start_time,
        endTime: rest.info.end_time ?? null,
        artifactUri: rest.info.artifact_uri,
        deleted: rest.info.lifecycle_stage === 'deleted',
      });
      expect(run.params).toEqual(toRecord(rest.data.params));
      expect(run.tags).toEqual(toRecord(rest.data.tags));
      const metrics = Object.fromEntries((rest.data.metrics ?? []).map((m) => [m.key, { step: m.step, timestamp: m.timestamp, value: m.value }]));
      expect(run.metrics).toEqual(metrics);
      const restDatasets = (rest.inputs.dataset_inputs ?? []).map((i) => ({
        name: i.dataset.name,
        digest: i.dataset.digest,
        sourceType: i.dataset.source_type,
        context: toRecord(i.tags)['mlflow.data.context'] ?? null,
      }));
      expect(run.datasets.map(({ name, digest, sourceType, context }) => ({ name, digest, sourceType, context }))).toEqual(
        expect.arrayContaining(restDatasets),
      );
      expect(run.datasets).toHaveLength(restDatasets.length);
    }
  });

  it('matches every recorded metrics/get-history answer, in step then timestamp order', async () => {
    let compared = 0;
    for (const { label, run_id, metric_keys } of index) {
      for (const key of metric_keys) {
        const rest = await readJsonAs(path.join(GROOT_REST, 'metrics-get-history', label, `${key}.json`), restHistorySchema);
        const points = rest.metrics.map((m) => ({ step: m.step, timestamp: m.timestamp, value: m.value }));
        expect(await source.metricHistory(run_id, key)).toEqual(points);
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(30);
  });

  it('reads at most the points asked for, the first by step', async () => {
    const { run_id } = index.find((r) => r.label.endsWith('deduplication') && r.metric_keys.includes('throughput'))!;
    const all = await source.metricHistory(run_id, 'throughput');
    expect(all.length).toBeGreaterThan(1);
    expect(await source.metricHistory(run_id, 'throughput', 1)).toEqual(all.slice(0, 1));
  });

  it('returns an empty history for an unknown run or key', async () => {
    expect(await source.metricHistory('0'.repeat(32), 'throughput')).toEqual([]);
    expect(await source.metricHistory(expected.mlflow_runs[0]?.mlflow_run_id ?? '', 'no_such_metric')).toEqual([]);
  });

  it('matches EXPECTED.json models: version, source run, status, aliases, tags', () => {
    for (const e of expected.models) {
      const model = snapshot.models.find((m) => m.name === e.name);
      const version = model?.versions.find((v) => v.version === e.version);
      expect(version).toMatchObject({
        runId: e.source_run_id,
        source: e.source,
        status: e.status,
        aliases: e.aliases,
        createdAt: e.creation_timestamp,
        tags: e.tags,
      });
      for (const alias of e.aliases) expect(model?.aliases[alias]).toBe(e.version);
    }
  });

  it('matches the recorded registered-models/get answer', async () => {
    const rest = await readJsonAs(path.join(GROOT_REST, 'registered-models-get', 'groot-tokenizer.json'), restModelSchema);
    const model = snapshot.models.find((m) => m.name === rest.registered_model.name);
    expect(model).toMatchObject({
      description: rest.registered_model.description,
      createdAt: rest.registered_model.creation_timestamp,
      updatedAt: rest.registered_model.last_updated_timestamp,
    });
  });

  it('reuses the cached snapshot while the database is unchanged', async () => {
    const again = await source.snapshot();
    expect(again).toBe(snapshot);
  });
});
