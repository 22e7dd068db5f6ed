import type { ExperimentRun, LineageRun } from '@/lib/model';

export function lineageRun(runId: string, overrides: Partial<LineageRun> = {}): LineageRun {
  return {
    source: 'openlineage-files', runId, job: { namespace: 'ns', name: `job-${runId.slice(0, 6)}` }, state: 'COMPLETED',
    startedAt: '2026-11-20T02:00:00.000Z', endedAt: '2026-11-20T02:10:00.000Z', updatedAt: '2026-11-20T02:10:00.000Z',
    parent: null, facets: {}, inputs: [], outputs: [], errorMessage: null, ...overrides,
  };
}

export function experimentRun(runId: string, overrides: Partial<ExperimentRun> = {}): ExperimentRun {
  return {
    source: 'mlflow-sqlite', runId, experimentId: '1', experimentName: 'exp', runName: `run-${runId.slice(0, 6)}`, status: 'FINISHED',
    startTime: Date.parse('2026-11-20T02:00:00.000Z'), endTime: Date.parse('2026-11-20T02:10:00.000Z'), deleted: false, userId: 'root',
    artifactUri: null, params: {}, tags: {}, metrics: {}, datasets: [], ...overrides,
  };
}

export const mlflowFacet = (runId: string) => ({ mlflow: { runId, experimentId: '1' } });
export const tagsFacet = (value: string) => ({
  tags: { tags: [{ key: 'openlineage_client_version', value: '1.52.0' }, { key: 'mlflow.run_id', value, source: 'MLFLOW' }] },
});

/** A W&B run as the W&B source maps it: 8-character id, experiment entity/project, tags as a JSON list. */
export function wandbRun(runId: string, overrides: Partial<ExperimentRun> & { wandbTags?: string[] } = {}): ExperimentRun {
  const { wandbTags, ...rest } = overrides;
  return experimentRun(runId, {
    source: 'wandb', experimentId: 'groot-team/groot-data-etl', experimentName: 'groot-team/groot-data-etl', runName: `stage-${runId}`,
    tags: wandbTags ? { 'wandb.tags': JSON.stringify(wandbTags) } : {}, ...rest,
  });
}

export const wandbFacet = (entity: string, project: string, runId: string) => ({ wandb: { entity, project, runId } });
export const wandbPathTag = (path: string) => ({
  tags: { tags: [{ key: 'openlineage_client_version', value: '1.52.0' }, { key: 'wandb.run_path', value: path, source: 'WANDB' }] },
});
