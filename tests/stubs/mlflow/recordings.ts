import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Json, field, list, runIdOf, text } from './json';

/** One recorded exchange of `_status.tsv`: what was asked and the body the server answered. */
export interface Recording {
  file: string;
  method: string;
  /** The path after /api/2.0/mlflow/ or /ajax-api/2.0/mlflow/, e.g. "runs/search". */
  endpoint: string;
  query: URLSearchParams;
  body: Json;
  status: number;
  /** The answer as recorded, byte for byte. */
  raw: string;
  json: Json;
}

const PREFIX = /^\/(?:ajax-)?api\/2\.0\/mlflow\//;

function parseLine(dir: string, line: string): Recording | null {
  const [file, method, request, status] = line.split('\t');
  if (!file || !method || !request || !status || file === 'file') return null;
  const space = request.indexOf(' ');
  const target = space === -1 ? request : request.slice(0, space);
  const [pathname = '', search = ''] = target.split('?');
  const raw = readFileSync(path.join(dir, file), 'utf8');
  return {
    file,
    method,
    endpoint: pathname.replace(PREFIX, ''),
    query: new URLSearchParams(search),
    body: space === -1 ? null : JSON.parse(request.slice(space + 1)),
    status: Number(status),
    raw,
    json: JSON.parse(raw),
  };
}

/** Everything the routes answer from, indexed once when the stub starts. */
export interface RecordedData {
  all: Recording[];
  experiments: Json[];
  runs: Json[];
  /** Recorded runs/get answers by run id, served verbatim. */
  runGets: Map<string, string>;
  /** get-history points by `runId \0 key`. */
  histories: Map<string, Json[]>;
  /** get-history-bulk-interval points by metric key. */
  bulk: Map<string, Json[]>;
  models: Json[];
  modelGets: Map<string, string>;
  versions: Json[];
  artifacts: Map<string, string>;
  /** Recorded logged-models/{id} answers (3.x) by model id; empty for a 2.x server, which has no such route. */
  loggedModels: Map<string, string>;
}

export const LOGGED_MODEL_PREFIX = 'logged-models/';

export const historyKey = (runId: string, key: string): string => `${runId}\u0000${key}`;

/** The unfiltered recording of an endpoint (the list every other answer is cut from). */
function unfiltered(all: Recording[], endpoint: string): Recording | undefined {
  return all.find((r) => r.endpoint === endpoint && !r.query.has('filter') && field(r.body, 'filter') === undefined);
}

export function loadRecordings(dir: string): RecordedData {
  const all = readFileSync(path.join(dir, '_status.tsv'), 'utf8').split('\n').map((l) => parseLine(dir, l)).filter((r): r is Recording => r !== null && r.status === 200);
  const of = (endpoint: string): Recording[] => all.filter((r) => r.endpoint === endpoint);
  const runs = list(field(unfiltered(all, 'runs/search')?.json, 'runs'));
  const runGets = new Map(of('runs/get').map((r) => [r.query.get('run_id') ?? '', r.raw]));
  for (const r of of('runs/get')) {
    const run = field(r.json, 'run');
    const id = runIdOf(run);
    if (id !== undefined && !runs.some((known) => runIdOf(known) === id)) runs.push(run);
  }
  const versionLists = of('model-versions/search');
  const allVersions = unfiltered(all, 'model-versions/search');
  return {
    all,
    experiments: list(field(unfiltered(all, 'experiments/search')?.json, 'experiments')),
    runs,
    runGets,
    histories: new Map(of('metrics/get-history').map((r) => [historyKey(r.query.get('run_id') ?? '', r.query.get('metric_key') ?? ''), list(field(r.json, 'metrics'))])),
    bulk: new Map(of('metrics/get-history-bulk-interval').map((r) => [r.query.get('metric_key') ?? '', list(field(r.json, 'metrics'))])),
    models: list(field(unfiltered(all, 'registered-models/search')?.json, 'registered_models')),
    modelGets: new Map(of('registered-models/get').map((r) => [r.query.get('name') ?? '', r.raw])),
    // Without an unfiltered recording, the per-model ones together are the whole list.
    versions: allVersions ? list(field(allVersions.json, 'model_versions')) : versionLists.flatMap((r) => list(field(r.json, 'model_versions'))),
    loggedModels: new Map(all.filter((r) => r.endpoint.startsWith(LOGGED_MODEL_PREFIX)).map((r) => [decodeURIComponent(r.endpoint.slice(LOGGED_MODEL_PREFIX.length)), r.raw])),
    artifacts: new Map(of('artifacts/list').filter((r) => !r.query.get('path')).map((r) => [r.query.get('run_id') ?? '', r.raw])),
  };
}

export function experimentIdOf(experiment: Json): string | undefined {
  return text(field(experiment, 'experiment_id'));
}
