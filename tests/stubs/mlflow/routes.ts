import { StubResponse } from './errors';
import { type Json, field, list, runIdOf, text, withField } from './json';
import { maxResultsOf, pageOf } from './paging';
import { LOGGED_MODEL_PREFIX, experimentIdOf, historyKey, type RecordedData } from './recordings';
import { inView, searchRuns, viewTypeOf } from './runs';

/** A request as the routes see it: GET parameters and POST bodies alike. */
export interface Params {
  get(name: string): unknown;
  all(name: string): string[];
}

export interface RouteOptions {
  /** False: answer get-history-bulk-interval with Flask's 404, like a server before 2.11. */
  bulkInterval: boolean;
  /** Run ids runs/search leaves out while runs/get answers them: runs started after the app's last search. */
  unlisted: ReadonlySet<string>;
}

type Handler = (data: RecordedData, p: Params, o: RouteOptions) => Json | string;

/** `{key: items, next_page_token}` without empty fields, as protobuf JSON leaves them out. */
function listBody(key: string, items: Json[], next: string | undefined): Json {
  const body: Record<string, Json> = {};
  if (items.length > 0) body[key] = items;
  if (next !== undefined) body.next_page_token = next;
  return body;
}

function paged(key: string, items: readonly Json[], p: Params, fallback: number, max: number): Json {
  const page = pageOf(items, maxResultsOf(p.get('max_results'), fallback, max), text(p.get('page_token')));
  return listBody(key, page.items, page.next);
}

function required(p: Params, name: string): string {
  const value = p.get(name);
  if (typeof value !== 'string' || value === '') throw StubResponse.invalid(`Missing value for required parameter '${name}'.`);
  return value;
}

function findRun(data: RecordedData, p: Params): { id: string; run: Json } {
  const id = text(p.get('run_id')) || text(p.get('run_uuid')) || '';
  const run = data.runs.find((r) => runIdOf(r) === id);
  if (id === '' || run === undefined) throw StubResponse.notFound(`Run '${id}' not found`);
  return { id, run };
}

/** The recorded answer whose query has exactly these parameters (model-versions/get, …/alias, …). */
function recordedExactly(data: RecordedData, endpoint: string, p: Params, names: string[], notFound: string): string {
  const hit = data.all.find((r) => r.endpoint === endpoint && names.every((n) => r.query.get(n) === String(p.get(n) ?? '')));
  if (!hit) throw StubResponse.notFound(notFound);
  return hit.raw;
}

function experimentsSearch(data: RecordedData, p: Params): Json {
  if (text(p.get('filter'))) throw StubResponse.invalid('The MLflow stub does not evaluate experiment filters');
  const view = viewTypeOf(p.get('view_type'));
  return paged('experiments', data.experiments.filter((e) => inView(view, field(e, 'lifecycle_stage'))), p, 1000, 50_000);
}

function experimentBy(data: RecordedData, match: (e: Json) => boolean, message: string): Json {
  const experiment = data.experiments.find(match);
  if (experiment === undefined) throw StubResponse.notFound(message);
  return { experiment };
}

function getHistory(data: RecordedData, p: Params): Json {
  const { id } = findRun(data, p);
  const points = data.histories.get(historyKey(id, required(p, 'metric_key'))) ?? [];
  // Without max_results MLflow answers the whole history in one page.
  return paged('metrics', points, p, Math.max(points.length, 1), 25_000);
}

function bulkInterval(data: RecordedData, p: Params, o: RouteOptions): Json {
  if (!o.bulkInterval) throw StubResponse.flask(404);
  const runIds = p.all('run_ids');
  const key = required(p, 'metric_key');
  if (runIds.length === 0) throw StubResponse.invalid("Missing value for required parameter 'run_ids'.");
  if (runIds.length > 100) throw StubResponse.invalid(`GetMetricHistoryBulkInterval request must specify at most 100 run_ids. Received ${runIds.length} run_ids.`);
  maxResultsOf(p.get('max_results'), 2500, 2500);
  const wanted = new Set(runIds);
  const recorded = data.bulk.get(key);
  // No recording of this key (hand-written fixture sets): the full histories, which are shorter than max_results.
  const points = recorded
    ? recorded.filter((m) => wanted.has(text(field(m, 'run_id')) ?? ''))
    : runIds.flatMap((id) => (data.histories.get(historyKey(id, key)) ?? []).map((m) => withField(m, 'run_id', id)));
  return listBody('metrics', points, undefined);
}

function modelVersionsSearch(data: RecordedData, p: Params): Json {
  const filter = text(p.get('filter'))?.trim() ?? '';
  let versions = data.versions;
  if (filter !== '') {
    const match = /^name\s*=\s*(?:'([^']*)'|"([^"]*)")$/.exec(filter);
    if (!match) throw StubResponse.invalid(`The MLflow stub evaluates only name='…' filters, not ${JSON.stringify(filter)}`);
    const name = match[1] ?? match[2];
    versions = versions.filter((v) => field(v, 'name') === name);
  }
  return paged('model_versions', versions, p, 200_000, 200_000);
}

function registeredModelGet(data: RecordedData, p: Params): Json | string {
  const name = required(p, 'name');
  const recorded = data.modelGets.get(name);
  if (recorded !== undefined) return recorded;
  const model = data.models.find((m) => field(m, 'name') === name);
  if (model === undefined) throw StubResponse.notFound(`Registered Model with name=${name} not found`);
  return { registered_model: model };
}

function artifactsList(data: RecordedData, p: Params): Json | string {
  const { id, run } = findRun(data, p);
  const root = text(field(field(run, 'info'), 'artifact_uri'));
  // The stub knows only each run's top folder; deeper paths list as empty.
  if (text(p.get('path'))) return root === undefined ? {} : { root_uri: root };
  return data.artifacts.get(id) ?? (root === undefined ? {} : { root_uri: root });
}

/** Endpoint (after /api/2.0/mlflow/) → allowed methods and handler. A string result is sent verbatim. */
export const ROUTES: Record<string, { methods: string[]; handler: Handler }> = {
  'experiments/search': { methods: ['GET', 'POST'], handler: experimentsSearch },
  'experiments/get': { methods: ['GET'], handler: (d, p) => experimentBy(d, (e) => experimentIdOf(e) === required(p, 'experiment_id'), `No Experiment with id=${String(p.get('experiment_id'))} exists`) },
  'experiments/get-by-name': { methods: ['GET'], handler: (d, p) => experimentBy(d, (e) => field(e, 'name') === required(p, 'experiment_name'), `Could not find experiment with name '${String(p.get('experiment_name'))}'`) },
  'runs/search': {
    methods: ['POST'],
    handler: (d, p, o) => {
      const runs = searchRuns(d, { experiment_ids: p.all('experiment_ids'), run_view_type: p.get('run_view_type'), filter: p.get('filter'), order_by: p.all('order_by') });
      return paged('runs', runs.filter((r) => !o.unlisted.has(runIdOf(r) ?? '')), p, 1000, 50_000);
    },
  },
  'runs/get': { methods: ['GET'], handler: (d, p) => { const { id, run } = findRun(d, p); return d.runGets.get(id) ?? { run }; } },
  'metrics/get-history': { methods: ['GET'], handler: getHistory },
  'metrics/get-history-bulk-interval': { methods: ['GET'], handler: bulkInterval },
  'registered-models/search': {
    methods: ['GET'],
    handler: (d, p) => {
      if (text(p.get('filter'))) throw StubResponse.invalid('The MLflow stub does not evaluate registered model filters');
      return paged('registered_models', d.models, p, 100, 1000);
    },
  },
  'registered-models/get': { methods: ['GET'], handler: registeredModelGet },
  'registered-models/alias': { methods: ['GET'], handler: (d, p) => recordedExactly(d, 'registered-models/alias', p, ['name', 'alias'], `Registered model alias ${String(p.get('alias'))} not found.`) },
  'model-versions/search': { methods: ['GET'], handler: modelVersionsSearch },
  'model-versions/get': { methods: ['GET'], handler: (d, p) => recordedExactly(d, 'model-versions/get', p, ['name', 'version'], `Model Version (name=${String(p.get('name'))}, version=${String(p.get('version'))}) not found`) },
  'model-versions/get-download-uri': { methods: ['GET'], handler: (d, p) => recordedExactly(d, 'model-versions/get-download-uri', p, ['name', 'version'], `Model Version (name=${String(p.get('name'))}, version=${String(p.get('version'))}) not found`) },
  'artifacts/list': { methods: ['GET'], handler: artifactsList },
};

/**
 * GET logged-models/{model_id}, the one route with a path parameter. A fixture set without logged models
 * is a 2.x server: the route does not exist there, so Flask's 404 page answers, as MLflow 2.x does.
 */
export function loggedModelRoute(data: RecordedData, endpoint: string, method: string): StubResponse | null {
  if (!endpoint.startsWith(LOGGED_MODEL_PREFIX) || endpoint.slice(LOGGED_MODEL_PREFIX.length).includes('/')) return null;
  if (data.loggedModels.size === 0) return StubResponse.flask(404);
  if (method !== 'GET') return StubResponse.flask(405);
  const id = decodeURIComponent(endpoint.slice(LOGGED_MODEL_PREFIX.length));
  const raw = data.loggedModels.get(id);
  return raw === undefined ? StubResponse.notFound(`Logged model with ID '${id}' not found.`) : new StubResponse(200, raw, 'application/json');
}

/** Parameters of a GET query or a POST JSON body, read the same way. */
export function paramsOf(query: URLSearchParams, body: Json): Params {
  if (body !== null && body !== undefined) {
    return {
      get: (name) => field(body, name),
      all: (name) => list(field(body, name)).map(String),
    };
  }
  return { get: (name) => query.get(name) ?? undefined, all: (name) => query.getAll(name) };
}
