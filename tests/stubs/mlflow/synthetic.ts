import type { Json } from './json';
import type { RecordedData } from './recordings';

export interface SyntheticOptions {
  runs: number;
  experiments: number;
  /** start_time of the oldest run (epoch ms); each next run starts `spacingMs` later. */
  firstStartMs?: number;
  spacingMs?: number;
  /** Nested runs: every run number divisible by `stagesPerParent + 1` is a parent of the next `stagesPerParent` (`mlflow.parentRunId`). */
  stagesPerParent?: number;
}

/** A deterministic 32-hex run id for run number i, as MLflow's uuid4().hex looks. */
export const syntheticRunId = (i: number): string => (i + 1).toString(16).padStart(8, '0') + 'c0ffee00'.repeat(3);

/** Run number i in runs/search's wire shape: the fields and sizes of a real MLflow 2.12 run (about 1.2 KB). */
export function syntheticRun(i: number, o: SyntheticOptions): Json {
  const id = syntheticRunId(i);
  const experiment = String(1 + (i % o.experiments));
  const start = (o.firstStartMs ?? Date.UTC(2025, 11, 1)) + i * (o.spacingMs ?? 60_000);
  const name = `trial-${i}`;
  return {
    info: {
      run_uuid: id, run_id: id, experiment_id: experiment, run_name: name, user_id: 'ml', status: 'FINISHED',
      start_time: start, end_time: start + 30_000, artifact_uri: `s3://mlflow/${experiment}/${id}/artifacts`, lifecycle_stage: 'active',
    },
    data: {
      metrics: [
        { key: 'loss', value: 1 / (1 + (i % 97)), timestamp: start + 29_000, step: 100 },
        { key: 'accuracy', value: (i % 89) / 89, timestamp: start + 29_000, step: 100 },
        { key: 'dedup_rate', value: (i % 83) / 830, timestamp: start + 29_000, step: 0 },
      ],
      params: [
        { key: 'lr', value: String(10 ** -(1 + (i % 4))) }, { key: 'batch_size', value: String(2 ** (5 + (i % 4))) },
        { key: 'threshold', value: (0.9 + (i % 10) / 100).toFixed(2) },
      ],
      tags: [
        { key: 'mlflow.runName', value: name }, { key: 'mlflow.user', value: 'ml' }, { key: 'mlflow.source.type', value: 'JOB' },
        { key: 'mlflow.source.name', value: 'train.py' }, { key: 'stage', value: `stage-${i % 4}` },
        ...(o.stagesPerParent && i % (o.stagesPerParent + 1) !== 0
          ? [{ key: 'mlflow.parentRunId', value: syntheticRunId(i - (i % (o.stagesPerParent + 1))) }] : []),
      ],
    },
    inputs: {},
  };
}

/**
 * A tracking server's worth of runs for the stub (same routes, filters, order and paging as for the
 * recordings): `runs` runs spread over `experiments` experiments, one run a minute by default.
 */
export function syntheticData(o: SyntheticOptions): RecordedData {
  const experiments: Json[] = Array.from({ length: o.experiments }, (_, e) => ({
    experiment_id: String(e + 1), name: `experiment-${e + 1}`, artifact_location: `s3://mlflow/${e + 1}`, lifecycle_stage: 'active',
    last_update_time: 0, creation_time: 0,
  }));
  return {
    all: [], experiments, runs: Array.from({ length: o.runs }, (_, i) => syntheticRun(i, o)), runGets: new Map(), histories: new Map(),
    bulk: new Map(), models: [], modelGets: new Map(), versions: [], artifacts: new Map(), loggedModels: new Map(),
  };
}
