import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ExperimentRun } from '@/lib/model';
import { createMlflowStoreSource } from '@/lib/sources/mlflow-store';
import type { ExperimentSnapshot, ExperimentSource } from '@/lib/sources/ports';
import { GROOT_MLRUNS, readExpected, type ExpectedSection } from './helpers';

let source: ExperimentSource;
let snapshot: ExperimentSnapshot;
let expected: ExpectedSection;

function runOf(runId: string): ExperimentRun {
  const run = snapshot.runs.get(runId);
  if (!run) throw new Error(`run ${runId} missing from the snapshot`);
  return run;
}

beforeAll(async () => {
  source = createMlflowStoreSource({ kind: 'file', path: GROOT_MLRUNS });
  snapshot = await source.snapshot();
  expected = (await readExpected()).file_store;
});

describe('MLflow file store: groot-a mlruns/', () => {
  it('reports itself healthy, without problems', async () => {
    const health = await source.health();
    expect(health).toMatchObject({ id: 'mlflow-files', label: 'MLflow (mlruns file store)', status: 'ok', error: null, problems: [] });
    expect(health.counts).toMatchObject({ runs: expected.mlflow_runs.length, registeredModels: 1, modelVersions: 1 });
  });

  it('reads experiments from their meta.yaml (Default and the scenario)', () => {
    expect(snapshot.experiments.get(expected.experiment.experiment_id)?.name).toBe(expected.experiment.name);
    expect(snapshot.experiments.get('0')?.name).toBe('Default');
  });

  it('matches EXPECTED.json file_store.mlflow_runs: names, numeric statuses, times, parent, OpenLineage tags', () => {
    expect(snapshot.runs.size).toBe(expected.mlflow_runs.length);
    for (const e of expected.mlflow_runs) {
      const run = runOf(e.mlflow_run_id);
      expect(run).toMatchObject({
        source: 'mlflow-files',
        experimentId: expected.experiment.experiment_id,
        experimentName: expected.experiment.name,
        runName: e.run_name,
        status: e.status,
        startTime: e.start_time,
        endTime: e.end_time,
        deleted: false,
        userId: 'root',
      });
      expect(run.tags['mlflow.parentRunId'] ?? null).toBe(e.parent_run_id);
      expect(run.tags).toMatchObject(e.openlineage_tags);
    }
  });

  it('matches EXPECTED.json file_store datasets per run (digest = version)', () => {
    for (const e of expected.mlflow_runs) {
      const got = runOf(e.mlflow_run_id).datasets.map((d) => ({ uri: d.sourceUri, version: d.digest, mlflow_dataset_name: d.name, context: d.context }));
      expect(got).toEqual(expect.arrayContaining([...e.data.inputs, ...e.data.outputs]));
      expect(got).toHaveLength(e.data.inputs.length + e.data.outputs.length);
    }
  });

  it('matches EXPECTED.json file_store executions: params and statuses', () => {
    for (const execution of expected.executions) {
      expect(runOf(execution.pipeline.mlflow_run_id).params).toEqual(execution.pipeline.params);
      for (const stage of execution.stages) {
        expect(runOf(stage.mlflow_run_id).params).toEqual(stage.params);
        expect(runOf(stage.mlflow_run_id).status).toBe(stage.mlflow_status);
      }
    }
  });

  it('matches EXPECTED.json file_store models (version, alias from aliases/, source run, tags)', () => {
    for (const e of expected.models) {
      const model = snapshot.models.find((m) => m.name === e.name);
      expect(model?.versions.find((v) => v.version === e.version)).toMatchObject({
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

  it('takes latest metrics and histories from the metric files, line by line', async () => {
    for (const e of expected.mlflow_runs) {
      const run = runOf(e.mlflow_run_id);
      const dir = path.join(GROOT_MLRUNS, expected.experiment.experiment_id, e.mlflow_run_id, 'metrics');
      const keys = await fs.readdir(dir);
      expect(Object.keys(run.metrics).sort()).toEqual(keys.sort());
      for (const key of keys) {
        const lines = (await fs.readFile(path.join(dir, key), 'utf8')).trim().split('\n');
        const history = await source.metricHistory(run.runId, key);
        expect(history).toHaveLength(lines.length);
        // Each scenario file is written in step order, so the last line is the latest point.
        const [ts, value, step] = (lines.at(-1) ?? '').split(' ').map(Number);
        expect(run.metrics[key]).toEqual({ timestamp: ts, value, step });
        expect(history.at(-1)).toEqual(run.metrics[key]);
      }
    }
  });
});
