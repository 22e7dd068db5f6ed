import 'server-only';
import type { z } from 'zod';
import type { DatasetRef, JobRef } from '@/lib/model';
import { routePath, type RoutePath } from '@/lib/http/endpoint';
import { fetchJson } from '@/lib/http/fetch-json';
import { isSourceError } from '@/lib/http/source-error';
import { createLimiter } from './limit';
import {
  columnLineageGraphSchema, datasetListSchema, datasetSchema, datasetVersionListSchema, facetsResultSchema, jobListSchema, jobSchema,
  lineageEventListSchema, lineageGraphSchema, namespaceListSchema, runListSchema, runSchema, searchResultListSchema, upstreamLineageSchema,
  type WireColumnLineageGraph, type WireDataset, type WireDatasetList, type WireDatasetVersionList, type WireFacetsResult, type WireJob,
  type WireJobList, type WireLineageEventList, type WireLineageGraph, type WireNamespaceList, type WireRun, type WireRunList,
  type WireSearchResultList, type WireUpstreamLineage,
} from './schemas';

export const MARQUEZ_LABEL = 'Marquez';

export interface MarquezClientOptions {
  /** Base URL, e.g. http://marquez:5000; the API is under /api/v1. */
  url: string;
  /** Sent as `Authorization: Bearer <apiKey>`. */
  apiKey?: string | null;
  /** Deadline of each request. Default 5000 ms. */
  timeoutMs?: number;
  /** Retries of idempotent requests on network errors, timeouts, 429 and 5xx. Default 2. */
  retries?: number;
  /** First backoff delay. Default 200 ms. */
  backoffMs?: number;
  /** Requests in flight at once, over all callers of this client. Default 6. */
  maxConcurrent?: number;
}

export interface PageParams {
  limit: number;
  offset: number;
}

export type RunState = 'NEW' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'ABORTED';

export interface LineageEventsParams extends PageParams {
  /** ISO date-times; both always sent (Marquez's default `before` is 2030-01-01). */
  after: string;
  before: string;
  sortDirection?: 'asc' | 'desc';
}

type Query = Record<string, string | number | boolean | readonly string[] | undefined>;

/** Marquez's REST API, one method per endpoint, each answer validated by its wire schema. */
export interface MarquezClient {
  readonly baseUrl: string;
  namespaces(page: PageParams): Promise<WireNamespaceList>;
  /** GET /jobs: every job in every namespace (the spec omits it; Marquez has it). */
  allJobs(page: PageParams, lastRunStates?: readonly RunState[]): Promise<WireJobList>;
  jobs(namespace: string, page: PageParams): Promise<WireJobList>;
  job(ref: JobRef): Promise<WireJob | null>;
  jobRuns(ref: JobRef, page: PageParams): Promise<WireRunList>;
  /** Null when Marquez has no run with this UUID. */
  run(runUuid: string): Promise<WireRun | null>;
  runFacets(runUuid: string, type: 'run' | 'job'): Promise<WireFacetsResult>;
  datasets(namespace: string, page: PageParams): Promise<WireDatasetList>;
  dataset(ref: DatasetRef): Promise<WireDataset | null>;
  datasetVersions(ref: DatasetRef, page: PageParams): Promise<WireDatasetVersionList>;
  lineage(nodeId: string, depth: number): Promise<WireLineageGraph>;
  columnLineage(nodeId: string, depth: number, withDownstream: boolean): Promise<WireColumnLineageGraph>;
  /** `retries` overrides the client's: a 500 here is an answer (see upstream.ts), not a hiccup. */
  upstream(runUuid: string, depth: number, options?: { retries?: number }): Promise<WireUpstreamLineage>;
  search(q: string, options: { limit: number; filter?: 'job' | 'dataset' }): Promise<WireSearchResultList>;
  lineageEvents(params: LineageEventsParams): Promise<WireLineageEventList>;
}

/** null for a 404 (the thing does not exist); every other failure stays an error. */
async function orNull<T>(promise: Promise<T>): Promise<T | null> {
  try {
    return await promise;
  } catch (error) {
    if (isSourceError(error) && error.kind === 'http' && error.status === 404) return null;
    throw error;
  }
}

export { displayUrl } from '@/lib/http/display-url';

export function createMarquezClient(options: MarquezClientOptions): MarquezClient {
  const baseUrl = options.url.replace(/\/+$/, '');
  const api = `${baseUrl}/api/v1`;
  const limit = createLimiter(options.maxConcurrent ?? 6);
  const headers: Record<string, string> = options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {};

  interface GetOptions {
    retries?: number;
    serverErrorsAreAnswers?: boolean;
  }

  function get<T>(route: RoutePath | string, schema: z.ZodType<T>, query: Query = {}, o: GetOptions = {}): Promise<T> {
    const { path, template } = typeof route === 'string' ? routePath(route) : route;
    const url = new URL(`${api}${path}`);
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined) continue;
      if (Array.isArray(value)) for (const v of value) url.searchParams.append(key, String(v));
      else url.searchParams.set(key, String(value));
    }
    return limit(() => fetchJson({
      url, schema, source: MARQUEZ_LABEL, headers, timeoutMs: options.timeoutMs ?? 5000, retries: o.retries ?? options.retries ?? 2,
      backoffMs: options.backoffMs ?? 200, endpoint: `/api/v1${template}`, serverErrorsAreAnswers: o.serverErrorsAreAnswers,
    }));
  }

  const job = (ref: JobRef, rest = ''): RoutePath => routePath(`/namespaces/{namespace}/jobs/{job}${rest}`, { namespace: ref.namespace, job: ref.name });
  const dataset = (ref: DatasetRef, rest = ''): RoutePath => routePath(`/namespaces/{namespace}/datasets/{dataset}${rest}`, { namespace: ref.namespace, dataset: ref.name });
  const run = (runUuid: string, rest = ''): RoutePath => routePath(`/jobs/runs/{run}${rest}`, { run: runUuid });

  const page = (p: PageParams): Query => ({ limit: p.limit, offset: p.offset });

  return {
    baseUrl,
    namespaces: (p) => get('/namespaces', namespaceListSchema, page(p)),
    allJobs: (p, lastRunStates) => get('/jobs', jobListSchema, { ...page(p), lastRunStates }),
    jobs: (namespace, p) => get(routePath('/namespaces/{namespace}/jobs', { namespace }), jobListSchema, page(p)),
    job: (ref) => orNull(get(job(ref), jobSchema)),
    jobRuns: (ref, p) => get(job(ref, '/runs'), runListSchema, page(p)),
    run: (runUuid) => orNull(get(run(runUuid), runSchema)),
    runFacets: (runUuid, type) => get(run(runUuid, '/facets'), facetsResultSchema, { type }),
    datasets: (namespace, p) => get(routePath('/namespaces/{namespace}/datasets', { namespace }), datasetListSchema, page(p)),
    dataset: (ref) => orNull(get(dataset(ref), datasetSchema)),
    datasetVersions: (ref, p) => get(dataset(ref, '/versions'), datasetVersionListSchema, page(p)),
    lineage: (nodeId, depth) => get('/lineage', lineageGraphSchema, { nodeId, depth }),
    columnLineage: (nodeId, depth, withDownstream) => get('/column-lineage', columnLineageGraphSchema, { nodeId, depth, withDownstream }),
    // Marquez answers 500 when its walk meets a raw input (see upstream.ts): an answer, not an outage.
    upstream: (runUuid, depth, o) => get('/runlineage/upstream', upstreamLineageSchema, { runId: runUuid, depth }, { retries: o?.retries, serverErrorsAreAnswers: true }),
    // Marquez reads `filter` as its enum's constant name (DATASET, JOB); lower case would be refused.
    search: (q, o) => get('/search', searchResultListSchema, { q, limit: o.limit, filter: o.filter?.toUpperCase() }),
    lineageEvents: (p) => get('/events/lineage', lineageEventListSchema, { after: p.after, before: p.before, sortDirection: p.sortDirection ?? 'asc', ...page(p) }),
  };
}
