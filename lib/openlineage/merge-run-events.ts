import { refKey, type Facets, type JobRef, type LineageRun, type LineageRunState, type RunDataset, type SourceProblem } from '@/lib/model';
import { contentOf, eventTypeOf, sortEvents } from './event-order';
import { datasetVersionOf, errorMessageOf, inputStatisticsOf, lifecycleChangeOf, outputStatisticsOf, parentOf } from './facets';
import { EMPTY_FACETS, mergeFacets, type RefusedFacet } from './merge-facets';
import type { LoadedEvent } from './parse-text';
import type { RunEventWire, WireDataset } from './schema';
import { ITEMS_PER_STEP, mapInSteps, runSteps, type Steps } from './steps';

const STATE_OF = new Map<string, LineageRunState>([
  ['START', 'RUNNING'],
  ['RUNNING', 'RUNNING'],
  ['COMPLETE', 'COMPLETED'],
  ['FAIL', 'FAILED'],
  ['ABORT', 'ABORTED'],
]);
const TERMINAL = new Set(['COMPLETE', 'FAIL', 'ABORT']);

/** When a run reported a dataset: outputs prefer the terminal event, otherwise the newest report counts. */
export interface Reported {
  at: string;
  time: number;
}

/** A merged run plus the parsed times the dataset and job builders order by. */
export interface BuiltRun {
  run: LineageRun;
  startTime: number;
  updatedTime: number;
  /** By refKey of the dataset. */
  inputTimes: Map<string, Reported>;
  outputTimes: Map<string, Reported>;
}

export interface MergedRun {
  built: BuiltRun;
  /** Facets refused for failing their schema, and different events sharing runId, eventType and eventTime. */
  problems: SourceProblem[];
}

interface DatasetAcc extends Reported {
  namespace: string;
  name: string;
  facets: Facets;
  ioFacets: Facets;
  terminal: boolean;
}

interface RunAcc {
  job: JobRef;
  state: LineageRunState;
  startedAt: string;
  startTime: number;
  sawStart: boolean;
  endedAt: string | null;
  updatedAt: string;
  updatedTime: number;
  facets: Facets;
  inputs: Map<string, DatasetAcc>;
  outputs: Map<string, DatasetAcc>;
}

type Refuse = (what: string, loaded: LoadedEvent) => (r: RefusedFacet) => void;

function* foldDatasets(into: Map<string, DatasetAcc>, list: WireDataset[] | null | undefined, loaded: LoadedEvent, terminal: boolean, output: boolean, refuse: Refuse): Steps<void> {
  let folded = 0;
  for (const d of list ?? []) {
    if (++folded % ITEMS_PER_STEP === 0) yield;
    const key = refKey(d);
    const io = output ? d.outputFacets : d.inputFacets;
    const acc = into.get(key);
    if (acc === undefined) {
      into.set(key, { namespace: d.namespace, name: d.name, facets: d.facets ?? EMPTY_FACETS, ioFacets: io ?? EMPTY_FACETS, at: loaded.eventTime, time: loaded.time, terminal });
      continue;
    }
    const what = `${output ? 'output' : 'input'} ${d.namespace} ${d.name}`;
    acc.facets = mergeFacets(acc.facets, d.facets, 'dataset', refuse(what, loaded));
    acc.ioFacets = mergeFacets(acc.ioFacets, io, output ? 'output' : 'input', refuse(what, loaded));
    if (!output || terminal || !acc.terminal) Object.assign(acc, { at: loaded.eventTime, time: loaded.time, terminal: acc.terminal || terminal });
  }
}

function* foldEvent(acc: RunAcc, e: RunEventWire, loaded: LoadedEvent, refuse: Refuse): Steps<void> {
  const type = eventTypeOf(loaded);
  if (type === 'START' && !acc.sawStart) Object.assign(acc, { startedAt: loaded.eventTime, startTime: loaded.time, sawStart: true });
  const terminal = TERMINAL.has(type);
  if (terminal) acc.endedAt = loaded.eventTime;
  acc.state = STATE_OF.get(type) ?? acc.state;
  acc.job = e.job;
  acc.updatedAt = loaded.eventTime;
  acc.updatedTime = loaded.time;
  acc.facets = mergeFacets(acc.facets, e.run.facets, 'run', refuse('run', loaded));
  yield* foldDatasets(acc.inputs, e.inputs, loaded, terminal, false, refuse);
  yield* foldDatasets(acc.outputs, e.outputs, loaded, terminal, true, refuse);
}

function toRunDataset(d: DatasetAcc, output: boolean): RunDataset {
  const stats = output ? outputStatisticsOf(d.facets, d.ioFacets) : inputStatisticsOf(d.facets, d.ioFacets);
  return {
    namespace: d.namespace, name: d.name, version: datasetVersionOf(d.facets), facets: d.facets, ioFacets: d.ioFacets,
    rowCount: stats.rowCount, size: stats.size, producedByRunId: null, lifecycleChange: lifecycleChangeOf(d.facets),
  };
}

function* times(m: Map<string, DatasetAcc>): Steps<Map<string, Reported>> {
  return new Map(yield* mapInSteps(m, ([k, d]): [string, Reported] => [k, { at: d.at, time: d.time }]));
}

/** Different events at one instant with one type: merged, and said so (dbt repeats a test's START with other facets). */
function sameKeyProblems(runId: string, sorted: readonly LoadedEvent[]): SourceProblem[] {
  const groups = new Map<string, { type: string; at: string; count: number }>();
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1];
    const b = sorted[i];
    if (a === undefined || b === undefined || a.time !== b.time || eventTypeOf(a) !== eventTypeOf(b) || contentOf(a) === contentOf(b)) continue;
    const key = `${eventTypeOf(b)}\u0000${b.time}`;
    const group = groups.get(key) ?? { type: eventTypeOf(b), at: b.eventTime, count: 1 };
    group.count++;
    groups.set(key, group);
  }
  return [...groups.values()].map((g) => ({ where: `run ${runId}`, message: `${g.count} different ${g.type} events at ${g.at}: merged (facets by name, inputs and outputs unioned)` }));
}

/**
 * Merges the events of one run, in any order and with repeats, as OpenLineage consumers do: run,
 * dataset and input/output facets merged by name (newest wins, but a facet failing its schema never
 * replaces a valid one), inputs and outputs unioned, identical events counted once. Pure: the same
 * events give the same run whatever order they arrive in. Inputs' producedByRunId is left null.
 * Yields every ITEMS_PER_STEP datasets (see steps.ts).
 */
export function* mergeRunEventsSteps(events: readonly LoadedEvent[], source: string): Steps<MergedRun | null> {
  const sorted = sortEvents(events.filter((e) => e.wire.kind === 'run'));
  const first = sorted[0];
  if (first === undefined || first.wire.kind !== 'run') return null;
  const runId = first.wire.event.run.runId;
  const problems = sameKeyProblems(runId, sorted);
  const refuse: Refuse = (what, loaded) => (r) => {
    problems.push({ where: `run ${runId}`, message: `${eventTypeOf(loaded)} event at ${loaded.eventTime}: ${what} facet "${r.name}" fails its schema (${r.reason}); the earlier valid one is kept` });
  };
  const acc: RunAcc = {
    job: first.wire.event.job, state: 'NEW', startedAt: first.eventTime, startTime: first.time, sawStart: false, endedAt: null,
    updatedAt: first.eventTime, updatedTime: first.time, facets: EMPTY_FACETS, inputs: new Map(), outputs: new Map(),
  };
  for (const loaded of sorted) if (loaded.wire.kind === 'run') yield* foldEvent(acc, loaded.wire.event, loaded, refuse);
  const run: LineageRun = {
    source, runId, job: { namespace: acc.job.namespace, name: acc.job.name }, state: acc.state,
    startedAt: acc.startedAt, endedAt: acc.endedAt, updatedAt: acc.updatedAt, parent: parentOf(acc.facets),
    facets: acc.facets, inputs: yield* mapInSteps(acc.inputs.values(), (d) => toRunDataset(d, false)),
    outputs: yield* mapInSteps(acc.outputs.values(), (d) => toRunDataset(d, true)), errorMessage: errorMessageOf(acc.facets),
  };
  const built: BuiltRun = { run, startTime: acc.startTime, updatedTime: acc.updatedTime, inputTimes: yield* times(acc.inputs), outputTimes: yield* times(acc.outputs) };
  return { built, problems };
}

/** mergeRunEventsSteps run to the end at once. */
export const mergeRunEvents = (events: readonly LoadedEvent[], source: string): MergedRun | null => runSteps(mergeRunEventsSteps(events, source));
