#!/usr/bin/env node
// `npm run bench:scale`: Runlens against a real-team-sized MLflow, side by side with the targets of the
// run-index issue. By default a stub MLflow (MLflow's paging, ordering and time filters) holding 150,000
// synthetic runs in 200 experiments; `--mlflow-url=http://127.0.0.1:5056` measures a real server instead
// (../shared/tools/real-mlflow/, with logproxy.py in front: pass `--proxy-log=<its log>` to count bytes,
// and `--oldest-id=… --oldest-name=…` from its facts file). `--runs=N` changes the stub's size; one run in five
// is a parent of the next four (`mlflow.parentRunId`; `--stages-per-parent=N`, 0 for none) so the grouped list is measured.
// `--cpu-prof=<dir>` profiles the server (node --cpu-prof) and prints its longest busy stretches with where they spent it.
// `--replicas=N` (N ≥ 2) measures only the idle upstream cost, side by side: one replica, then N, on one throw-away
// Postgres cluster on loopback (ports `--port` … `--port`+N-1), page views spread over the replicas as a load balancer would.
// `--idle-minutes=N` (default 3) sets each idle window; the table breaks it down by endpoint and kind of runs/search.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importTs as importTsFrom, median, rssOf, table } from './measure.mjs';
import { describeLongTasks } from './long-tasks.mjs';
import { startLiveSampler } from './live-sampler.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=').slice(1).join('=') ?? null;
const RUNS = Number(arg('runs') ?? 150_000);
const EXPERIMENTS = 200;
const STAGES_PER_PARENT = Number(arg('stages-per-parent') ?? 4);
const port = Number(arg('port') ?? 3191);
const base = `http://127.0.0.1:${port}`;
const REPLICAS = Number(arg('replicas') ?? 1);
const baseOf = (replica) => `http://127.0.0.1:${port + replica}`;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const importTs = (file) => importTsFrom(root, file);

// `--app-dir=<dir>`: serve another build (a copy with its own .next), e.g. the one before a change, side by side.
const appDir = path.resolve(arg('app-dir') ?? root);
if (!fs.existsSync(path.join(appDir, '.next', 'BUILD_ID'))) {
  console.error('bench:scale serves the production build: run `npm run build` first.');
  process.exit(1);
}

// ── the upstream ────────────────────────────────────────────────────────────────────────────────────
const external = arg('mlflow-url');
let stub = null;
let oldest = { id: arg('oldest-id'), name: arg('oldest-name') };
if (!external) {
  const { startMlflowStub, syntheticData, syntheticRunId } = await importTs('tests/stubs/mlflow/index.ts');
  const spacingMs = Math.floor((365 * 86_400_000) / RUNS); // a year of runs, the newest a day ago
  const firstStartMs = Date.now() - 86_400_000 - RUNS * spacingMs;
  console.log(`Stub MLflow: ${RUNS.toLocaleString('en-US')} runs in ${EXPERIMENTS} experiments…`);
  stub = await startMlflowStub({ data: syntheticData({ runs: RUNS, experiments: EXPERIMENTS, firstStartMs, spacingMs, stagesPerParent: STAGES_PER_PARENT }) });
  stub.shape = { runs: RUNS, experiments: EXPERIMENTS, firstStartMs, spacingMs, stagesPerParent: STAGES_PER_PARENT };
  oldest = { id: syntheticRunId(0), name: 'trial-0' };
}
const mlflowUrl = external ?? stub.url;

/** Requests and bytes the upstream answered since `from` (epoch ms): the stub's log, or logproxy's. */
function upstreamSince(from) {
  if (stub) {
    const rows = stub.requests.filter((r) => r.startedAt >= from);
    return { requests: rows.length, bytes: rows.reduce((n, r) => n + r.bytes, 0) };
  }
  const log = arg('proxy-log');
  if (!log) return { requests: NaN, bytes: NaN };
  let requests = 0;
  let bytes = 0;
  for (const line of fs.readFileSync(log, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const entry = JSON.parse(line);
    const at = (entry.t ?? entry.time ?? entry.ts ?? 0) * (entry.t && entry.t < 1e12 ? 1000 : 1);
    if (at >= from) {
      requests += 1;
      bytes += entry.bytes ?? entry.resp_bytes ?? entry.response_bytes ?? 0;
    }
  }
  return { requests, bytes };
}

/** What kind of ask a logged stub request was: the endpoint, and for runs/search the feed's reason (by its filter). */
function kindOf(request) {
  const endpoint = request.path.replace(/^.*\/mlflow\//, '');
  if (endpoint !== 'runs/search') return endpoint;
  const filter = String(request.body?.filter ?? '');
  if (/end_time/.test(filter)) return 'runs/search: ended runs';
  if (/start_time <=/.test(filter)) return 'runs/search: sweep';
  if (/start_time >=/.test(filter)) return 'runs/search: poll';
  if (/run_id/.test(filter)) return 'runs/search: by id';
  // The sweep's first window of a pass asks from the newest, without a filter (its recent walk's: `start_time >=`, as a poll).
  return filter === '' ? 'runs/search: sweep' : 'runs/search: other';
}

/** Requests and bytes per minute by kind since `from` (stub only). */
function breakdownSince(from, minutes) {
  const kinds = new Map();
  for (const r of stub?.requests.filter((x) => x.startedAt >= from) ?? []) {
    const entry = kinds.get(kindOf(r)) ?? { requests: 0, bytes: 0 };
    entry.requests += 1;
    entry.bytes += r.bytes;
    kinds.set(kindOf(r), entry);
  }
  return [...kinds].sort((a, b) => b[1].bytes - a[1].bytes)
    .map(([kind, e]) => `${kind}: ${(e.requests / minutes).toFixed(1)}/min, ${(e.bytes / minutes / 1000).toFixed(1)} KB/min`).join('; ');
}

// ── the server ──────────────────────────────────────────────────────────────────────────────────────
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-scale-'));
const cpuProfDir = arg('cpu-prof');
const profiling = cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(cpuProfDir)}`] : [];
function startServer(replica = 0, extraEnv = {}) {
  const child = spawn(process.execPath, [...profiling, path.join(root, 'node_modules/next/dist/bin/next'), 'start', '--port', String(port + replica)], {
    cwd: appDir,
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', OPENLINEAGE_EVENTS: '', MLFLOW_TRACKING_URI: mlflowUrl, RUNLENS_DATA_DIR: dataDir, ...extraEnv },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return child;
}

async function timed(url) {
  const started = performance.now();
  const response = await fetch(url);
  const body = await response.text();
  return { ms: performance.now() - started, status: response.status, body };
}

const p = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
};

/** The server's own event-loop delay since the last scrape (prom-client resets it on each): the longest block, in ms. */
async function eventLoopMaxMs() {
  const text = (await timed(`${base}/api/metrics`)).body;
  const max = /^nodejs_eventloop_lag_max_seconds\s+([\d.e+-]+)/m.exec(text);
  return max ? Number(max[1]) * 1000 : null;
}

/** Samples /api/live (every 200 ms, from a thread the stub never holds up), the server's event-loop delay (every 5 s) and its RSS until stopped. */
function samplers(pid) {
  const live = startLiveSampler(`${base}/api/live`);
  const loopMax = [];
  // When each sample was taken (s since the server started): says whether the longest stretches are start-up.
  const loopAt = [];
  const startedAt = performance.now();
  let peakRss = 0;
  let running = true;
  (async () => {
    while (running) {
      await sleep(5000);
      const ms = await eventLoopMaxMs().catch(() => null);
      if (ms !== null) {
        loopMax.push(ms);
        loopAt.push((performance.now() - startedAt) / 1000);
      }
    }
  })();
  const rssTimer = setInterval(() => {
    peakRss = Math.max(peakRss, rssOf(pid) ?? 0);
  }, 1000);
  return { live: () => live.mark(), loopMax, loopAt, peak: () => peakRss, stop: () => { running = false; clearInterval(rssTimer); return live.stop(); } };
}

async function firstNonEmptyPage(startedAt, at = base) {
  for (;;) {
    try {
      const page = JSON.parse((await timed(`${at}/api/runs?limit=50`)).body);
      if (page.runs?.length > 0) return performance.now() - startedAt;
    } catch {
      // starting
    }
    await sleep(100);
  }
}

async function syncState(at = base) {
  const health = JSON.parse((await timed(`${at}/api/health`)).body);
  return health.index?.sync?.find((s) => s.source === 'mlflow') ?? null;
}

const rows = [['measure', 'Runlens', 'target', 'reference']];
const mb = (bytes) => `${(bytes / 1e6).toFixed(2)} MB`;

/** Waits until the MLflow syncer follows (backfill done), printing progress every 30 s. */
async function untilFollowing(at = base) {
  let lastProgress = 0;
  for (;;) {
    const state = await syncState(at).catch(() => null);
    if (state && state.phase === 'follow') return;
    if (state && performance.now() - lastProgress > 30_000) {
      console.log(`  indexing: ${state.indexed} runs so far${state.reachedBackTo ? `, back to ${state.reachedBackTo}` : ''}`);
      lastProgress = performance.now();
    }
    await sleep(2000);
  }
}

/** `minutes` of one open tab (a page view every 20 s, spread over the replicas); the upstream's requests and bytes meanwhile. */
async function idleWindow(minutes, replicas) {
  const from = Date.now();
  for (let t = 0; t < minutes * 3; t++) {
    await timed(`${baseOf(t % replicas)}/`);
    await sleep(20_000);
  }
  return { ...upstreamSince(from), breakdown: breakdownSince(from, minutes) };
}

const idleMinutes = Number(arg('idle-minutes') ?? 3);

// ── --replicas=N: idle cost of one replica, then N, on one Postgres ──────────────────────────────────────
if (REPLICAS > 1) {
  const { startPostgresServer } = await importTs('tests/stubs/postgres-server.ts');
  const pg = await startPostgresServer();
  const env = { RUNLENS_DATABASE_URL: pg.url };
  const servers = [startServer(0, env)];
  await firstNonEmptyPage(performance.now(), baseOf(0));
  await untilFollowing(baseOf(0));
  // A minute to settle (the first sweep turns, the experiments read of the first page views).
  await idleWindow(1, 1);
  const one = await idleWindow(idleMinutes, 1);
  for (let r = 1; r < REPLICAS; r++) {
    servers.push(startServer(r, env));
    await firstNonEmptyPage(performance.now(), baseOf(r));
  }
  await idleWindow(1, REPLICAS);
  const many = await idleWindow(idleMinutes, REPLICAS);
  const health = await Promise.all(servers.map((_, r) => syncState(baseOf(r)).catch(() => null)));
  const perMinute = (x) => `${(x.requests / idleMinutes).toFixed(1)} requests, ${mb(x.bytes / idleMinutes)}`;
  const replicaRows = [['idle upstream cost per minute (one tab, Postgres index)', 'Runlens', 'target'],
    ['1 replica', perMinute(one), '≤ 6 requests, ≤ 0.2 MB'], [`${REPLICAS} replicas`, perMinute(many), 'the same as 1']];
  console.log(`\nRunlens replicas: ${external ? `MLflow at ${external}` : `stub MLflow, ${RUNS.toLocaleString('en-US')} runs`}, ${idleMinutes} idle minutes each (${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')})\n`);
  console.log(table(replicaRows));
  console.log(`\n1 replica by kind: ${one.breakdown}\n${REPLICAS} replicas by kind: ${many.breakdown}`);
  console.log(`MLflow synced by: ${health.map((h, r) => `replica ${r}: ${h?.syncedBy ?? 'none'}`).join('; ')}`);
  for (const server of servers) {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  }
  await pg.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  await stub?.close();
  process.exit(0);
}

// 1. Cold start, empty index.
let server = startServer();
let started = performance.now();
let sampling = samplers(server.pid);
const firstColdMs = await firstNonEmptyPage(started);
rows.push(['first non-empty runs page, cold start, empty index', `${(firstColdMs / 1000).toFixed(1)} s`, '≤ 30 s', 'MLflow UI: 0.35 s per page (no index)']);
await untilFollowing();
const backfillMs = performance.now() - started;
const liveDuringBackfill = await sampling.live();
rows.push(['backfill of every run (newest first)', `${(backfillMs / 1000).toFixed(0)} s`, '—', '']);
rows.push(['/api/live p99 during the backfill', `${p(liveDuringBackfill, 0.99).toFixed(0)} ms (p50 ${median(liveDuringBackfill).toFixed(0)}, max ${Math.max(...liveDuringBackfill).toFixed(0)}, n=${liveDuringBackfill.length})`, '≤ 200 ms', '']);
// Event-loop delay counts time the process waited for a CPU too: on a loaded machine it is an upper bound of blocking.
const loops = [...sampling.loopMax];
rows.push(['event-loop delay, longest per 5 s during the backfill', `median ${median(loops).toFixed(0)} ms, p90 ${p(loops, 0.9).toFixed(0)} ms, max ${Math.max(...loops).toFixed(0)} ms (n=${loops.length})`, '≤ 100 ms', `load ${os.loadavg()[0].toFixed(1)}`]);
const longestLoops = loops.map((ms, i) => [ms, sampling.loopAt[i]]).sort((a, b) => b[0] - a[0]).slice(0, 3);
rows.push(['  the three longest (s since the server started)', longestLoops.map(([ms, at]) => `${ms.toFixed(0)} ms at ${at.toFixed(0)} s`).join(', '), '—', '']);

// 2. Queries at size.
const listTimes = [];
for (let i = 0; i < 30; i++) listTimes.push((await timed(`${base}/api/runs?limit=50&status=COMPLETED&sort=-metrics.dedup_rate`)).ms);
rows.push(['runs list: 50 rows, filtered, sorted by a metric (p50 of 30)', `${median(listTimes).toFixed(0)} ms`, '≤ 100 ms', '']);
const groupedTimes = [];
for (let i = 0; i < 30; i++) groupedTimes.push((await timed(`${base}/api/runs?limit=50&group=stages&sort=-metrics.dedup_rate`)).ms);
rows.push(['runs list grouped: 50 top-level runs with their stages, sorted by a metric (p50 of 30)', `${median(groupedTimes).toFixed(0)} ms`, '≤ 100 ms', '']);
const oldestPage = await timed(`${base}/runs/${oldest.id}`);
rows.push(['the oldest run opens (/runs/<id>)', `${oldestPage.ms.toFixed(0)} ms (HTTP ${oldestPage.status})`, '≤ 2 s', '']);
const found = JSON.parse((await timed(`${base}/api/runs?q=${encodeURIComponent(oldest.name)}`)).body);
rows.push([`?q=${oldest.name} finds it`, found.runs?.some((r) => r.experiment?.runId === oldest.id) ? `yes (${found.total} match)` : 'NO', 'yes', '']);

// 3. A new upstream run appears.
if (stub) {
  const { syntheticRun } = await importTs('tests/stubs/mlflow/synthetic.ts');
  const fresh = syntheticRun(RUNS + 1, { ...stub.shape, firstStartMs: Date.now() - (RUNS + 1) * stub.shape.spacingMs });
  stub.data.runs.push(fresh);
  const addedAt = performance.now();
  for (;;) {
    const page = JSON.parse((await timed(`${base}/api/runs?limit=5`)).body);
    if (page.runs?.some((r) => r.experiment?.runId === fresh.info.run_id)) break;
    await sleep(500);
  }
  rows.push(['a new upstream run appears in the list', `${((performance.now() - addedAt) / 1000).toFixed(1)} s`, '≤ 30 s', '']);
}

// 4. Idle cost with one tab open (a page view every 20 s), once caught up.
const idle = await idleWindow(idleMinutes, 1);
rows.push(['upstream cost per minute, caught up, one tab', `${(idle.requests / idleMinutes).toFixed(1)} requests, ${mb(idle.bytes / idleMinutes)}`, '≤ 6 requests, ≤ 0.2 MB', 'before: 69 MB/min; MLflow UI: 4 polls/min']);
rows.push(['peak RSS of the server (cold start to here)', `${sampling.peak().toFixed(0)} MB`, '≤ 400 MB', 'before: 1.2 GB']);
await sampling.stop();

// 5. Restart with the index on disk.
server.kill('SIGTERM');
await new Promise((resolve) => server.once('exit', resolve));
server = startServer();
started = performance.now();
sampling = samplers(server.pid);
const firstWarmMs = await firstNonEmptyPage(started);
rows.push(['first non-empty runs page, restart with the index', `${(firstWarmMs / 1000).toFixed(1)} s`, '≤ 3 s', '']);
await sampling.stop();
server.kill('SIGTERM');
await new Promise((resolve) => server.once('exit', resolve));

const indexBytes = fs.readdirSync(dataDir).reduce((n, f) => n + fs.statSync(path.join(dataDir, f)).size, 0);
rows.push(['index on disk (SQLite, WAL included)', `${mb(indexBytes)} (${(indexBytes / RUNS / 1024).toFixed(1)} KB per run)`, '—', '']);
console.log(`\nRunlens at scale: ${external ? `MLflow at ${external}` : `stub MLflow, ${RUNS.toLocaleString('en-US')} runs`} (${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')})\n`);
console.log(table(rows));
if (stub) console.log(`\nIdle upstream cost by kind: ${idle.breakdown}`);
if (cpuProfDir) console.log(`\nLongest busy stretches of the server (CPU profiles in ${cpuProfDir}; back-to-back tasks merge):\n${describeLongTasks(cpuProfDir, { top: 8 })}`);
fs.rmSync(dataDir, { recursive: true, force: true });
await stub?.close();
process.exit(0);
