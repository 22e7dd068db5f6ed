import { isObject, mergeFacets, objectAt, stringAt } from './facets';
import { upsertLineageDataset, upsertNamespace, type EventDataset } from './ingest-dataset';
import { parseInstant, type Instant } from './instant';
import { keyOf, type JobRow, type JsonObject, type MarquezState, type RunRow, type RunState, type StoredEvent } from './state';
import { nameUuid, parseJavaUuid, runUuidFor, toNameBasedUuid } from './uuid';

export function emptyState(): MarquezState {
  return { namespaces: new Map(), jobs: new Map(), runs: new Map(), datasets: new Map(), versionsByUuid: new Map(), events: [] };
}

function datasets(value: unknown): EventDataset[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isObject).flatMap((d) =>
    typeof d.namespace === 'string' && typeof d.name === 'string' ? [{ namespace: d.namespace, name: d.name, facets: d.facets, io: d }] : [],
  );
}

/** OpenLineageDao.getRunState: unknown types (OTHER) count as RUNNING. */
function runStateFor(eventType: string): RunState {
  switch (eventType.toLowerCase()) {
    case 'complete': return 'COMPLETED';
    case 'abort': return 'ABORTED';
    case 'fail': return 'FAILED';
    default: return 'RUNNING';
  }
}

const isDone = (state: RunState): boolean => state === 'COMPLETED' || state === 'FAILED' || state === 'ABORTED';

function upsertJob(state: MarquezState, namespace: string, name: string, simpleName: string, parentJobKey: string | null, at: Instant): JobRow {
  const key = keyOf(namespace, name);
  let job = state.jobs.get(key);
  if (job === undefined) {
    job = {
      key, namespace, name, simpleName, parentJobKey, createdAt: at, updatedAt: at, description: null, location: null,
      facets: {}, currentVersion: null, versions: [], runUuids: [],
    };
    state.jobs.set(key, job);
  } else job.updatedAt = at;
  return job;
}

function newRun(uuid: string, jobKey: string, parentRunUuid: string | null, at: Instant): RunRow {
  return {
    uuid, jobKey, parentRunUuid, createdAt: at, updatedAt: at, touched: 0, nominalStartTime: null, nominalEndTime: null, state: 'NEW',
    transitionedAt: null, startedAt: null, endedAt: null, args: {}, context: {}, runFacets: {}, jobFacets: {},
    inputs: new Map(), outputs: new Map(), jobVersion: null,
  };
}

function setState(run: RunRow, next: RunState, at: Instant): void {
  // RunDao.upsert overwrites the state with every event, in arrival order: a START that arrives
  // after the COMPLETE makes a finished run RUNNING again.
  run.state = next;
  run.transitionedAt = at;
}

function setVersion(job: JobRow, version: string, at: Instant, inputs: string[], outputs: string[]): void {
  const row = job.versions.find((v) => v.version === version) ?? { version, createdAt: at, inputs, outputs };
  if (!job.versions.includes(row)) job.versions.push(row);
  job.currentVersion = row;
}

/**
 * The parent run facet (OpenLineageDao): a parent run not seen yet gets a placeholder job, named
 * by Utils.parseParentJobName (up to the last '.'), in the CHILD's namespace, and a placeholder run.
 */
function parentJobFor(state: MarquezState, parent: JsonObject, namespace: string, eventType: string | null, at: Instant): { job: JobRow; runUuid: string } | null {
  const runId = stringAt(parent, 'run', 'runId');
  const jobName = stringAt(parent, 'job', 'name');
  if (runId === null || jobName === null) return null;
  const dagName = jobName.includes('.') ? jobName.slice(0, jobName.lastIndexOf('.')) : jobName;
  // Utils.findParentRunUuid: a non-UUID parent id is hashed with the dag name, unlike the run's own id.
  const runUuid = parseJavaUuid(runId) ?? toNameBasedUuid(dagName, runId);
  const existing = state.runs.get(runUuid);
  const existingJob = existing === undefined ? undefined : state.jobs.get(existing.jobKey);
  if (existingJob !== undefined) return { job: existingJob, runUuid };
  const job = upsertJob(state, namespace, dagName, dagName, null, at);
  const run = newRun(runUuid, job.key, null, at);
  if (eventType !== null) setState(run, runStateFor(eventType), at);
  state.runs.set(runUuid, run);
  job.runUuids.push(runUuid);
  return { job, runUuid };
}

function jobContext(jobFacets: unknown): Record<string, string> {
  const context: Record<string, string> = {};
  const type = stringAt(jobFacets, 'sourceCodeLocation', 'type');
  const url = stringAt(jobFacets, 'sourceCodeLocation', 'url');
  const sql = stringAt(jobFacets, 'sql', 'query');
  if (type !== null) context['job.facets.sourceCodeLocation.type'] = type;
  if (url !== null) context['job.facets.sourceCodeLocation.url'] = url;
  if (sql !== null) context.sql = sql;
  return context;
}

function runArgs(runFacets: unknown): Record<string, string> {
  const args: Record<string, string> = {};
  const start = stringAt(runFacets, 'nominalTime', 'nominalStartTime');
  const end = stringAt(runFacets, 'nominalTime', 'nominalEndTime');
  if (start !== null) args.nominal_start_time = start;
  if (end !== null) args.nominal_end_time = end;
  const parent = objectAt(runFacets, 'parent');
  for (const [arg, path] of [['run_id', ['run', 'runId']], ['name', ['job', 'name']], ['namespace', ['job', 'namespace']]] as const) {
    const value = parent === null ? null : stringAt(parent, ...path);
    if (value !== null) args[arg] = value;
  }
  return args;
}

function instantAt(value: unknown, ...path: string[]): Instant | null {
  const raw = stringAt(value, ...path);
  return raw === null ? null : parseInstant(raw);
}

/** JobVersionDao.upsertJobVersionOnRunTransition: only a finished run gives its job a (new) version. */
function finishRun(state: MarquezState, job: JobRow, run: RunRow, at: Instant): void {
  const keysOf = (io: Map<string, { versionUuid: string }>): string[] =>
    [...new Set([...io.values()].flatMap((v) => state.versionsByUuid.get(v.versionUuid)?.datasetKey ?? []))].sort();
  const inputs = keysOf(run.inputs);
  const outputs = keysOf(run.outputs);
  const context = Object.entries(run.context).map(([k, v]) => `${k}=${v}`).join(',');
  const version = nameUuid([job.namespace, job.name, inputs.join(':'), outputs.join(':'), job.location ?? '', context].join(':'));
  setVersion(job, version, at, inputs, outputs);
  run.jobVersion = version;
  if (run.state !== 'COMPLETED') return;
  for (const io of run.outputs.values()) {
    const dataset = state.datasets.get(state.versionsByUuid.get(io.versionUuid)?.datasetKey ?? '');
    if (dataset !== undefined) dataset.lastModifiedAt = at;
  }
}

function ingestRunEvent(state: MarquezState, event: JsonObject, at: Instant, index: number): void {
  const eventType = typeof event.eventType === 'string' ? event.eventType : null;
  const runFacets = objectAt(event, 'run', 'facets');
  const jobFacets = objectAt(event, 'job', 'facets');
  const namespace = upsertNamespace(state, stringAt(event, 'job', 'namespace') ?? '', at);
  const eventJobName = stringAt(event, 'job', 'name') ?? '';
  const parentFacet = objectAt(runFacets, 'parent');
  const parent = parentFacet === null ? null : parentJobFor(state, parentFacet, namespace, eventType, at);
  // A child's stored name is "<parent name>.<simple name>"; a prefix already present is not doubled.
  const prefix = parent === null ? null : `${parent.job.name}.`;
  const simpleName = prefix !== null && eventJobName.startsWith(prefix) ? eventJobName.slice(prefix.length) : eventJobName;
  const name = parent === null ? eventJobName : `${parent.job.name}.${simpleName}`;
  const job = upsertJob(state, namespace, name, simpleName, parent?.job.key ?? null, at);
  job.description = stringAt(jobFacets, 'documentation', 'description') ?? job.description;
  job.location = stringAt(jobFacets, 'sourceCodeLocation', 'url') ?? job.location;
  mergeFacets(job.facets, jobFacets);

  const runUuid = runUuidFor(stringAt(event, 'run', 'runId') ?? '');
  let run = state.runs.get(runUuid);
  if (run === undefined) {
    run = newRun(runUuid, job.key, parent?.runUuid ?? null, at);
    state.runs.set(runUuid, run);
    job.runUuids.push(runUuid);
  }
  run.updatedAt = at;
  run.touched = index;
  run.nominalStartTime = instantAt(runFacets, 'nominalTime', 'nominalStartTime') ?? run.nominalStartTime;
  run.nominalEndTime = instantAt(runFacets, 'nominalTime', 'nominalEndTime') ?? run.nominalEndTime;
  Object.assign(run.args, runArgs(runFacets));
  Object.assign(run.context, jobContext(jobFacets));
  mergeFacets(run.runFacets, runFacets);
  mergeFacets(run.jobFacets, jobFacets);

  const runState = eventType === null ? null : runStateFor(eventType);
  if (runState !== null) {
    setState(run, runState, at);
    // updateStartState only fills an empty started_at; updateEndState always overwrites.
    if (isDone(runState)) run.endedAt = at;
    else if (run.startedAt === null) run.startedAt = at;
  }
  for (const [list, isInput] of [[event.inputs, true], [event.outputs, false]] as const) {
    for (const ds of datasets(list)) {
      const version = upsertLineageDataset(state, ds, at, runUuid, isInput);
      const io = isInput ? run.inputs : run.outputs;
      const entry = io.get(version.uuid) ?? { versionUuid: version.uuid, facets: {} };
      mergeFacets(entry.facets, isObject(ds.io) ? ds.io[isInput ? 'inputFacets' : 'outputFacets'] : undefined);
      io.set(version.uuid, entry);
    }
  }
  if (runState !== null && isDone(runState)) finishRun(state, job, run, at);
}

/** A JobEvent declares static lineage: the job's version lists its inputs and outputs, with no run. */
function ingestJobEvent(state: MarquezState, event: JsonObject, at: Instant): void {
  const namespace = upsertNamespace(state, stringAt(event, 'job', 'namespace') ?? '', at);
  const name = stringAt(event, 'job', 'name') ?? '';
  const job = upsertJob(state, namespace, name, name, null, at);
  const jobFacets = objectAt(event, 'job', 'facets');
  job.description = stringAt(jobFacets, 'documentation', 'description') ?? job.description;
  job.location = stringAt(jobFacets, 'sourceCodeLocation', 'url') ?? job.location;
  mergeFacets(job.facets, jobFacets);
  const keys = (list: unknown, isInput: boolean): string[] =>
    datasets(list).map((ds) => state.versionsByUuid.get(upsertLineageDataset(state, ds, at, null, isInput).uuid)?.datasetKey ?? '').sort();
  const inputs = keys(event.inputs, true);
  const outputs = keys(event.outputs, false);
  setVersion(job, nameUuid([namespace, name, inputs.join(':'), outputs.join(':')].join(':')), at, inputs, outputs);
}

/**
 * Loads events in the order Marquez received them. An event Marquez would refuse (no eventTime, or
 * neither run, job nor dataset) is skipped; every accepted one is kept raw for /events/lineage.
 */
export function ingest(events: readonly unknown[]): MarquezState {
  return ingestMore(emptyState(), events);
}

/** Events received later (a live server): ingested after the ones already held, in the order given. */
export function ingestMore(state: MarquezState, events: readonly unknown[]): MarquezState {
  const first = (state.events.at(-1)?.index ?? -1) + 1;
  events.forEach((event, i) => {
    const index = first + i;
    if (!isObject(event) || typeof event.eventTime !== 'string') return;
    const at = parseInstant(event.eventTime);
    if (at === null) return;
    let kind: StoredEvent['kind'];
    if (isObject(event.run) && isObject(event.job)) {
      ingestRunEvent(state, event, at, index);
      kind = 'RUN_EVENT';
    } else if (isObject(event.job)) {
      ingestJobEvent(state, event, at);
      kind = 'JOB_EVENT';
    } else if (isObject(event.dataset)) {
      const ds = event.dataset;
      if (typeof ds.namespace !== 'string' || typeof ds.name !== 'string') return;
      upsertLineageDataset(state, { namespace: ds.namespace, name: ds.name, facets: ds.facets }, at, null, true);
      kind = 'DATASET_EVENT';
    } else return;
    state.events.push({ time: at.ms, index, kind, event });
  });
  return state;
}
