import { beforeAll, describe, expect, it } from 'vitest';
import type { ExperimentRun } from '@/lib/model';
import { createMlflowStoreSource } from '@/lib/sources/mlflow-store';
import type { ExperimentSnapshot, ExperimentSource } from '@/lib/sources/ports';
import { GROOT_DB, GROOT_MLRUNS } from './helpers';

/** The two passes of the scenario differ in ids, times and timing-dependent values, not in shape. */
interface Side {
  source: ExperimentSource;
  snapshot: ExperimentSnapshot;
  byStage: Map<string, ExperimentRun>;
}

async function load(kind: 'sqlite' | 'file', file: string): Promise<Side> {
  const source = createMlflowStoreSource({ kind, path: file });
  const snapshot = await source.snapshot();
  const byStage = new Map([...snapshot.runs.values()].map((r) => [r.tags['stage'] ?? '', r]));
  return { source, snapshot, byStage };
}

let sqlite: Side;
let files: Side;

beforeAll(async () => {
  [sqlite, files] = await Promise.all([load('sqlite', GROOT_DB), load('file', GROOT_MLRUNS)]);
});

function stageOf(side: Side, stage: string): ExperimentRun {
  const run = side.byStage.get(stage);
  if (!run) throw new Error(`no run for stage ${stage}`);
  return run;
}

describe('SQLite store and file store of the same scenario', () => {
  it('have the same stages with the same names, statuses and params', () => {
    expect([...files.byStage.keys()].sort()).toEqual([...sqlite.byStage.keys()].sort());
    expect(sqlite.byStage.size).toBe(5);
    for (const stage of sqlite.byStage.keys()) {
      const a = stageOf(sqlite, stage);
      const b = stageOf(files, stage);
      // The pipeline run is named after its start time, which differs between the two passes.
      const pipelineName = expect.stringMatching(/^groot-data-etl-\d{8}-\d{6}$/);
      if (stage === 'pipeline') expect([a.runName, b.runName]).toEqual([pipelineName, pipelineName]);
      else expect(b.runName).toBe(a.runName);
      expect(b.status).toBe(a.status);
      expect(b.params).toEqual(a.params);
      expect(Object.keys(b.tags).sort()).toEqual(Object.keys(a.tags).sort());
    }
  });

  it('have the same metric keys and history steps per stage', async () => {
    for (const stage of sqlite.byStage.keys()) {
      const a = stageOf(sqlite, stage);
      const b = stageOf(files, stage);
      expect(Object.keys(b.metrics).sort()).toEqual(Object.keys(a.metrics).sort());
      for (const key of Object.keys(a.metrics)) {
        const [ha, hb] = await Promise.all([sqlite.source.metricHistory(a.runId, key), files.source.metricHistory(b.runId, key)]);
        expect(hb.map((p) => p.step)).toEqual(ha.map((p) => p.step));
        expect(b.metrics[key]?.step).toBe(a.metrics[key]?.step);
      }
    }
  });

  it('have the same datasets per stage (name, context, URI, OpenLineage naming)', () => {
    for (const stage of sqlite.byStage.keys()) {
      const shape = (r: ExperimentRun) =>
        r.datasets.map(({ name, context, sourceUri, sourceType, namespace, olName }) => ({
          name,
          context,
          sourceUri,
          sourceType,
          namespace,
          olName,
        }));
      expect(shape(stageOf(files, stage))).toEqual(shape(stageOf(sqlite, stage)));
    }
  });

  it('have the same registered model version and alias, each on its own tokenization run', () => {
    const shape = (side: Side) =>
      side.snapshot.models.map((m) => ({
        name: m.name,
        aliases: m.aliases,
        tags: m.tags,
        versions: m.versions.map((v) => ({
          version: v.version,
          aliases: v.aliases,
          status: v.status,
          stage: v.stage,
          runStage: side.snapshot.runs.get(v.runId ?? '')?.tags['stage'],
        })),
      }));
    expect(shape(files)).toEqual(shape(sqlite));
    expect(shape(sqlite)[0]?.versions[0]?.runStage).toBe('tokenization');
  });
});
