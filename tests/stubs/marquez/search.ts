import { HttpError } from './errors';
import { datasetNodeId, jobNodeId } from './node-id';
import { intParam } from './paging';
import type { JsonObject, MarquezState } from './state';

/** q is an ILIKE pattern wrapped in '%': '%' matches any run of characters, '_' one character. */
function likePattern(q: string): RegExp {
  const body = [...q].map((c) => (c === '%' ? '.*' : c === '_' ? '.' : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^.*${body}.*$`, 'is');
}

/**
 * GET /search. `filter` (DATASET|JOB) and `sort` (NAME|UPDATE_AT) are enums; `limit` defaults to
 * 10 and there is no offset. totalCount counts the results RETURNED (SearchResults sets it from the
 * list it is given), so it never tells how many more there are.
 */
export function search(state: MarquezState, query: URLSearchParams): JsonObject {
  const q = query.get('q');
  if (q === null || q.trim() === '') throw HttpError.validation('query param q must not be blank');
  const filter = query.get('filter')?.toUpperCase() ?? null;
  const sort = query.get('sort')?.toUpperCase() ?? 'NAME';
  if ((filter !== null && filter !== 'DATASET' && filter !== 'JOB') || (sort !== 'NAME' && sort !== 'UPDATE_AT')) {
    throw HttpError.json(404, 'HTTP 404 Not Found');
  }
  const namespace = query.get('namespace');
  const limit = intParam(query, 'limit', 10);
  const pattern = likePattern(q);
  const rows = [
    ...(filter === 'JOB' ? [] : [...state.datasets.values()].map((d) => ({ type: 'DATASET', name: d.name, namespace: d.namespace, at: d.updatedAt, nodeId: datasetNodeId(d.namespace, d.name) }))),
    ...(filter === 'DATASET' ? [] : [...state.jobs.values()].map((j) => ({ type: 'JOB', name: j.name, namespace: j.namespace, at: j.updatedAt, nodeId: jobNodeId(j.namespace, j.name) }))),
  ].filter((row) => pattern.test(row.name) && (namespace === null || row.namespace === namespace));
  rows.sort((a, b) => (sort === 'NAME' ? a.name.localeCompare(b.name) : b.at.ms - a.at.ms));
  const results = rows.slice(0, limit).map((r) => ({ type: r.type, name: r.name, updatedAt: r.at.iso, namespace: r.namespace, nodeId: r.nodeId }));
  return { totalCount: results.length, results };
}
