import 'server-only';
import type { z } from 'zod';
import { fetchJson, type HttpMethod } from '@/lib/http/fetch-json';
import { SourceError, isSourceError } from '@/lib/http/source-error';
import { parseJsonLimited } from '@/lib/model/json-limits';
import {
  getExperimentResponseSchema, getLoggedModelResponseSchema, getRegisteredModelResponseSchema, getRunResponseSchema, listArtifactsResponseSchema,
  metricHistoryBulkResponseSchema, metricHistoryResponseSchema, searchExperimentsResponseSchema, searchModelVersionsResponseSchema,
  searchRegisteredModelsResponseSchema, searchRunsEnvelopeSchema, searchRunsResponseSchema,
  type WireExperiment, type WireListArtifactsResponse, type WireLoggedModelInfo, type WireMetricHistoryBulkResponse, type WireMetricHistoryResponse,
  type WireRegisteredModel, type WireRun, type WireSearchExperimentsResponse, type WireSearchModelVersionsResponse,
  type WireSearchRegisteredModelsResponse, type WireSearchRunsEnvelope, type WireSearchRunsResponse,
} from './schemas';

/** How errors name the upstream: "MLflow: POST /api/2.0/mlflow/runs/search …". */
export const MLFLOW_LABEL = 'MLflow';

export interface MlflowCredentials {
  username?: string | null;
  password?: string | null;
  token?: string | null;
}

export interface MlflowClientOptions extends MlflowCredentials {
  /** Tracking server URL, possibly with a path prefix (https://host/mlflow); the API is under /api/2.0/mlflow. */
  baseUrl: string;
  /** Deadline of each request. Default 10 000 ms. */
  timeoutMs?: number;
  /** Retries of GET requests on network errors, timeouts, 429 and 5xx. Default 2. */
  retries?: number;
  /** First backoff delay. Default 200 ms. */
  backoffMs?: number;
  /** MLFLOW_TRACKING_INSECURE_TLS: skip certificate verification for this server only. */
  insecureTls?: boolean;
}

export type ViewType = 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL';

export interface Paging {
  maxResults: number;
  pageToken?: string;
}

export type SearchRunsParams = Paging & { experimentIds: readonly string[]; filter?: string; runViewType: ViewType; orderBy?: readonly string[] };

type Query = Record<string, string | number | readonly string[] | undefined>;

/** A logged model, or why there is none: the server lacks the endpoint (before 3.0) or the model. */
export type LoggedModelAnswer =
  | { kind: 'found'; info: WireLoggedModelInfo }
  | { kind: 'missing' }
  | { kind: 'unsupported'; reason: string };

/** MLflow's REST API, one method per endpoint, each answer validated by its wire schema. */
export interface MlflowClient {
  readonly baseUrl: string;
  searchExperiments(p: Paging & { viewType: ViewType }): Promise<WireSearchExperimentsResponse>;
  /** Null when the server has no such experiment. */
  getExperiment(experimentId: string): Promise<WireExperiment | null>;
  searchRuns(p: SearchRunsParams): Promise<WireSearchRunsResponse>;
  /**
   * runs/search with the runs not yet checked against their schema (validateRunsInSlices does it without holding the
   * event loop), and the size of the answer's body (the change feed sizes its sweep by it).
   */
  searchRunsUnchecked(p: SearchRunsParams): Promise<{ page: WireSearchRunsEnvelope; bytes: number }>;
  getRun(runId: string): Promise<WireRun | null>;
  /** Null when the run does not exist. */
  metricHistory(p: Paging & { runId: string; key: string }): Promise<WireMetricHistoryResponse | null>;
  /** Sampled history of many runs at once (server 2.11+, under /ajax-api). */
  metricHistoryBulkInterval(p: { runIds: readonly string[]; key: string; maxResults: number }): Promise<WireMetricHistoryBulkResponse>;
  searchRegisteredModels(p: Paging): Promise<WireSearchRegisteredModelsResponse>;
  getRegisteredModel(name: string): Promise<WireRegisteredModel | null>;
  searchModelVersions(p: Paging & { filter?: string }): Promise<WireSearchModelVersionsResponse>;
  listArtifacts(p: { runId: string; path?: string; pageToken?: string }): Promise<WireListArtifactsResponse | null>;
  /** GET /logged-models/{id}: MLflow 3.x only, so a 2.x server's 404 for the route says "unsupported". */
  getLoggedModel(modelId: string): Promise<LoggedModelAnswer>;
}

/** Exactly like MLflow's client (rest_utils): username and password → Basic; otherwise a token → Bearer. */
export function authHeader(credentials: MlflowCredentials): string | null {
  const { username, password, token } = credentials;
  if (username && password) return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  if (token) return `Bearer ${token}`;
  return null;
}

export { displayUrl } from '@/lib/http/display-url';

/** null for a 404: MLflow answers RESOURCE_DOES_NOT_EXIST with it. Every other failure stays an error. */
async function orNull<T>(promise: Promise<T>): Promise<T | null> {
  try {
    return await promise;
  } catch (error) {
    if (isSourceError(error) && error.kind === 'http' && error.status === 404) return null;
    throw error;
  }
}

/**
 * A 404 with RESOURCE_DOES_NOT_EXIST is a model the server does not have; any other 404 (Flask's HTML page,
 * ENDPOINT_NOT_FOUND) or a 405/501 means the route itself is missing: a server before MLflow 3.
 */
async function loggedModelAnswer(promise: Promise<{ model?: { info?: WireLoggedModelInfo | null } | null }>): Promise<LoggedModelAnswer> {
  try {
    const info = (await promise).model?.info;
    return info ? { kind: 'found', info } : { kind: 'missing' };
  } catch (error) {
    if (!isSourceError(error) || error.kind !== 'http') throw error;
    if (error.status === 404 && error.code === 'RESOURCE_DOES_NOT_EXIST') return { kind: 'missing' };
    if (error.status === 404 || error.status === 405 || error.status === 501) return { kind: 'unsupported', reason: error.message };
    throw error;
  }
}

function withQuery(url: URL, query: Query): URL {
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (typeof value === 'string' || typeof value === 'number') url.searchParams.set(key, String(value));
    else for (const v of value) url.searchParams.append(key, v);
  }
  return url;
}

/** Base URL without query, fragment or trailing slash; a malformed one is kept so calls fail with its text, not construction. */
function normaliseBase(url: string): string {
  try {
    const u = new URL(url);
    u.search = '';
    u.hash = '';
    return u.toString().replace(/\/+$/, '');
  } catch {
    return url.trim().replace(/\/+$/, '');
  }
}

function searchRunsCall(p: SearchRunsParams) {
  return {
    body: { experiment_ids: p.experimentIds, filter: p.filter, run_view_type: p.runViewType, max_results: p.maxResults, page_token: p.pageToken, order_by: p.orderBy },
    // A POST in MLflow's API, but a read: safe to retry.
    idempotent: true,
  };
}

export function createMlflowClient(options: MlflowClientOptions): MlflowClient {
  const baseUrl = normaliseBase(options.baseUrl);
  const auth = authHeader(options);
  const headers: Record<string, string> = auth === null ? {} : { authorization: auth };

  async function call<T>(method: HttpMethod, path: string, schema: z.ZodType<T>,
    args: { query?: Query; body?: unknown; ajax?: boolean; idempotent?: boolean; parseBody?: (text: string) => unknown } = {}): Promise<T> {
    // The UI's /ajax-api shares the public API's handlers; only get-history-bulk-interval needs it.
    const root = `${baseUrl}/${args.ajax ? 'ajax-api' : 'api'}/2.0/mlflow`;
    let url: URL;
    try {
      url = withQuery(new URL(`${root}${path}`), args.query ?? {});
    } catch {
      throw new SourceError({ source: MLFLOW_LABEL, kind: 'network', message: `${MLFLOW_LABEL}: the tracking URI is not a valid http(s) URL` });
    }
    return fetchJson({
      url, schema, method, headers, body: args.body, source: MLFLOW_LABEL, idempotent: args.idempotent, insecureTls: options.insecureTls, parseBody: args.parseBody,
      timeoutMs: options.timeoutMs ?? 10_000, retries: options.retries ?? 2, backoffMs: options.backoffMs ?? 200,
      endpoint: `/${args.ajax ? 'ajax-api' : 'api'}/2.0/mlflow${path}`,
    });
  }

  return {
    baseUrl,
    searchExperiments: (p) => call('POST', '/experiments/search', searchExperimentsResponseSchema, {
      body: { max_results: p.maxResults, page_token: p.pageToken, view_type: p.viewType }, idempotent: true,
    }),
    getExperiment: async (id) => (await orNull(call('GET', '/experiments/get', getExperimentResponseSchema, { query: { experiment_id: id } })))?.experiment ?? null,
    searchRuns: (p) => call('POST', '/runs/search', searchRunsResponseSchema, searchRunsCall(p)),
    searchRunsUnchecked: async (p) => {
      let bytes = 0;
      // The body's length in characters: bytes for MLflow's ASCII JSON (non-ASCII text escapes as \uXXXX).
      const measure = (text: string) => {
        bytes = text.length;
        return parseJsonLimited(text);
      };
      const page = await call('POST', '/runs/search', searchRunsEnvelopeSchema, { ...searchRunsCall(p), parseBody: measure });
      return { page, bytes };
    },
    getRun: async (runId) => (await orNull(call('GET', '/runs/get', getRunResponseSchema, { query: { run_id: runId } })))?.run ?? null,
    metricHistory: (p) => orNull(call('GET', '/metrics/get-history', metricHistoryResponseSchema, {
      query: { run_id: p.runId, metric_key: p.key, max_results: p.maxResults, page_token: p.pageToken },
    })),
    metricHistoryBulkInterval: (p) => call('GET', '/metrics/get-history-bulk-interval', metricHistoryBulkResponseSchema, {
      query: { run_ids: p.runIds, metric_key: p.key, max_results: p.maxResults },
      ajax: true,
    }),
    searchRegisteredModels: (p) => call('GET', '/registered-models/search', searchRegisteredModelsResponseSchema, {
      query: { max_results: p.maxResults, page_token: p.pageToken },
    }),
    getRegisteredModel: async (name) => (await orNull(call('GET', '/registered-models/get', getRegisteredModelResponseSchema, { query: { name } })))?.registered_model ?? null,
    searchModelVersions: (p) => call('GET', '/model-versions/search', searchModelVersionsResponseSchema, {
      query: { filter: p.filter, max_results: p.maxResults, page_token: p.pageToken },
    }),
    listArtifacts: (p) => orNull(call('GET', '/artifacts/list', listArtifactsResponseSchema, {
      query: { run_id: p.runId, path: p.path, page_token: p.pageToken },
    })),
    getLoggedModel: (modelId) => loggedModelAnswer(call('GET', `/logged-models/${encodeURIComponent(modelId)}`, getLoggedModelResponseSchema)),
  };
}
