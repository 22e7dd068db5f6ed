import 'server-only';
import type { ExperimentDataset, ExperimentRun, SourceProblem } from '@/lib/model';
import { asNonEmptyString, asNumber, asString } from '@/lib/sources/mlflow-store/shared/coerce';
import { compareDatasets, datasetsFromDataTags, toExperimentDataset } from '@/lib/sources/mlflow-store/shared/datasets';
import { getEntry, putEntry } from '@/lib/sources/mlflow-store/shared/records';
import { toRunStatus } from '@/lib/sources/mlflow-store/shared/run-status';
import { latestMetrics } from './map-metrics';
import type { WireExperiment, WireKeyValue, WireRun } from './schemas';

export const MLFLOW_SOURCE_ID = 'mlflow';

type Report = (problem: SourceProblem) => void;

export interface ExperimentIndex {
  experiments: Map<string, { id: string; name: string }>;
  /** Deleting an experiment deletes its runs in MLflow's eyes, whatever their own lifecycle says. */
  deleted: Set<string>;
}

export function mapExperiments(wire: readonly WireExperiment[]): ExperimentIndex {
  const experiments = new Map<string, { id: string; name: string }>();
  const deleted = new Set<string>();
  for (const e of wire) {
    const id = asString(e.experiment_id);
    if (id === null) continue;
    experiments.set(id, { id, name: asString(e.name) ?? id });
    if (e.lifecycle_stage === 'deleted') deleted.add(id);
  }
  return { experiments, deleted };
}

/** Key/value pairs as a record; a pair without a key cannot be shown and is dropped. */
export function toRecord(pairs: readonly WireKeyValue[] | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs ?? []) if (typeof pair.key === 'string') putEntry(out, pair.key, pair.value ?? '');
  return out;
}

function datasetsOf(run: WireRun, runId: string, tags: Record<string, string>, report: Report): ExperimentDataset[] {
  const where = `run ${runId}`;
  const logged: ExperimentDataset[] = [];
  for (const input of run.inputs?.dataset_inputs ?? []) {
    const d = input.dataset;
    if (!d) continue;
    const context = input.tags?.find((t) => t.key === 'mlflow.data.context')?.value;
    const record = { name: d.name ?? '', digest: d.digest ?? '', sourceType: asNonEmptyString(d.source_type), source: d.source ?? null, context: asNonEmptyString(context) };
    logged.push(toExperimentDataset(record, where, report));
  }
  // Same order and the same data.* tag datasets after them as the local stores, so both read alike.
  logged.sort(compareDatasets);
  return [...logged, ...datasetsFromDataTags(tags, where, report)];
}

/** One run of runs/search or runs/get; null (and a problem) when it has no id or an unknown status. */
export function mapRun(run: WireRun, index: ExperimentIndex, report: Report): ExperimentRun | null {
  const info = run.info;
  const runId = asNonEmptyString(info?.run_id) ?? asNonEmptyString(info?.run_uuid);
  if (!info || runId === null) {
    report({ where: 'runs/search', message: 'a run without run_id was skipped' });
    return null;
  }
  const status = toRunStatus(info.status);
  if (status === null) {
    report({ where: `run ${runId}`, message: `unknown status ${JSON.stringify(info.status ?? null)}; run skipped` });
    return null;
  }
  const experimentId = asString(info.experiment_id) ?? '';
  const tags = toRecord(run.data?.tags);
  return {
    source: MLFLOW_SOURCE_ID,
    runId,
    experimentId,
    experimentName: index.experiments.get(experimentId)?.name ?? null,
    // Older servers left run_name empty and kept the name only in the mlflow.runName tag.
    runName: asNonEmptyString(info.run_name) ?? getEntry(tags, 'mlflow.runName') ?? null,
    status,
    startTime: asNumber(info.start_time),
    endTime: asNumber(info.end_time),
    deleted: info.lifecycle_stage === 'deleted' || index.deleted.has(experimentId),
    userId: asNonEmptyString(info.user_id),
    artifactUri: asNonEmptyString(info.artifact_uri),
    params: toRecord(run.data?.params),
    tags,
    metrics: latestMetrics(run.data?.metrics ?? []),
    datasets: datasetsOf(run, runId, tags, report),
  };
}
