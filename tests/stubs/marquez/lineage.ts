import { HttpError } from './errors';
import { datasetNodeId, jobNodeId } from './node-id';
import { keyOf, type JobRow, type JsonObject, type MarquezState, type RunRow } from './state';
import { datasetNodeData, jobNodeData } from './wire';

interface Edge {
  origin: string;
  destination: string;
}

const ioOf = (job: JobRow): string[] => [...(job.currentVersion?.inputs ?? []), ...(job.currentVersion?.outputs ?? [])];

/**
 * LineageDao.getLineage: from the start jobs, repeatedly add every job whose CURRENT version shares
 * any dataset (input or output) with a job already found, `depth` times. It is undirected, so
 * siblings reading the same dataset come along; a job that never finished a run has no io.
 */
function reachableJobs(state: MarquezState, start: JobRow[], depth: number): JobRow[] {
  const found = new Map(start.map((job) => [job.key, job]));
  let frontier = start;
  for (let level = 0; level < depth && frontier.length > 0; level++) {
    const datasets = new Set(frontier.flatMap(ioOf));
    frontier = [...state.jobs.values()].filter((job) => !found.has(job.key) && ioOf(job).some((key) => datasets.has(key)));
    for (const job of frontier) found.set(job.key, job);
  }
  return [...found.values()];
}

/**
 * LineageDao.getJobFromInputOrOutput: a dataset node starts from ONE job, taken from ALL job
 * versions (not only current ones), writers before readers, newest version first.
 */
function jobForDataset(state: MarquezState, key: string): JobRow | null {
  let best: { job: JobRow; rank: number; at: number } | null = null;
  for (const job of state.jobs.values()) {
    for (const version of job.versions) {
      const rank = version.outputs.includes(key) ? 2 : version.inputs.includes(key) ? 1 : 0;
      if (rank > 0 && (best === null || rank > best.rank || (rank === best.rank && version.createdAt.ms > best.at))) {
        best = { job, rank, at: version.createdAt.ms };
      }
    }
  }
  return best?.job ?? null;
}

/**
 * LineageDao.getCurrentRuns picks each job's newest run that HAS a job version (a finished run).
 * Quirk kept on purpose: for a job run under a parent, the node shows the PARENT's run there,
 * while /namespaces/{ns}/jobs/{job} shows the job's own run.
 */
function lineageLatestRun(state: MarquezState, job: JobRow): RunRow | null {
  const own = job.runUuids
    .flatMap((uuid) => state.runs.get(uuid) ?? [])
    .filter((run) => run.jobVersion !== null)
    .sort((a, b) => b.createdAt.ms - a.createdAt.ms)[0] ?? null;
  const parent = own?.parentRunUuid == null ? undefined : state.runs.get(own.parentRunUuid);
  return parent ?? own;
}

const byId = (a: JsonObject, b: JsonObject): number => (String(a.id) < String(b.id) ? -1 : String(a.id) > String(b.id) ? 1 : 0);

/** GET /lineage. An unknown job, or a dataset no job version mentions, is 404 "Could not find node". */
export function lineageGraph(state: MarquezState, start: { type: 'job' | 'dataset'; namespace: string; name: string }, depth: number): JsonObject {
  const key = keyOf(start.namespace, start.name);
  const first = start.type === 'job' ? (state.jobs.get(key) ?? null) : jobForDataset(state, key);
  if (first === null) throw HttpError.json(404, 'Could not find node');
  const jobs = reachableJobs(state, [first], depth);
  const datasetKeys = new Set(jobs.flatMap(ioOf));
  const inEdges = new Map<string, Edge[]>();
  const outEdges = new Map<string, Edge[]>();
  const addEdge = (origin: string, destination: string): void => {
    const edge = { origin, destination };
    outEdges.set(origin, [...(outEdges.get(origin) ?? []), edge]);
    inEdges.set(destination, [...(inEdges.get(destination) ?? []), edge]);
  };
  const datasetId = (dsKey: string): string => {
    const ds = state.datasets.get(dsKey);
    return ds === undefined ? '' : datasetNodeId(ds.namespace, ds.name);
  };
  for (const job of jobs) {
    const id = jobNodeId(job.namespace, job.name);
    for (const input of job.currentVersion?.inputs ?? []) addEdge(datasetId(input), id);
    for (const output of job.currentVersion?.outputs ?? []) addEdge(id, datasetId(output));
  }
  const node = (id: string, type: 'JOB' | 'DATASET', data: JsonObject): JsonObject => ({
    id, type, data, inEdges: inEdges.get(id) ?? [], outEdges: outEdges.get(id) ?? [],
  });
  const nodes = [
    ...jobs.map((job) => node(jobNodeId(job.namespace, job.name), 'JOB', jobNodeData(state, job, lineageLatestRun(state, job)))),
    ...[...datasetKeys].flatMap((dsKey) => {
      const ds = state.datasets.get(dsKey);
      return ds === undefined ? [] : [node(datasetNodeId(ds.namespace, ds.name), 'DATASET', datasetNodeData(state, ds))];
    }),
  ];
  // Lineage.withSortedNodes: ordered by node id, compared as Java strings.
  return { graph: nodes.sort(byId) };
}
