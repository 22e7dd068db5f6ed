import 'server-only';
import path from 'node:path';
import type { ExperimentRun, MetricPoint, SourceProblem } from '@/lib/model';
import { asNonEmptyString } from '../shared/coerce';
import { isMoreRecent } from '../shared/metric-values';
import { getEntry, putEntry } from '../shared/records';
import { toRunStatus } from '../shared/run-status';
import { listEntries, listKeyFiles, readKeyValueTree, stampOf, StampLog } from './fs-read';
import { inputMetaSchema, readMeta, runMetaSchema } from './meta-schemas';
import { visitMetricFileSync } from './metric-file-read';
import { redactJson } from '@/lib/security/redact-json';

export interface RunInput {
  datasetId: string;
  context: string | null;
  where: string;
}

export interface RunEntry {
  dir: string;
  runId: string;
  /** See runStamp: equal stamps mean the folder is unchanged since it was read. */
  stamp: string;
  /** Null when meta.yaml is missing or malformed (see problems); experimentName and datasets are filled later. */
  run: ExperimentRun | null;
  inputs: RunInput[];
  /** Metric key → file, for metricHistory. */
  metricFiles: Map<string, string>;
  /** Files and nested folders whose edits do not touch a top folder's mtime; watched while the run is active. */
  watchPaths: string[];
  problems: SourceProblem[];
}

const TOP_PATHS = ['', 'meta.yaml', 'metrics', 'params', 'tags', 'inputs'];

const isActive = (run: ExperimentRun | null): boolean => run?.status === 'RUNNING' || run?.status === 'SCHEDULED';

/** Stamp of the run folder, its meta.yaml and its top folders: new keys change a folder, meta.yaml is rewritten. */
export function topStamp(dir: string): string {
  // User data at a configured path: not part of the build, so the bundler must not trace it.
  return stampOf(TOP_PATHS.map((p) => path.join(/*turbopackIgnore: true*/ dir, p)));
}

/**
 * Appending to a metric file (or overwriting a tag) changes only that file, so the files of a run that was
 * active when last read are stamped too; a finished run is checked through its top stamp alone.
 */
export function runStamp(top: string, previous: RunEntry): string {
  return isActive(previous.run) ? `${top}#${stampOf(previous.watchPaths)}` : top;
}

/** Finished runs rarely change, so a scan may check only some of them (see FileStoreScanner). */
export function isSettled(entry: RunEntry): boolean {
  return entry.problems.length === 0 && entry.run !== null && !isActive(entry.run);
}

function readMetrics(dir: string, run: ExperimentRun, entry: RunEntry, log: StampLog): void {
  entry.metricFiles = listKeyFiles(path.join(/*turbopackIgnore: true*/ dir, 'metrics'), log.visit);
  for (const [key, file] of entry.metricFiles) {
    log.visit(file);
    // Streamed: only the latest point is kept, so a metric logged millions of times is never held in memory.
    let latest: MetricPoint | null = null;
    const skipped = visitMetricFileSync(file, {
      point: (p) => {
        if (latest === null || isMoreRecent(p, latest)) latest = p;
        return true;
      },
      problem: (p) => entry.problems.push({ where: file, line: p.line, message: `${p.message}; line skipped` }),
    });
    if (skipped !== null) entry.problems.push({ where: file, message: skipped });
    if (latest) putEntry(run.metrics, key, latest);
  }
}

function readInputs(dir: string, entry: RunEntry): void {
  for (const folder of listEntries(path.join(/*turbopackIgnore: true*/ dir, 'inputs'))) {
    if (!folder.isDirectory()) continue;
    const where = path.join(/*turbopackIgnore: true*/ dir, 'inputs', folder.name, 'meta.yaml');
    const meta = readMeta(where, inputMetaSchema);
    if (!meta.ok) {
      entry.problems.push({ where, message: `${meta.message}; input skipped` });
      continue;
    }
    if (meta.value.source_type !== 'DATASET') continue;
    const context = meta.value.tags?.['mlflow.data.context'];
    const datasetId = meta.value.source_id;
    entry.inputs.push({ datasetId, context: typeof context === 'string' ? context : null, where });
  }
}

/** An entry with no run yet; the run id is the folder name, as MLflow resolves it. */
export function emptyRunEntry(dir: string, stamp = ''): RunEntry {
  return {
    dir,
    runId: path.basename(dir),
    stamp,
    run: null,
    inputs: [],
    metricFiles: new Map(),
    watchPaths: [],
    problems: [],
  };
}

/** Reads one run folder. `top` is its topStamp, taken before reading. */
export function readRun(dir: string, experimentId: string, top: string, source: string): RunEntry {
  const entry = emptyRunEntry(dir, top);
  const runId = entry.runId;
  const where = path.join(/*turbopackIgnore: true*/ dir, 'meta.yaml');
  const meta = readMeta(where, runMetaSchema);
  if (!meta.ok) {
    entry.problems.push({ where, message: `${meta.message}; run skipped` });
    return entry;
  }
  const status = toRunStatus(meta.value.status);
  if (status === null) {
    entry.problems.push({ where, message: `unknown status ${JSON.stringify(meta.value.status)}; run skipped` });
    return entry;
  }
  const log = new StampLog();
  // Under the one redaction rule (lib/security/redact-json.ts), as every source's params and tags.
  const params = redactJson(readKeyValueTree(path.join(/*turbopackIgnore: true*/ dir, 'params'), log.visit));
  const tags = redactJson(readKeyValueTree(path.join(/*turbopackIgnore: true*/ dir, 'tags'), log.visit));
  const run: ExperimentRun = {
    source,
    runId,
    experimentId,
    experimentName: null,
    runName: asNonEmptyString(meta.value.run_name) ?? getEntry(tags, 'mlflow.runName') ?? null,
    status,
    startTime: meta.value.start_time ?? null,
    endTime: meta.value.end_time ?? null,
    deleted: meta.value.lifecycle_stage === 'deleted',
    userId: asNonEmptyString(meta.value.user_id),
    artifactUri: asNonEmptyString(meta.value.artifact_uri),
    params,
    tags,
    metrics: {},
    datasets: [],
  };
  readMetrics(dir, run, entry, log);
  readInputs(dir, entry);
  entry.run = run;
  entry.watchPaths = log.paths;
  if (isActive(run)) entry.stamp = `${top}#${log.stamp}`;
  return entry;
}
