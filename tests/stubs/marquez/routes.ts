import { columnLineageGraph } from './column-lineage';
import { HttpError } from './errors';
import { lineageEvents } from './events';
import { lineageGraph } from './lineage';
import { parseNodeId } from './node-id';
import { intParam, page, pageParams } from './paging';
import { search } from './search';
import { keyOf, type DatasetRow, type JobRow, type JsonObject, type MarquezState, type NamespaceRow, type RunRow } from './state';
import { upstreamRunLineage } from './upstream';
import { parseJavaUuid } from './uuid';
import { datasetJson, jobJson, latestRunOf, namespaceJson, runJson, runsOf, versionJson } from './wire';

type Handler = (state: MarquezState, params: string[], query: URLSearchParams) => JsonObject;

function namespaceRow(state: MarquezState, name: string): NamespaceRow {
  const row = state.namespaces.get(name);
  if (row === undefined) throw HttpError.notFound('Namespace', name);
  return row;
}

const namespace = (state: MarquezState, name: string): string => namespaceRow(state, name).name;

function job(state: MarquezState, ns: string, name: string): JobRow {
  const row = state.jobs.get(keyOf(namespace(state, ns), name));
  if (row === undefined) throw HttpError.notFound('Job', name);
  return row;
}

function dataset(state: MarquezState, ns: string, name: string): DatasetRow {
  const row = state.datasets.get(keyOf(namespace(state, ns), name));
  if (row === undefined) throw HttpError.notFound('Dataset', name);
  return row;
}

/** A run id that is not a UUID fails in Jersey's parameter conversion: 400 in plain text. */
function run(state: MarquezState, id: string): RunRow {
  const uuid = parseJavaUuid(id);
  if (uuid === null) throw HttpError.text(400, `Invalid UUID string: ${id}`);
  const row = state.runs.get(uuid);
  if (row === undefined) throw HttpError.notFound('Run', uuid);
  return row;
}

const byName = <T extends { name: string }>(a: T, b: T): number => a.name.localeCompare(b.name);

function jobList(state: MarquezState, jobs: JobRow[], query: URLSearchParams): JsonObject {
  const states = query.getAll('lastRunStates').map((s) => s.toUpperCase());
  const filtered = states.length === 0 ? jobs : jobs.filter((j) => states.includes(latestRunOf(state, j)?.state ?? ''));
  const sorted = filtered.sort(byName);
  return { jobs: page(sorted, pageParams(query)).map((j) => jobJson(state, j)), totalCount: sorted.length };
}

function requiredNodeId(query: URLSearchParams) {
  const raw = query.get('nodeId');
  if (raw === null) throw HttpError.validation('query param nodeId must not be null');
  const nodeId = parseNodeId(raw);
  // NodeId's constructor rejects it while Jersey converts the parameter: 404, like any unconvertible parameter.
  if (nodeId === null) throw HttpError.json(404, 'HTTP 404 Not Found');
  return nodeId;
}

/** Routes under /api/v1, matched on decoded path segments; `:x` captures one segment. */
export const routes: Array<[string, Handler]> = [
  ['namespaces', (s, _p, q) => ({ namespaces: page([...s.namespaces.values()].sort(byName), pageParams(q)).map(namespaceJson) })],
  ['namespaces/:ns', (s, [ns = '']) => namespaceJson(namespaceRow(s, ns))],
  ['jobs', (s, _p, q) => jobList(s, [...s.jobs.values()], q)],
  ['namespaces/:ns/jobs', (s, [ns = ''], q) => jobList(s, [...s.jobs.values()].filter((j) => j.namespace === namespace(s, ns)), q)],
  ['namespaces/:ns/jobs/:job', (s, [ns = '', name = '']) => jobJson(s, job(s, ns, name))],
  ['namespaces/:ns/jobs/:job/runs', (s, [ns = '', name = ''], q) => {
    const runs = runsOf(s, job(s, ns, name));
    return { runs: page(runs, pageParams(q)).map((r) => runJson(s, r)), totalCount: runs.length };
  }],
  ['jobs/runs/:id', (s, [id = '']) => runJson(s, run(s, id))],
  ['jobs/runs/:id/facets', (s, [id = ''], q) => {
    const row = run(s, id);
    const type = q.get('type');
    if (type === null) throw HttpError.validation('query param type must not be null');
    if (type !== 'run' && type !== 'job') throw HttpError.json(404, 'HTTP 404 Not Found');
    return { runId: row.uuid, facets: type === 'run' ? row.runFacets : row.jobFacets };
  }],
  ['namespaces/:ns/datasets', (s, [ns = ''], q) => {
    const all = [...s.datasets.values()].filter((d) => d.namespace === namespace(s, ns)).sort(byName);
    // DatasetDao.findAll gathers facets for `LIMIT 10 OFFSET :offset` only: later datasets of a page come without facets.
    const rows = page(all, pageParams(q)).map((d, i) => (i < 10 ? datasetJson(s, d) : { ...datasetJson(s, d), facets: {} }));
    return { datasets: rows, totalCount: all.length };
  }],
  ['namespaces/:ns/datasets/:ds', (s, [ns = '', name = '']) => datasetJson(s, dataset(s, ns, name))],
  ['namespaces/:ns/datasets/:ds/versions', (s, [ns = '', name = ''], q) => {
    const row = dataset(s, ns, name);
    const versions = [...row.versions].sort((a, b) => b.createdAt.ms - a.createdAt.ms);
    return { versions: page(versions, pageParams(q)).map((v) => versionJson(s, row, v)), totalCount: versions.length };
  }],
  ['namespaces/:ns/datasets/:ds/versions/:version', (s, [ns = '', name = '', version = '']) => {
    const row = dataset(s, ns, name);
    const uuid = parseJavaUuid(version);
    if (uuid === null) throw HttpError.text(400, `Invalid UUID string: ${version}`);
    const found = row.versions.find((v) => v.version === uuid);
    if (found === undefined) throw HttpError.json(404, `Dataset version '${uuid}' not found.`);
    return versionJson(s, row, found);
  }],
  ['lineage', (s, _p, q) => {
    const nodeId = requiredNodeId(q);
    if (nodeId.type === 'datasetField') throw HttpError.json(404, 'HTTP 404 Not Found');
    return lineageGraph(s, nodeId, intParam(q, 'depth', 20));
  }],
  ['column-lineage', (s, _p, q) => {
    const nodeId = requiredNodeId(q);
    if (nodeId.type === 'job') throw HttpError.json(400, 'Node must be a dataset node or dataset field node.');
    const field = nodeId.type === 'datasetField' ? nodeId.field : null;
    return columnLineageGraph(s, { namespace: nodeId.namespace, name: nodeId.name, field }, intParam(q, 'depth', 20), q.get('withDownstream') === 'true');
  }],
  ['runlineage/upstream', (s, _p, q) => {
    const id = q.get('runId');
    if (id === null) throw HttpError.validation('query param runId must not be null');
    return upstreamRunLineage(s, run(s, id).uuid, intParam(q, 'depth', 20));
  }],
  ['search', (s, _p, q) => search(s, q)],
  ['events/lineage', (s, _p, q) => lineageEvents(s, q)],
];

/** The handler and captured segments for a decoded path below /api/v1, or null. */
export function matchRoute(segments: string[]): { handler: Handler; params: string[] } | null {
  for (const [pattern, handler] of routes) {
    const parts = pattern.split('/');
    if (parts.length !== segments.length) continue;
    const params: string[] = [];
    const ok = parts.every((part, i) => {
      const segment = segments[i] ?? '';
      if (part.startsWith(':')) params.push(segment);
      return part.startsWith(':') || part === segment;
    });
    if (ok) return { handler, params };
  }
  return null;
}
