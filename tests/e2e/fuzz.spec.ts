import fs from 'node:fs';
import { Agent, request } from 'node:http';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { rngFor, type Rng } from '../../scripts/demo-data/prng.mjs';
import { loadEventsFromFiles, startMarquezStub, type MarquezStub } from '../stubs/marquez';
import { startMlflowStub, type MlflowStub } from '../stubs/mlflow';
import { startApp } from './app-server';

// 10,000 random and hostile run ids, node ids and query strings against the API routes and a sample of
// pages: only 2xx, 400 or 404 may come back, and nothing that failed validation may reach an upstream.
const groot = path.resolve(process.cwd(), '..', 'shared', 'data', 'groot-a');
const expected = JSON.parse(fs.readFileSync(path.join(groot, 'EXPECTED.json'), 'utf8'));
const port = Number(process.env.E2E_PORT ?? 3100) + 29;
const TOTAL = 10_000;
const PAGE_SHARE = 0.04;
const CONCURRENCY = 12;

const NASTY = [
  '<script>alert(1)</script>', 'javascript:alert(1)', '"><img src=x onerror=alert(1)>', "' OR '1'='1' --", '../../etc/passwd', '..%2F..%2Fetc%2Fpasswd',
  '%2e%2e%2f', '..;/', '%00', '\u0000', '\u0007', '\u202e', '\u200b', '\ufeff', '%', '%%', '%E0%A4%A', '%ZZ', 'null', 'undefined', 'NaN', '-1', '0', '1e309',
  '__proto__', 'constructor', 'toString', '{"$gt":""}', '\\', '/', ':', 'job:', 'dataset::', 'job:a:b:c', '😀', 'İ', '\ud800', ' ', '\t', '\n', '\r\n', '${7*7}', '{{7*7}}',
  'file:///etc/passwd', 'http://169.254.169.254/latest/meta-data/', 'x'.repeat(257), 'y'.repeat(5000), '%20', '+', '&', '=', '#', '?', ';', ',',
];
const ALPHABET = 'abcdef0123456789-_.:/%ABCXYZ <>"\'`&=?#\\;,+~!@$^*()[]{}|\t\n\u0000\u001f\u007f\u202eé漢😀';

/** encodeURIComponent that sends a lone surrogate as U+FFFD (as URLSearchParams does) instead of throwing. */
function enc(value: string): string {
  return encodeURIComponent(value.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'));
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[rng.int(0, items.length - 1)] as T;
}

function randomText(rng: Rng, max = 40): string {
  const chars = [...ALPHABET];
  let s = '';
  for (let i = rng.int(0, max); i > 0; i--) s += pick(rng, chars);
  return s;
}

/** A real id, slightly broken: one edit, case changed, dashes moved, padded. */
function mutate(rng: Rng, id: string): string {
  const i = rng.int(0, Math.max(0, id.length - 1));
  switch (rng.int(0, 6)) {
    case 0: return id.slice(0, i) + id.slice(i + 1);
    case 1: return id.slice(0, i) + pick(rng, [...ALPHABET]) + id.slice(i);
    case 2: return id.toUpperCase();
    case 3: return id.replace(/-/g, '');
    case 4: return ` ${id} `;
    case 5: return `${id}${pick(rng, NASTY)}`;
    default: return id;
  }
}

interface Known {
  runIds: string[];
  nodes: string[];
  metricKeys: string[];
}

function fuzzValue(rng: Rng, real: readonly string[]): string {
  const r = rng.next();
  if (r < 0.25) return pick(rng, NASTY);
  if (r < 0.55) return randomText(rng);
  if (r < 0.9) return mutate(rng, pick(rng, real));
  return pick(rng, real);
}

function nodeId(rng: Rng, known: Known): string {
  const r = rng.next();
  if (r < 0.4) return mutate(rng, pick(rng, known.nodes));
  if (r < 0.7) return `${pick(rng, ['job', 'dataset', 'JOB', 'run', ''])}:${enc(fuzzValue(rng, ['groot-data-etl', 's3://bucket']))}:${enc(randomText(rng))}`;
  return fuzzValue(rng, known.nodes);
}

/**
 * Path segments of an id: usually one encoded segment, sometimes split on '/' like W&B ids. Empty, '.'
 * and '..' segments are left out: the router normalises those with a redirect before any route runs.
 */
function idPath(rng: Rng, id: string): string {
  const parts = rng.next() < 0.15 ? id.split('/') : [id];
  const encoded = parts.map((p) => enc(p)).filter((p) => p !== '' && p !== '.' && p !== '..');
  return encoded.length > 0 ? encoded.join('/') : 'x';
}

function query(rng: Rng, params: Record<string, () => string>): string {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (rng.next() < 0.7) q.set(key, value());
  if (rng.next() < 0.1) q.set(randomText(rng, 8) || 'junk', randomText(rng));
  const text = q.toString();
  // Now and then a raw, badly encoded tail that URLSearchParams would have escaped.
  return rng.next() < 0.05 ? `${text}&${pick(rng, ['%', '%E0%A4%A', 'a=%ZZ', '=&=', '&&&'])}` : text;
}

function apiPath(rng: Rng, known: Known): string {
  const id = () => fuzzValue(rng, known.runIds);
  const num = () => pick(rng, ['-1', '0', '1', '2', '50', '500', '501', '10000', '10001', '1e3', 'abc', '', '9'.repeat(30), '1.5']);
  switch (rng.int(0, 9)) {
    case 0: case 1: case 2: return `/api/runs/${idPath(rng, id())}`;
    case 3: return `/api/runs?${query(rng, { limit: num, cursor: () => fuzzValue(rng, ['WzE3MDAwMDAwMDAwMDAsImEiXQ']), q: () => fuzzValue(rng, ['dedup']), status: () => pick(rng, ['RUNNING', 'COMPLETED', 'failed', 'X', '']), job: () => randomText(rng), experiment: () => randomText(rng) })}`;
    case 4: return `/api/metric-history?${query(rng, { run: id, key: () => fuzzValue(rng, known.metricKeys), maxPoints: num })}`;
    case 5: return `/api/lineage?${query(rng, { node: () => nodeId(rng, known), depth: num, dir: () => pick(rng, ['up', 'down', 'both', 'sideways', '']), full: () => pick(rng, ['0', '1', 'yes']), columns: () => pick(rng, ['0', '1', '2']), expand: () => `${nodeId(rng, known)},${nodeId(rng, known)}`, limit: num })}`;
    case 6: return `/api/lineage/search?${query(rng, { q: () => fuzzValue(rng, ['dedup', 'groot']) })}`;
    case 7: return `/api/lineage/node?${query(rng, { node: () => nodeId(rng, known) })}`;
    case 8: return `/api/runs/${idPath(rng, id())}/${idPath(rng, randomText(rng, 10))}`;
    default: return `/api/health?${query(rng, { verbose: () => randomText(rng) })}`;
  }
}

function pagePath(rng: Rng, known: Known): string {
  const ref = () => `${enc(fuzzValue(rng, ['s3://bucket', 'groot-data-etl'])) || 'x'}/${enc(fuzzValue(rng, ['groot/staging/loaded', 'groot-data-etl.deduplication'])) || 'x'}`;
  switch (rng.int(0, 4)) {
    case 0: return `/runs/${idPath(rng, fuzzValue(rng, known.runIds))}`;
    case 1: return `/?${query(rng, { q: () => randomText(rng), status: () => randomText(rng, 8), cursor: () => randomText(rng), limit: () => randomText(rng, 4) })}`;
    case 2: return `/lineage?${query(rng, { node: () => nodeId(rng, known), depth: () => randomText(rng, 3), dir: () => randomText(rng, 5) })}`;
    case 3: return `/datasets/${ref()}`;
    default: return `/jobs/${ref()}`;
  }
}

const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function get(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, timeout: 30_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy(new Error(`timed out: ${url}`)));
    req.on('error', reject);
    req.end();
  });
}

let marquez: MarquezStub;
let mlflow: MlflowStub;
let app: Awaited<ReturnType<typeof startApp>>;

test.beforeAll(async () => {
  marquez = await startMarquezStub({ events: loadEventsFromFiles([path.join(groot, 'openlineage', 'events.ndjson')]) });
  mlflow = await startMlflowStub();
  app = await startApp(port, { MARQUEZ_URL: marquez.url, MLFLOW_TRACKING_URI: mlflow.url });
});
test.afterAll(async () => {
  await app?.stop();
  agent.destroy();
  await marquez?.close();
  await mlflow?.close();
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// MLflow's run-id rule (_RUN_ID_REGEX), as lib/sources/mlflow applies it before any lookup.
const MLFLOW_RUN_ID = /^[a-zA-Z0-9][\w-]{0,255}$/;

test('10,000 hostile requests: only 2xx/400/404 (or 429 for run look-ups shed), and only validated ids reach Marquez and MLflow', async () => {
  test.setTimeout(600_000);
  const stages: Array<{ openlineage_run_id: string; mlflow_run_id: string; job: string; input: { name: string } }> = expected.executions[0].stages;
  const mlflowRunIds = new Set(stages.map((s) => s.mlflow_run_id));
  const known: Known = {
    runIds: stages.flatMap((s) => [s.openlineage_run_id, s.mlflow_run_id]),
    nodes: stages.flatMap((s) => [`job:groot-data-etl:${enc(s.job.split('/')[1] ?? '')}`, `dataset:${enc('s3://bucket')}:${enc(s.input.name)}`]),
    metricKeys: ['dedup_rate', 'total_samples', 'throughput', 'loss'],
  };
  const rng = rngFor('runlens', 'fuzz', 'e2e');
  const paths = Array.from({ length: TOTAL }, () => (rng.next() < PAGE_SHARE ? pagePath(rng, known) : apiPath(rng, known)));
  const marquezBefore = marquez.requests.length;
  const mlflowBefore = mlflow.requests.length;

  const bad: string[] = [];
  const counts = new Map<number, number>();
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < paths.length) {
      const p = paths[next++] as string;
      const status = await get(`${app.base}${p}`);
      counts.set(status, (counts.get(status) ?? 0) + 1);
      // A flood of unknown ids is shed per source (lib/catalog/lookup-limit.ts): a look-up not asked is "try again", never a 404.
      const shed = status === 429 && /^\/(api\/)?(runs|compare|audit)\b/.test(p);
      if (!((status >= 200 && status < 300) || status === 400 || status === 404 || shed)) bad.push(`${status} ${p.slice(0, 300)}`);
    }
  }));
  console.log(`fuzz statuses: ${JSON.stringify(Object.fromEntries(counts))}`);
  expect(bad.slice(0, 20), `${bad.length} responses were not 2xx/400/404 (or a shed look-up's 429)`).toEqual([]);
  // Valid ids are in the mix too: some lookups succeed, some are refused, some are not found.
  expect(counts.get(200) ?? 0).toBeGreaterThan(500);
  expect(counts.get(400) ?? 0).toBeGreaterThan(500);
  expect(counts.get(404) ?? 0).toBeGreaterThan(500);

  // What reached Marquez: run lookups by canonical UUID only; names and queries without control characters, within limits.
  const marquezProblems: string[] = [];
  for (const r of marquez.requests.slice(marquezBefore)) {
    const segments = r.path.split('/').map((s) => decodeURIComponent(s));
    const params = new URLSearchParams(r.query);
    const values = [...segments, ...params.values()];
    if (values.some((v) => CONTROL.test(v) || v.length > 1000)) marquezProblems.push(`control character or overlong value: ${r.path}?${r.query}`);
    const run = /^\/api\/v1\/jobs\/runs\/([^/]+)/.exec(r.path);
    if (run && !UUID.test(decodeURIComponent(run[1] ?? ''))) marquezProblems.push(`run lookup by a non-UUID: ${r.path}`);
    if (r.path === '/api/v1/runlineage/upstream' && !UUID.test(params.get('runId') ?? '')) marquezProblems.push(`upstream of a non-UUID: ${r.query}`);
    if (r.path === '/api/v1/search') {
      const q = params.get('q') ?? '';
      if (q.trim() !== q || q.length < 1 || q.length > 200) marquezProblems.push(`search with an unvalidated q: ${r.query.slice(0, 300)}`);
    }
  }
  expect(marquezProblems.slice(0, 20)).toEqual([]);
  // Unknown ids that validate are looked up (as UUIDs): the check above saw real traffic.
  expect(marquez.requests.slice(marquezBefore).filter((r) => r.path.startsWith('/api/v1/jobs/runs/')).length).toBeGreaterThan(100);

  // What reached MLflow: ids of runs it listed itself, or in runs/get (the lookup of a run newer than the
  // last search) ids that pass MLflow's own run-id rule; metric keys within the limit.
  const mlflowProblems: string[] = [];
  for (const r of mlflow.requests.slice(mlflowBefore)) {
    const params = new URLSearchParams(r.query);
    const body = (r.body ?? {}) as Record<string, unknown>;
    const ids = [...params.getAll('run_id'), ...params.getAll('run_ids'), ...(typeof body.run_id === 'string' ? [body.run_id] : [])];
    const allowed = (id: string) => mlflowRunIds.has(id) || (r.path.endsWith('/runs/get') && MLFLOW_RUN_ID.test(id));
    for (const id of ids) if (!allowed(id)) mlflowProblems.push(`${r.path} with run id ${JSON.stringify(id).slice(0, 100)}`);
    const key = params.get('metric_key');
    if (key !== null && (CONTROL.test(key) || key.length > 250)) mlflowProblems.push(`${r.path} with metric key ${JSON.stringify(key).slice(0, 100)}`);
  }
  expect(mlflowProblems.slice(0, 20)).toEqual([]);

  // No request ended in an unhandled server error.
  const metrics = await (await fetch(`${app.base}/api/metrics`)).text();
  const requestErrors = app.logLines().filter((line) => line.includes('"request_error"'));
  expect(metrics, `server logged: ${requestErrors.slice(0, 5).join('\n')}`).not.toMatch(/^runlens_request_errors_total\{[^}]*\} [1-9]/m);
});
