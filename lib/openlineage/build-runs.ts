import { refKey, type Facets, type JobRef, type LineageRun, type LineageRunState, type RunDataset } from '@/lib/model';
import { datasetVersionOf, errorMessageOf, inputStatisticsOf, outputStatisticsOf, parentOf } from './facets';
import type { LoadedEvent } from './parse-text';
import type { RunEventWire, WireDataset } from './schema';

const STATE_OF = new Map<string, LineageRunState>([
  ['START', 'RUNNING'],
  ['RUNNING', 'RUNNING'],
  ['COMPLETE', 'COMPLETED'],
  ['FAIL', 'FAILED'],
  ['ABORT', 'ABORTED'],
]);
const TERMINAL = new Set(['COMPLETE', 'FAIL', 'ABORT']);
// Within one timestamp a START comes before a RUNNING, which comes before the run's end.
const RANK = new Map([['START', 0], ['RUNNING', 1], ['COMPLETE', 3], ['FAIL', 3], ['ABORT', 3]]);

export function eventTypeOf(event: LoadedEvent): string {
  return event.wire.kind === 'run' ? (event.wire.event.eventType ?? 'OTHER').toUpperCase() : 'OTHER';
}

/**
 * Oldest first; ties broken by lifecycle (START before COMPLETE), then by read order (stable sort).
 * The same RunEvent read twice (a folder and its JSON Lines twin both configured) counts once.
 */
export function sortEvents(events: readonly LoadedEvent[]): LoadedEvent[] {
  const seen = new Set<string>();
  const unique = events.filter((event) => {
    if (event.wire.kind !== 'run') return true;
    const key = `${event.wire.event.run.runId}\u0000${eventTypeOf(event)}\u0000${event.eventTime}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const keyed = unique.map((event) => ({ event, rank: RANK.get(eventTypeOf(event)) ?? 2 }));
  keyed.sort((a, b) => a.event.time - b.event.time || a.rank - b.rank);
  return keyed.map((k) => k.event);
}

/** When a run reported a dataset: outputs prefer the terminal event, otherwise the newest report counts. */
export interface Reported {
  at: string;
  time: number;
}

interface DatasetAcc extends Reported {
  namespace: string;
  name: string;
  facets: Facets;
  ioFacets: Facets;
  terminal: boolean;
}

interface RunAcc {
  runId: string;
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

/** A folded run plus the parsed times the dataset and job builders order by. */
export interface BuiltRun {
  run: LineageRun;
  startTime: number;
  updatedTime: number;
  /** By refKey of the dataset. */
  inputTimes: Map<string, Reported>;
  outputTimes: Map<string, Reported>;
}

const EMPTY: Facets = Object.freeze({});

// Newer facets replace older ones of the same name; wire objects are shared, never mutated.
function merge(older: Facets, newer: Facets | null | undefined): Facets {
  if (newer == null) return older;
  return older === EMPTY ? newer : { ...older, ...newer };
}

function foldDatasets(into: Map<string, DatasetAcc>, list: WireDataset[] | null | undefined, event: LoadedEvent, terminal: boolean, output: boolean): void {
  for (const d of list ?? []) {
    const key = refKey(d);
    const io = output ? d.outputFacets : d.inputFacets;
    const acc = into.get(key);
    if (acc === undefined) {
      into.set(key, { namespace: d.namespace, name: d.name, facets: d.facets ?? EMPTY, ioFacets: io ?? EMPTY, at: event.eventTime, time: event.time, terminal });
      continue;
    }
    acc.facets = merge(acc.facets, d.facets);
    acc.ioFacets = merge(acc.ioFacets, io);
    if (!output || terminal || !acc.terminal) Object.assign(acc, { at: event.eventTime, time: event.time, terminal: acc.terminal || terminal });
  }
}

function foldEvent(runs: Map<string, RunAcc>, e: RunEventWire, loaded: LoadedEvent): void {
  const type = eventTypeOf(loaded);
  let acc = runs.get(e.run.runId);
  if (acc === undefined) {
    acc = {
      runId: e.run.runId, job: e.job, state: 'NEW', startedAt: loaded.eventTime, startTime: loaded.time, sawStart: false,
      endedAt: null, updatedAt: loaded.eventTime, updatedTime: loaded.time, facets: EMPTY, inputs: new Map(), outputs: new Map(),
    };
    runs.set(e.run.runId, acc);
  }
  if (type === 'START' && !acc.sawStart) Object.assign(acc, { startedAt: loaded.eventTime, startTime: loaded.time, sawStart: true });
  const terminal = TERMINAL.has(type);
  if (terminal) acc.endedAt = loaded.eventTime;
  acc.state = STATE_OF.get(type) ?? acc.state;
  acc.job = e.job;
  acc.updatedAt = loaded.eventTime;
  acc.updatedTime = loaded.time;
  acc.facets = merge(acc.facets, e.run.facets);
  foldDatasets(acc.inputs, e.inputs, loaded, terminal, false);
  foldDatasets(acc.outputs, e.outputs, loaded, terminal, true);
}

function toRunDataset(d: DatasetAcc, output: boolean): RunDataset {
  const stats = output ? outputStatisticsOf(d.facets, d.ioFacets) : inputStatisticsOf(d.facets, d.ioFacets);
  return {
    namespace: d.namespace, name: d.name, version: datasetVersionOf(d.facets), facets: d.facets, ioFacets: d.ioFacets,
    rowCount: stats.rowCount, size: stats.size, producedByRunId: null,
  };
}

const times = (m: Map<string, DatasetAcc>): Map<string, Reported> => new Map([...m].map(([k, d]) => [k, { at: d.at, time: d.time }]));

/** Folds RunEvents (oldest first) into runs, ordered by start time. Inputs' producedByRunId is left null. */
export function foldRuns(sorted: readonly LoadedEvent[], source: string): BuiltRun[] {
  const runs = new Map<string, RunAcc>();
  for (const loaded of sorted) if (loaded.wire.kind === 'run') foldEvent(runs, loaded.wire.event, loaded);
  const built = [...runs.values()].map((acc): BuiltRun => ({
    run: {
      source, runId: acc.runId, job: { namespace: acc.job.namespace, name: acc.job.name }, state: acc.state,
      startedAt: acc.startedAt, endedAt: acc.endedAt, updatedAt: acc.updatedAt, parent: parentOf(acc.facets),
      facets: acc.facets, inputs: [...acc.inputs.values()].map((d) => toRunDataset(d, false)),
      outputs: [...acc.outputs.values()].map((d) => toRunDataset(d, true)), errorMessage: errorMessageOf(acc.facets),
    },
    startTime: acc.startTime, updatedTime: acc.updatedTime, inputTimes: times(acc.inputs), outputTimes: times(acc.outputs),
  }));
  return built.sort((a, b) => a.startTime - b.startTime);
}
