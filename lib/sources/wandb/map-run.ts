import 'server-only';
import { WANDB_SOURCE_ID, WANDB_TAGS_KEY, type ExperimentDataset, type ExperimentRun, type ExperimentRunStatus, type MetricPoint, type SourceProblem } from '@/lib/model';
import { parseJsonObject } from './json';
import type { WireRun } from './schemas';
import { redactJson } from '@/lib/security/redact-json';

export interface ProjectPath {
  entity: string;
  project: string;
}

export const projectPath = (p: ProjectPath): string => `${p.entity}/${p.project}`;

/** Config keys W&B adds for itself (its own bookkeeping), not the user's params. */
const INTERNAL_CONFIG_KEYS = new Set(['_wandb', 'wandb_version']);

const STATES: Record<string, ExperimentRunStatus> = {
  running: 'RUNNING',
  finished: 'FINISHED',
  failed: 'FAILED',
  // The process died without telling W&B (killed, out of memory, lost heartbeat): MLflow calls that KILLED.
  crashed: 'KILLED',
  preempted: 'KILLED',
  preempting: 'RUNNING',
  pending: 'SCHEDULED',
};

/** W&B writes createdAt/heartbeatAt in UTC without a zone designator (2026-11-20T02:00:00). */
export function wandbTime(text: string | null | undefined): number | null {
  if (!text) return null;
  const zoned = /(?:Z|[+-]\d\d:?\d\d)$/i.test(text) ? text : `${text}Z`;
  const ms = Date.parse(zoned);
  return Number.isNaN(ms) ? null : ms;
}

function paramText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return 'None';
  return JSON.stringify(value);
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Nested config dicts become dotted keys, as the W&B UI shows them (optimizer.lr). */
function flattenInto(out: Record<string, string>, prefix: string, value: unknown): void {
  if (isPlainObject(value) && Object.keys(value).length > 0) {
    for (const [key, inner] of Object.entries(value)) flattenInto(out, `${prefix}.${key}`, inner);
  } else {
    out[prefix] = paramText(value);
  }
}

/** config is a JSON string of `{key: {value, desc}}`; the params are the values. */
export function mapConfig(config: Record<string, unknown> | null): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, entry] of Object.entries(config ?? {})) {
    if (INTERNAL_CONFIG_KEYS.has(key)) continue;
    flattenInto(params, key, isPlainObject(entry) && 'value' in entry ? entry.value : entry);
  }
  return params;
}

/** Numeric leaves of the summary (dotted for nested dicts); media and tables (`_type`) and W&B's own `_` keys are not metrics. */
function summaryNumbers(out: Map<string, number>, prefix: string, value: Record<string, unknown>): void {
  for (const [key, inner] of Object.entries(value)) {
    if (key.startsWith('_')) continue;
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof inner === 'number') out.set(path, inner);
    else if (isPlainObject(inner) && !('_type' in inner)) summaryNumbers(out, path, inner);
  }
}

/**
 * summaryMetrics is a JSON string of the latest values; NaN and ±Infinity arrive as bare tokens and stay.
 * With `historyKeys`, a key the history lacks was only written to the summary: step 0, so no chart is offered.
 */
export function mapSummary(summary: Record<string, unknown> | null, startTime: number | null, historyKeys?: WireRun['historyKeys']): Record<string, MetricPoint> {
  if (summary === null) return {};
  const summaryStep = typeof summary._step === 'number' && Number.isFinite(summary._step) ? summary._step : 0;
  const lastStep = historyKeys?.lastStep ?? summaryStep;
  const inHistory = historyKeys?.keys ? new Set(Object.keys(historyKeys.keys)) : null;
  const timestamp = typeof summary._timestamp === 'number' && Number.isFinite(summary._timestamp) ? Math.round(summary._timestamp * 1000) : (startTime ?? 0);
  const numbers = new Map<string, number>();
  summaryNumbers(numbers, '', summary);
  return Object.fromEntries([...numbers].map(([key, value]) => [key, { step: inHistory === null || inHistory.has(key) ? lastStep : 0, timestamp, value }]));
}

function runTags(wire: WireRun): Record<string, string> {
  const tags: Record<string, string> = {};
  if (wire.tags && wire.tags.length > 0) tags[WANDB_TAGS_KEY] = JSON.stringify(wire.tags);
  if (wire.group) tags['wandb.group'] = wire.group;
  if (wire.jobType) tags['wandb.jobType'] = wire.jobType;
  if (wire.commit) tags['wandb.commit'] = wire.commit;
  return tags;
}

/** One W&B run as an ExperimentRun: runId is the 8-character id, the experiment is entity/project. */
export function mapRun(wire: WireRun, project: ProjectPath, datasets: ExperimentDataset[], report: (p: SourceProblem) => void): ExperimentRun {
  const path = `${projectPath(project)}/${wire.name}`;
  const config = parseJsonObject(wire.config);
  if (config.error) report({ where: path, message: `config ${config.error}; params are not shown` });
  const summary = parseJsonObject(wire.summaryMetrics);
  if (summary.error) report({ where: path, message: `summaryMetrics ${summary.error}; metrics are not shown` });
  const state = (wire.state ?? '').toLowerCase();
  const status = STATES[state];
  if (status === undefined) report({ where: path, message: `unknown run state "${wire.state ?? ''}"; shown as finished` });
  const startTime = wandbTime(wire.createdAt);
  const running = status === 'RUNNING' || status === 'SCHEDULED';
  return {
    source: WANDB_SOURCE_ID,
    runId: wire.name,
    experimentId: projectPath(project),
    experimentName: projectPath(project),
    runName: wire.displayName ?? null,
    status: status ?? 'FINISHED',
    startTime,
    // The last heartbeat of a run that stopped is when it stopped.
    endTime: running ? null : wandbTime(wire.heartbeatAt),
    deleted: false,
    userId: wire.user?.username ?? null,
    artifactUri: null,
    params: redactJson(mapConfig(config.value)),
    tags: runTags(wire),
    metrics: mapSummary(summary.value, startTime, wire.historyKeys),
    datasets,
  };
}
