import { refKey, type Dataset, type DatasetRef, type Facets, type Job, type JobRef, type LineageGraph, type LineageRun, type RunDataset, type SourceProblem } from '@/lib/model';
import { buildDatasets, type DatasetMention } from './build-datasets';
import { foldRuns, sortEvents, type BuiltRun } from './build-runs';
import { descriptionOf, jobTypeOf } from './facets';
import { mergeFacets } from './merge-facets';
import { applySymlinks, resolveSymlinks } from './symlinks';
import { datasetNodeId, jobNodeId } from './node-id';
import type { LoadedEvent } from './parse-text';
import type { WireDataset } from './schema';

export interface LineageModel {
  runs: Map<string, LineageRun>;
  jobs: Map<string, Job>;
  datasets: Map<string, Dataset>;
  graph: LineageGraph;
  /** refKey of a dataset's other name (`symlinks`) → the dataset it names. */
  aliases: Map<string, DatasetRef>;
  /** What was read but is worth saying: merged same-instant events, refused facets, zone-less times. */
  problems: SourceProblem[];
}

/** What a JobEvent said about a job's datasets (no run, so no versions). */
interface JobIo {
  job: JobRef;
  inputs: DatasetRef[];
  outputs: DatasetRef[];
  time: number;
}

interface JobAcc {
  ref: JobRef;
  facets: Facets;
  updatedAt: string;
  updatedTime: number;
  lastJobEventIo: JobIo | null;
}

const refs = (list: WireDataset[] | null | undefined): DatasetRef[] => (list ?? []).map((d) => ({ namespace: d.namespace, name: d.name }));

/** Job facets and DatasetEvent/JobEvent mentions, from the events oldest first. */
function scanEvents(sorted: readonly LoadedEvent[]): { jobs: Map<string, JobAcc>; mentions: DatasetMention[]; jobIo: JobIo[] } {
  const jobs = new Map<string, JobAcc>();
  const mentions: DatasetMention[] = [];
  const jobIo: JobIo[] = [];
  for (const loaded of sorted) {
    const { wire } = loaded;
    if (wire.kind === 'dataset') {
      const d = wire.event.dataset;
      mentions.push({ ref: d, facets: d.facets ?? {}, at: loaded.eventTime, time: loaded.time, fromDatasetEvent: true });
      continue;
    }
    const job = wire.event.job;
    const key = refKey(job);
    const acc = jobs.get(key) ?? { ref: { namespace: job.namespace, name: job.name }, facets: {}, updatedAt: '', updatedTime: -Infinity, lastJobEventIo: null };
    jobs.set(key, acc);
    // Newest wins by facet name, from RunEvents' job facets and JobEvents alike (a schema-failing facet never replaces a valid one).
    acc.facets = mergeFacets(acc.facets, job.facets, 'job');
    acc.updatedAt = loaded.eventTime;
    acc.updatedTime = loaded.time;
    if (wire.kind !== 'job') continue;
    const { inputs, outputs } = wire.event;
    for (const d of [...(inputs ?? []), ...(outputs ?? [])]) {
      mentions.push({ ref: d, facets: d.facets ?? {}, at: loaded.eventTime, time: loaded.time, fromDatasetEvent: false });
    }
    if (inputs == null && outputs == null) continue;
    const io: JobIo = { job: acc.ref, inputs: refs(inputs), outputs: refs(outputs), time: loaded.time };
    jobIo.push(io);
    acc.lastJobEventIo = io;
  }
  return { jobs, mentions, jobIo };
}

const newestFirst = (a: BuiltRun, b: BuiltRun): number => b.startTime - a.startTime || b.updatedTime - a.updatedTime;

function buildJobs(accs: Map<string, JobAcc>, runs: readonly BuiltRun[]): Map<string, Job> {
  const runsByJob = new Map<string, BuiltRun[]>();
  for (const built of runs) {
    const key = refKey(built.run.job);
    const list = runsByJob.get(key);
    if (list === undefined) runsByJob.set(key, [built]);
    else list.push(built);
  }
  const jobs = new Map<string, Job>();
  for (const [key, acc] of accs) {
    const jobRuns = (runsByJob.get(key) ?? []).sort(newestFirst);
    const latest = jobRuns[0];
    const io = acc.lastJobEventIo;
    // The job's datasets are its latest run's, unless a JobEvent said something newer.
    const useJobEvent = io !== null && (latest === undefined || io.time > latest.updatedTime);
    jobs.set(key, {
      namespace: acc.ref.namespace, name: acc.ref.name, type: jobTypeOf(acc.facets), description: descriptionOf(acc.facets), facets: acc.facets,
      inputs: useJobEvent ? io.inputs : (latest?.run.inputs ?? []).map((d) => ({ namespace: d.namespace, name: d.name })),
      outputs: useJobEvent ? io.outputs : (latest?.run.outputs ?? []).filter((d) => d.lifecycleChange !== 'DROP').map((d) => ({ namespace: d.namespace, name: d.name })),
      runIds: jobRuns.map((r) => r.run.runId), latestRunState: latest?.run.state ?? null, updatedAt: acc.updatedAt,
    });
  }
  return jobs;
}

/** Every job and dataset as a node; dataset→job for reads, job→dataset for writes, over all runs, de-duplicated. */
function buildGraph(jobs: Map<string, Job>, datasets: Map<string, Dataset>, runs: readonly BuiltRun[], jobIo: readonly JobIo[]): LineageGraph {
  const nodes = [
    ...[...jobs.values()].map((j) => ({ id: jobNodeId(j), kind: 'job' as const, namespace: j.namespace, name: j.name })),
    ...[...datasets.values()].map((d) => ({ id: datasetNodeId(d), kind: 'dataset' as const, namespace: d.namespace, name: d.name })),
  ];
  const edges = new Map<string, { from: string; to: string }>();
  const add = (from: string, to: string): void => {
    const key = `${from}\u0000${to}`;
    if (!edges.has(key)) edges.set(key, { from, to });
  };
  const datasetIds = new Map(nodes.filter((n) => n.kind === 'dataset').map((n) => [refKey(n), n.id]));
  const datasetId = (d: DatasetRef): string => datasetIds.get(refKey(d)) ?? datasetNodeId(d);
  // A run that only dropped a dataset did not produce it: no edge.
  const written = (outputs: RunDataset[]) => outputs.filter((d) => d.lifecycleChange !== 'DROP');
  const io = [...runs.map((b) => ({ job: b.run.job, inputs: b.run.inputs, outputs: written(b.run.outputs) })), ...jobIo];
  for (const { job, inputs, outputs } of io) {
    const jobId = jobNodeId(job);
    for (const d of inputs) add(datasetId(d), jobId);
    for (const d of outputs) add(jobId, datasetId(d));
  }
  return { nodes, edges: [...edges.values()] };
}

/** Producers that write no zone: their times are read as UTC, and /health says how many. */
function zonelessProblem(events: readonly LoadedEvent[]): SourceProblem[] {
  const zoneless = events.filter((e) => e.zoneless);
  const example = zoneless[0];
  if (example === undefined) return [];
  const kind = example.wire.kind === 'run' ? `run ${example.wire.event.run.runId}` : `${example.wire.kind} event`;
  return [{ where: 'eventTime', message: `${zoneless.length} event time(s) have no time zone (first: ${kind} at ${example.eventTime}); read as UTC` }];
}

/** Pure: the whole lineage model from the valid events, in any order. */
export function buildModel(events: readonly LoadedEvent[], source: string): LineageModel {
  const symlinks = resolveSymlinks(events);
  const named = applySymlinks(events, symlinks.canonicalOf);
  const { runs: built, problems } = foldRuns(named, source);
  const { jobs: jobAccs, mentions, jobIo } = scanEvents(sortEvents(named));
  const datasets = buildDatasets(built, mentions);
  for (const [key, aliases] of symlinks.aliasesOf) {
    const dataset = datasets.get(key);
    if (dataset !== undefined) dataset.aliases = aliases;
  }
  const jobs = buildJobs(jobAccs, built);
  const runs = new Map(built.map((b) => [b.run.runId, b.run]));
  // The graph is built when first read: the index's writers read runs, jobs and datasets only (a 100,000-input run's graph took a second).
  let graph: LineageModel['graph'] | undefined;
  return {
    runs, jobs, datasets, aliases: symlinks.canonicalOf, problems: [...zonelessProblem(events), ...problems],
    get graph() {
      return (graph ??= buildGraph(jobs, datasets, built, jobIo));
    },
  };
}
