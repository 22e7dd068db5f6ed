#!/usr/bin/env node
// `npm run bench:scale`: Runlens against a real-team-sized MLflow, side by side with the targets of the
// run-index issue. By default a stub MLflow (MLflow's paging, ordering and time filters) holding 150,000
// synthetic runs in 200 experiments; `--mlflow-url=http://127.0.0.1:5056` measures a real server instead
// (../shared/tools/real-mlflow/, with logproxy.py in front: pass `--proxy-log=<its log>` to count bytes,
// and `--oldest-id=… --oldest-name=…` from its facts file). `--runs=N` changes the stub's size; one run in five
// is a parent of the next four (`mlflow.parentRunId`; `--stages-per-parent=N`, 0 for none) so the grouped list is measured.
// `--cpu-prof=<dir>` profiles the server (node --cpu-prof) and prints its longest busy stretches with where they spent it.
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

// ── the server ──────────────────────────────────────────────────────────────────────────────────────
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-scale-'));
const cpuProfDir = arg('cpu-prof');
const profiling = cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(cpuProfDir)}`] : [];
function startServer() {
  const child = spawn(process.execPath, [...profiling, path.join(root, 'node_modules/next/dist/bin/next'), 'start', '--port', String(port)], {
    cwd: appDir,
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', OPENLINEAGE_EVENTS: '', MLFLOW_TRACKING_URI: mlflowUrl, RUNLENS_DATA_DIR: dataDir },
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
  let peakRss = 0;
  let running = true;
  (async () => {
    while (running) {
      await sleep(5000);
      const ms = await eventLoopMaxMs().catch(() => null);
      if (ms !== null) loopMax.push(ms);
    }
  })();
  const rssTimer = setInterval(() => {
    peakRss = Math.max(peakRss, rssOf(pid) ?? 0);
  }, 1000);
  return { live: () => live.mark(), loopMax, peak: () => peakRss, stop: () => { running = false; clearInterval(rssTimer); return live.stop(); } };
}

async function firstNonEmptyPage(startedAt) {
  for (;;) {
    try {
      const page = JSON.parse((await timed(`${base}/api/runs?limit=50`)).body);
      if (page.runs?.length > 0) return performance.now() - startedAt;
    } catch {
      // starting
    }
    await sleep(100);
  }
}

async function syncState() {
  const health = JSON.parse((await timed(`${base}/api/health`)).body);
  return health.index?.sync?.find((s) => s.source === 'mlflow') ?? null;
}

const rows = [['measure', 'Runlens', 'target', 'reference']];
const mb = (bytes) => `${(bytes / 1e6).toFixed(2)} MB`;

// 1. Cold start, empty index.
let server = startServer();
let started = performance.now();
let sampling = samplers(server.pid);
const firstColdMs = await firstNonEmptyPage(started);
rows.push(['first non-empty runs page, cold start, empty index', `${(firstColdMs / 1000).toFixed(1)} s`, '≤ 30 s', 'MLflow UI: 0.35 s per page (no index)']);
let lastProgress = 0;
for (;;) {
  const state = await syncState().catch(() => null);
  if (state && state.phase === 'follow') break;
  if (state && performance.now() - lastProgress > 30_000) {
    console.log(`  indexing: ${state.indexed} of ~${state.estimatedTotal ?? '?'} runs`);
    lastProgress = performance.now();
  }
  await sleep(2000);
}
const backfillMs = performance.now() - started;
const liveDuringBackfill = await sampling.live();
rows.push(['backfill of every run (newest first)', `${(backfillMs / 1000).toFixed(0)} s`, '—', '']);
rows.push(['/api/live p99 during the backfill', `${p(liveDuringBackfill, 0.99).toFixed(0)} ms (p50 ${median(liveDuringBackfill).toFixed(0)}, max ${Math.max(...liveDuringBackfill).toFixed(0)}, n=${liveDuringBackfill.length})`, '≤ 200 ms', '']);
// Event-loop delay counts time the process waited for a CPU too: on a loaded machine it is an upper bound of blocking.
const loops = [...sampling.loopMax];
rows.push(['event-loop delay, longest per 5 s during the backfill', `median ${median(loops).toFixed(0)} ms, p90 ${p(loops, 0.9).toFixed(0)} ms, max ${Math.max(...loops).toFixed(0)} ms (n=${loops.length})`, '≤ 100 ms', `load ${os.loadavg()[0].toFixed(1)}`]);

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
const idleMinutes = Number(arg('idle-minutes') ?? 3);
const idleFrom = Date.now();
for (let t = 0; t < idleMinutes * 3; t++) {
  await timed(`${base}/`);
  await sleep(20_000);
}
const idle = upstreamSince(idleFrom);
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
if (cpuProfDir) console.log(`\nLongest busy stretches of the server (CPU profiles in ${cpuProfDir}; back-to-back tasks merge):\n${describeLongTasks(cpuProfDir, { top: 8 })}`);
fs.rmSync(dataDir, { recursive: true, force: true });
await stub?.close();
process.exit(0);
