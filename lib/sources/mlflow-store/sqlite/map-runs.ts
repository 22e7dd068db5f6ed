import 'server-only';
import type { ExperimentDataset, ExperimentRun, MetricPoint, SourceProblem } from '@/lib/model';
import { asNonEmptyString, asNumber, asString } from '../shared/coerce';
import { compareDatasets, datasetsFromDataTags, toExperimentDataset } from '../shared/datasets';
import { fromSqlMetricValue } from '../shared/metric-values';
import { getEntry, putEntry } from '../shared/records';
import { toRunStatus } from '../shared/run-status';
import type { Row, SqliteRows } from './read-store';

export interface MappedRuns {
  runs: Map<string, ExperimentRun>;
  experiments: Map<string, { id: string; name: string }>;
}

type Report = (problem: SourceProblem) => void;

function mapExperiments(rows: Row[]): { experiments: MappedRuns['experiments']; deleted: Set<string> } {
  const experiments = new Map<string, { id: string; name: string }>();
  const deleted = new Set<string>();
  for (const row of rows) {
    const id = asString(row.experiment_id);
    if (id === null) continue;
    experiments.set(id, { id, name: asString(row.name) ?? id });
    if (row.lifecycle_stage === 'deleted') deleted.add(id);
  }
  return { experiments, deleted };
}

interface RunContext {
  experiments: MappedRuns['experiments'];
  deletedExperiments: Set<string>;
  source: string;
  report: Report;
}

function mapRunInfo(row: Row, { experiments, deletedExperiments, source, report }: RunContext): ExperimentRun | null {
  const runId = asNonEmptyString(row.run_uuid);
  if (runId === null) return null;
  const status = toRunStatus(row.status);
  if (status === null) {
    report({ where: `runs (run_uuid ${runId})`, message: `unknown status ${JSON.stringify(row.status)}; run skipped` });
    return null;
  }
  const experimentId = asString(row.experiment_id) ?? '';
  return {
    source,
    runId,
    experimentId,
    experimentName: experiments.get(experimentId)?.name ?? null,
    runName: asNonEmptyString(row.name),
    status,
    startTime: asNumber(row.start_time),
    endTime: asNumber(row.end_time),
    // Deleting an experiment deletes its runs in MLflow's eyes, whatever their own lifecycle says.
    deleted: row.lifecycle_stage === 'deleted' || deletedExperiments.has(experimentId),
    userId: asNonEmptyString(row.user_id),
    artifactUri: asNonEmptyString(row.artifact_uri),
    params: {},
    tags: {},
    metrics: {},
    datasets: [],
  };
}

function isStringRecord(value: unknown): value is Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.values(value).every((v) => typeof v === 'string');
}

function parseJson(text: unknown): unknown {
  try {
    return typeof text === 'string' ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

/** One JSON object of key → value per run (see keyValueSql); JSON.parse keeps "__proto__" as an own key. */
function fillKeyValues(rows: Row[], runs: Map<string, ExperimentRun>, field: 'params' | 'tags', report: Report): void {
  for (const row of rows) {
    const run = runs.get(asString(row.run_uuid) ?? '');
    if (!run) continue;
    const entries = parseJson(row.entries);
    if (isStringRecord(entries)) run[field] = entries;
    else report({ where: `${field} (run_uuid ${run.runId})`, message: `unreadable ${field}; left empty` });
  }
}

function fillMetrics(rows: Row[], runs: Map<string, ExperimentRun>): void {
  for (const row of rows) {
    const run = runs.get(asString(row.run_uuid) ?? '');
    const key = asString(row.key);
    if (!run || key === null) continue;
    const point: MetricPoint = {
      step: asNumber(row.step) ?? 0,
      timestamp: asNumber(row.timestamp) ?? 0,
      value: fromSqlMetricValue(row.value, row.is_nan),
    };
    putEntry(run.metrics, key, point);
  }
}

function fillDatasets(rows: Row[], runs: Map<string, ExperimentRun>, report: Report): void {
  const touched = new Set<ExperimentDataset[]>();
  for (const row of rows) {
    const run = runs.get(asString(row.run_uuid) ?? '');
    if (!run) continue;
    const record = {
      name: asString(row.name) ?? '',
      digest: asString(row.digest) ?? '',
      sourceType: asNonEmptyString(row.source_type),
      source: asString(row.source),
      context: asNonEmptyString(row.context),
    };
    run.datasets.push(toExperimentDataset(record, `datasets (run ${run.runId})`, report));
    touched.add(run.datasets);
  }
  for (const list of touched) list.sort(compareDatasets);
}

/** Joins the whole-table reads into runs keyed by run id, in a single pass over each table. */
export function mapRuns(rows: Pick<SqliteRows, 'experiments' | 'runs' | 'params' | 'tags' | 'latestMetrics' | 'datasetInputs'>, source: string, report: Report): MappedRuns {
  const { experiments, deleted } = mapExperiments(rows.experiments);
  const runs = new Map<string, ExperimentRun>();
  for (const row of rows.runs) {
    const run = mapRunInfo(row, { experiments, deletedExperiments: deleted, source, report });
    if (run) runs.set(run.runId, run);
  }
  fillKeyValues(rows.params, runs, 'params', report);
  fillKeyValues(rows.tags, runs, 'tags', report);
  fillMetrics(rows.latestMetrics, runs);
  fillDatasets(rows.datasetInputs, runs, report);
  for (const run of runs.values()) {
    run.datasets.push(...datasetsFromDataTags(run.tags, `tags (run_uuid ${run.runId})`, report));
  }
  // Older MLflow versions left runs.name empty and kept the name only in the mlflow.runName tag.
  for (const run of runs.values()) run.runName ??= getEntry(run.tags, 'mlflow.runName') ?? null;
  return { runs, experiments };
}
