import { appendFileSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A run that reads and writes 20 datasets and logs 50 metrics over steps, for fan-out tests and the
 * bench. It is cloned from groot-a's recorded deduplication stage (OpenLineage events and MLflow 2.12.2
 * answers), so both stubs serve it in their real wire formats; it is linked by the uuid rule.
 */
export const WIDE_INPUTS = 12;
export const WIDE_OUTPUTS = 8;
export const WIDE_METRICS = 50;
export const WIDE_STEPS = 100;
export const WIDE_MLFLOW_ID = 'a1de5e7f00c0440b9d2f6a2b3c4d5e6f';
export const WIDE_RUN_ID = `${WIDE_MLFLOW_ID.slice(0, 8)}-${WIDE_MLFLOW_ID.slice(8, 12)}-${WIDE_MLFLOW_ID.slice(12, 16)}-${WIDE_MLFLOW_ID.slice(16, 20)}-${WIDE_MLFLOW_ID.slice(20)}`;
/** The run that wrote the wide run's inputs (it read groot's raw data). */
export const PRODUCER_RUN_ID = 'a1de5e7f-0000-4000-8000-00000000beef';

const GROOT = path.resolve(process.cwd(), '..', 'shared', 'data', 'groot-a');
// An hour after groot's pass, so the runs' event windows (±60 s in Marquez lookups) stay apart.
const START_MS = Date.parse('2026-11-26T07:16:00.000Z');

type Json = Record<string, unknown>;
const clone = <T>(value: T): T => structuredClone(value);
const names = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `wide/${prefix}_${String(i).padStart(2, '0')}`);

function grootEvents(): Json[] {
  return readFileSync(path.join(GROOT, 'openlineage', 'events.ndjson'), 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Json);
}

/** One event of `template` (START or COMPLETE), moved to a new run, job, time and datasets. */
function eventFrom(template: Json, o: { runId: string; job: string; at: number; inputs: string[]; outputs: string[]; version: (name: string) => string }): Json {
  const event = clone(template);
  const run = event.run as { runId: string; facets: Json };
  run.runId = o.runId;
  // Only the uuid rule links these runs: the facets naming groot's MLflow runs and parent go.
  for (const facet of ['mlflow', 'tags', 'parent']) delete run.facets[facet];
  (event.job as Json).name = o.job;
  event.eventTime = new Date(o.at).toISOString();
  const shape = (list: unknown, wanted: string[]) => {
    const first = (list as Json[])[0] ?? { namespace: 's3://bucket', facets: {} };
    return wanted.map((name) => {
      const d = clone(first);
      d.name = name;
      const facets = (d.facets ?? {}) as Json;
      facets.version = { ...(facets.version as Json | undefined), datasetVersion: o.version(name) };
      d.facets = facets;
      return d;
    });
  };
  event.inputs = shape(event.inputs, o.inputs);
  // A START of the template has no outputs: borrow the COMPLETE's output shape from the inputs.
  event.outputs = shape((event.outputs as Json[]).length > 0 ? event.outputs : event.inputs, o.outputs);
  return event;
}

/** groot-a's events plus a producer of the 12 inputs (it reads groot's raw data) and the wide run. */
export function wideRunEvents(): Json[] {
  const events = grootEvents();
  const stage = (job: string, type: string) => events.find((e) => (e.job as Json).name === job && e.eventType === type)!;
  const version = (name: string) => `v-${name.slice(-2)}-1`;
  const inputs = names('input', WIDE_INPUTS);
  const producer = { runId: PRODUCER_RUN_ID, job: 'wide.prepare', inputs: ['groot/raw/multimodal'], version };
  const wide = { runId: WIDE_RUN_ID, job: 'wide.train', inputs, version };
  return [
    ...events,
    eventFrom(stage('groot-data-etl.data-loading', 'START'), { ...producer, at: START_MS, outputs: [] }),
    eventFrom(stage('groot-data-etl.data-loading', 'COMPLETE'), { ...producer, at: START_MS + 2_000, outputs: inputs }),
    eventFrom(stage('groot-data-etl.deduplication', 'START'), { ...wide, at: START_MS + 3_000, outputs: [] }),
    eventFrom(stage('groot-data-etl.deduplication', 'COMPLETE'), { ...wide, at: START_MS + 9_000, outputs: names('output', WIDE_OUTPUTS) }),
  ];
}

export const wideMetricKey = (i: number) => `metric_${String(i).padStart(2, '0')}`;

/**
 * Writes groot-a's MLflow recordings plus the wide run (runs/search, runs/get and one get-history per
 * metric) into `dir`, for `startMlflowStub({ recordings: dir })`.
 */
export function writeWideRunRecordings(dir: string): string {
  const rest = path.join(GROOT, 'mlflow-server', 'rest');
  cpSync(rest, dir, { recursive: true });
  const recorded = JSON.parse(readFileSync(path.join(rest, 'runs-get', 'deduplication.json'), 'utf8')) as { run: Json };
  const run = clone(recorded.run) as { info: Json; data: { metrics: Json[]; tags: Array<{ key: string; value: string }> }; inputs: Json };
  const ended = START_MS + 9_000;
  Object.assign(run.info, { run_uuid: WIDE_MLFLOW_ID, run_id: WIDE_MLFLOW_ID, run_name: 'wide.train', start_time: START_MS + 3_000, end_time: ended });
  const keys = Array.from({ length: WIDE_METRICS }, (_, i) => wideMetricKey(i));
  const history = (key: string, k: number) => Array.from({ length: WIDE_STEPS }, (_, step) => ({ key, value: Math.round(1000 * (k + Math.sin(step / 7))) / 1000, timestamp: START_MS + 3_000 + step * 50, step }));
  run.data.metrics = keys.map((key, k) => history(key, k).at(-1)!);
  const moved: Record<string, string> = { 'openlineage.run_id': WIDE_RUN_ID, 'openlineage.job': 'wide.train', 'mlflow.runName': 'wide.train' };
  run.data.tags = run.data.tags.filter((t) => !['mlflow.parentRunId', 'openlineage.parent_run_id'].includes(t.key)).map((t) => ({ ...t, value: moved[t.key] ?? t.value }));
  run.inputs = {};

  const searchFile = path.join(dir, 'runs-search.json');
  const search = JSON.parse(readFileSync(searchFile, 'utf8')) as { runs: Json[] };
  search.runs.push(run);
  writeFileSync(searchFile, JSON.stringify(search));
  mkdirSync(path.join(dir, 'runs-get'), { recursive: true });
  mkdirSync(path.join(dir, 'metrics-get-history', 'wide'), { recursive: true });
  writeFileSync(path.join(dir, 'runs-get', 'wide.json'), JSON.stringify({ run }));
  const lines = [`runs-get/wide.json\tGET\t/api/2.0/mlflow/runs/get?run_id=${WIDE_MLFLOW_ID}\t200`];
  keys.forEach((key, k) => {
    const file = `metrics-get-history/wide/${key}.json`;
    writeFileSync(path.join(dir, file), JSON.stringify({ metrics: history(key, k) }));
    lines.push(`${file}\tGET\t/api/2.0/mlflow/metrics/get-history?run_id=${WIDE_MLFLOW_ID}&metric_key=${key}\t200`);
  });
  appendFileSync(path.join(dir, '_status.tsv'), `\n${lines.join('\n')}\n`);
  return dir;
}
