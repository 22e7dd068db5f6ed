#!/usr/bin/env node
// `npm run bench:load` (issue #13): autocannon with 100 connections for 30 s on `/`, `/compare` with 6 runs, the run
// page and /api/runs/{id}, the stub Marquez and stub MLflow answering at 50 ms per request; then an unknown-id flood
// (1,000 concurrent /api/runs/<unknown id> while normal requests are timed). Prints errors and timeouts (target 0),
// p50/p99, server RSS over the rounds (growth < 10 % from the end of the warm-up round to the end of the last) beside the live heap after a full GC (the leak check), upstream requests per 1,000 views, and the normal request's
// latency during the flood (target ≤ 1 s) with the kernel's listen-queue overflows meanwhile; then, each on a server of
// its own (ports +1 and +2), a valid login during a wrong-password flood (target < 1 s) and the pages while Marquez
// hangs (target its 2 s deadline + 1 s; once its breaker opened, < 500 ms). Runs the standalone build (`npm run build:standalone`) when there is one,
// else `next start` (building if needed). Run it with `nice` on a shared machine and quote the load average it prints.
// Options: --duration <s> (default 30), --connections <n> (default 100), --rounds <n> (default 3),
// --warmup <s> (default: the duration; a warm-up round of every target at the same concurrency, reported but not counted,
// whose end is the memory baseline; 0 skips it),
// --flood <n> (default 1000), --cpu-prof <dir> (the server writes V8 CPU profiles there when it stops),
// --only <parts> (comma-separated of pages, flood, login, hang; default all: measure one part while working on it),
// --heap-snapshots <dir> (the server's V8 heap snapshot at each memory measure, after its figures are read: a snapshot
// itself costs the server memory, so RSS after the first one is not comparable with a run without them).
// BENCH_LOAD_PORT (default 3230): the main server's port (the login and hang servers use +1 and +2, the stub Marquez
// and MLflow +3 and +4, the main server's inspector +5 (for its heap after GC); the hang's fault proxy takes any free port);
// BENCH_SERVER_LOG=<file>: the servers' output goes there; BENCH_STANDALONE=<dir>: another build's .next/standalone.
import { spawn, spawnSync } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { Agent, fetch as fetchFrom } from 'undici';
import { memoryAfterGc, writeHeapSnapshot } from './heap-after-gc.mjs';
import { memoryReport } from './memory-report.mjs';
import { importTs, rssOf, table, waitFor } from './measure.mjs';
import { pagesWhileMarquezHangs, validLoginDuringFlood } from './guarded-latency.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const DURATION_S = arg('duration', 30);
const CONNECTIONS = arg('connections', 100);
/** Rounds over both targets: RSS that keeps growing round after round is a leak, a one-off rise is the heap sizing up. */
const ROUNDS = arg('rounds', 3);
const FLOOD = arg('flood', 1000);
const WARMUP_S = arg('warmup', DURATION_S);
const onlyIndex = process.argv.indexOf('--only');
const PARTS = new Set((onlyIndex === -1 ? 'pages,flood,login,hang' : process.argv[onlyIndex + 1] ?? '').split(','));
const profileIndex = process.argv.indexOf('--cpu-prof');
const PROFILE_DIR = profileIndex === -1 ? null : path.resolve(process.argv[profileIndex + 1] ?? '.bench/cpu-prof');
/** `--heap-snapshots <dir>` or `--heap-snapshots=<dir>`: where the heap snapshots go (none without it). */
const snapshotArg = process.argv.findIndex((a) => a === '--heap-snapshots' || a.startsWith('--heap-snapshots='));
const SNAPSHOT_DIR = snapshotArg === -1 ? null
  : path.resolve(process.argv[snapshotArg].includes('=') ? process.argv[snapshotArg].split('=')[1] : process.argv[snapshotArg + 1] ?? '.bench/heap-snapshots');
const LATENCY_MS = 50;

function load(url, duration = DURATION_S) {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections: CONNECTIONS, duration, timeout: 30 }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

/** Upstream requests by method and path with ids folded, so per-view calls stand apart from snapshot refreshes. */
function upstreamKinds(requests) {
  const counts = new Map();
  for (const r of requests) {
    const shape = `${r.method} ${decodeURIComponent(r.path).replace(/[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}/gi, '{id}')}`;
    counts.set(shape, (counts.get(shape) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1]).map(([shape, n]) => `${n}× ${shape}`).join(', ') || 'none';
}

// BENCH_STANDALONE: another build's `.next/standalone` (e.g. main's, for a before/after in one sitting).
const standalone = path.resolve(process.env.BENCH_STANDALONE ?? path.join(root, '.next', 'standalone'));
const useStandalone = fs.existsSync(path.join(standalone, 'server.js'));
if (!useStandalone && !fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) {
  console.log('No production build found: running next build…');
  spawnSync(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'build'], { cwd: root, stdio: 'inherit' });
}
if (useStandalone) {
  // As the Dockerfile lays it out: static files and public beside server.js.
  fs.cpSync(path.join(standalone, '..', 'static'), path.join(standalone, '.next', 'static'), { recursive: true, force: true });
  if (fs.existsSync(path.join(root, 'public'))) fs.cpSync(path.join(root, 'public'), path.join(standalone, 'public'), { recursive: true, force: true });
}

const { startMarquezStub } = await importTs(root, 'tests/stubs/marquez/index.ts');
const { startMlflowStub } = await importTs(root, 'tests/stubs/mlflow/index.ts');
const { startFaultProxy } = await importTs(root, 'tests/stubs/faults/index.ts');
const wide = await importTs(root, 'tests/stubs/wide-run.ts');
const recordings = path.join(root, '.bench', 'load-mlflow');
fs.rmSync(recordings, { recursive: true, force: true });
wide.writeWideRunRecordings(recordings);
const port = Number(process.env.BENCH_LOAD_PORT ?? 3230);
// The stubs on the ports after the servers' (+3, +4), so a shared machine's port ranges hold.
const marquez = await startMarquezStub({ events: wide.wideRunEvents(), latencyMs: LATENCY_MS, port: port + 3 });
const mlflow = await startMlflowStub({ recordings, latencyMs: LATENCY_MS, port: port + 4 });
const base = `http://127.0.0.1:${port}`;
const profile = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
// NODE_ENV as in production: Vite's module runner (importTs above) sets it to "development" in this process.
const env = { ...process.env, NODE_ENV: 'production', MARQUEZ_URL: marquez.url, MLFLOW_TRACKING_URI: mlflow.url, OPENLINEAGE_EVENTS: '', REDIS_URL: process.env.REDIS_URL ?? '' };

/** The app on `serverPort` with `serverEnv` and its own run index; `stop` ends it and removes the index. */
function spawnServer(serverPort, serverEnv, nodeArgs = []) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-bench-load-'));
  const childEnv = { ...serverEnv, RUNLENS_DATA_DIR: dataDir };
  const logFile = process.env.BENCH_SERVER_LOG ? fs.openSync(process.env.BENCH_SERVER_LOG, 'a') : null;
  const stdio = logFile === null ? 'ignore' : ['ignore', logFile, logFile];
  const child = useStandalone
    ? spawn(process.execPath, [...nodeArgs, path.join(standalone, 'server.js')], { cwd: standalone, stdio, env: { ...childEnv, PORT: String(serverPort), HOSTNAME: '127.0.0.1' } })
    : spawn(process.execPath, [...nodeArgs, path.join(root, 'node_modules/next/dist/bin/next'), 'start', '--port', String(serverPort)], { cwd: root, stdio, env: childEnv });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    child,
    base: `http://127.0.0.1:${serverPort}`,
    stop: async () => {
      child.kill('SIGTERM');
      // A server that does not exit within 10 s is killed (and said so), so the bench never hangs on it.
      const killer = setTimeout(() => {
        console.log(`server on port ${serverPort} did not exit within 10 s of SIGTERM: killed`);
        child.kill('SIGKILL');
      }, 10_000);
      await exited;
      clearTimeout(killer);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A further server for one measurement, answering once started. */
async function startServer(serverPort, serverEnv) {
  const started = spawnServer(serverPort, serverEnv);
  await waitFor(started.base);
  return started;
}

// The inspector (loopback, this bench only) lets the bench collect garbage and read the live heap at each measure.
const inspect = `127.0.0.1:${port + 5}`;
const main = spawnServer(port, env, [...profile, `--inspect=${inspect}`]);
const server = main.child;
const stubs = [marquez, mlflow];
/** Where each stub's request log stands, and what both logged since such a mark. */
const upstreamMark = () => stubs.map((stub) => stub.requests.length);
const upstreamSince = (mark) => stubs.flatMap((stub, i) => stub.requests.slice(mark[i]));

try {
  await waitFor(base);
  // Six runs of the stub's data (groot's stages and the wide run's), compared with the wide run first.
  const runIds = [...new Set(wide.wideRunEvents().map((e) => e.run.runId))];
  const six = [wide.WIDE_RUN_ID, ...runIds.filter((id) => id !== wide.WIDE_RUN_ID)].slice(0, 6);
  const targets = [
    ['/', `${base}/`],
    ['/compare (6 runs)', `${base}/compare?runs=${six.join(',')}`],
    ['run page', `${base}/runs/${wide.WIDE_RUN_ID}`],
    ['/api/runs/{id}', `${base}/api/runs/${wide.WIDE_RUN_ID}`],
  ];
  // Warm-up: the snapshots, the route bundles and the run's cached answers, as on a server that has been up a while.
  // A minute each at most: a server that stops answering fails the bench rather than hanging it.
  const get = async (url) => (await fetch(url, { signal: AbortSignal.timeout(60_000) })).arrayBuffer();
  for (let i = 0; i < 5; i++) for (const [, url] of targets) await get(url);
  const sequential = [];
  for (const [name, url] of targets) {
    const started = performance.now();
    for (let i = 0; i < 10; i++) await get(url);
    sequential.push(`${name} ${((performance.now() - started) / 10).toFixed(0)} ms`);
  }
  /** RSS and the live heap after a full GC at each point: RSS alone mixes what is held with what the allocator kept. */
  const memory = [];
  // After a round, once the requests autocannon abandoned (100 in flight) are done: their pages in the making are not
  // what the server keeps (with them, RSS at a round's end swung by 500 MB from one round to the next).
  const measureMemory = async (label, round) => {
    const quietMs = round === null ? 0 : await untilQuiet(`${base}/api/runs/${wide.WIDE_RUN_ID}`);
    const rss = rssOf(server.pid);
    const heap = await memoryAfterGc(inspect);
    memory.push({ label, round, quietMs, rss, heap: heap?.live ?? null, heapTotal: heap?.heapTotal ?? null, external: heap?.external ?? null });
    if (SNAPSHOT_DIR !== null) {
      fs.mkdirSync(SNAPSHOT_DIR, { recursive: true });
      const file = path.join(SNAPSHOT_DIR, `${String(memory.length).padStart(2, '0')}-${round === null ? 'cold' : `round-${round}`}.heapsnapshot`);
      const bytes = await writeHeapSnapshot(inspect, file);
      console.log(`heap snapshot (${label}): ${bytes === null ? 'the inspector did not answer' : `${file} (${(bytes / 1e6).toFixed(0)} MB)`}`);
    }
  };
  await measureMemory('cold (after the sequential warm-up)', null);
  const kinds = [];
  const rows = [['target', 'views', 'errors', 'p50', 'p99', 'req/s', 'upstream requests', 'per 1,000 views']];
  // Round 0 is the warm-up: a whole round at the same concurrency (the caches and the heap size up to what the
  // targets use), reported but not counted; its end is the baseline of the RSS growth.
  const firstRound = WARMUP_S > 0 ? 0 : 1;
  for (let round = firstRound; round <= (PARTS.has('pages') ? ROUNDS : -1); round++) for (const [target, url] of targets) {
    const name = round === 0 ? `${target} (warm-up, not counted)` : ROUNDS > 1 ? `${target} (round ${round})` : target;
    const before = upstreamMark();
    const started = Date.now();
    const result = await load(url, round === 0 ? WARMUP_S : DURATION_S);
    const during = upstreamSince(before);
    const upstream = during.length;
    kinds.push(`${name} (${((Date.now() - started) / 1000).toFixed(0)} s): ${upstreamKinds(during)}`);
    const views = result.requests.total;
    // autocannon counts timeouts among the errors.
    const errors = result.errors + result.non2xx;
    const errorKinds = `${result.timeouts} timeouts, ${result.errors - result.timeouts} other errors, ${result.non2xx} non-2xx`;
    rows.push([name, String(views), `${errors} (${errorKinds}; target 0)`, `${result.latency.p50} ms`, `${result.latency.p99} ms`, result.requests.average.toFixed(0),
      String(upstream), `${(views > 0 ? (1000 * upstream) / views : NaN).toFixed(1)} (target ≤ 20)`]);
    if (target === targets.at(-1)[0]) await measureMemory(round === 0 ? `end of the warm-up round (${WARMUP_S} s per target)` : `end of round ${round}`, round);
  }
  const overflowsBefore = listenOverflows();
  const flood = PARTS.has('flood') ? await unknownIdFlood(base, `${base}/api/runs/${wide.WIDE_RUN_ID}`) : null;
  const overflows = overflowsBefore === null ? null : listenOverflows() - overflowsBefore;
  console.log(`\nLoad — ${CONNECTIONS} connections × ${DURATION_S} s per target; stub Marquez + stub MLflow at ${LATENCY_MS} ms; run with 20 datasets and 50 metrics; ${useStandalone ? `standalone server (${path.relative(root, standalone) || '.'})` : 'next start'} (${new Date().toISOString()})\n`);
  if (PARTS.has('pages')) console.log(table(rows));
  console.log(`\none request at a time, after warm-up (mean of 10): ${sequential.join(', ')}; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs`);
  if (flood !== null) console.log(`\nunknown-id flood (sent once the user's request took < 250 ms three times in a row: after ${(flood.quietMs / 1000).toFixed(1)} s): ${FLOOD} concurrent GET /api/runs/<unknown id> from 127.0.0.1 (a thread of its own), the user from 127.0.0.2 (${flood.statuses}; ${flood.timeouts} timeouts, ${flood.failures} connection errors; all answered in ${flood.floodMs.toFixed(0)} ms);`
    + ` a normal /api/runs/{id} during it: ${flood.normal.map((ms) => `${ms.toFixed(0)} ms`).join(', ')} (max ${Math.max(...flood.normal).toFixed(0)} ms; target ≤ 1,000 ms)${flood.normalErrors.length > 0 ? `; failed: ${flood.normalErrors.join(', ')}` : ''}`
    + `; connection attempts the kernel dropped with a full listen queue meanwhile: ${overflows ?? 'unknown'} (each costs its client a SYN retry of 1 s, then 2 s more; machine-wide)`);
  // Each on a server of its own, after the main one's figures (it idles meanwhile).
  if (PARTS.has('login')) console.log(`\n${await validLoginDuringFlood(root, startServer, port + 1, env)}`);
  if (PARTS.has('hang')) console.log(`\n${await pagesWhileMarquezHangs(startServer, port + 2, env, { startFaultProxy, marquezUrl: marquez.url, runId: wide.WIDE_MLFLOW_ID })}`);
  if (PARTS.has('pages')) console.log(`\nupstream requests during each target:\n  ${kinds.join('\n  ')}`);
  if (PARTS.has('pages')) console.log(`\n${memoryReport(memory)}`);
} finally {
  // The CPU profile is written as the server exits.
  await main.stop();
  await marquez.close();
  await mlflow.close();
}

/** The kernel's count of connection attempts dropped because a listen queue was full (TcpExt ListenOverflows; null off Linux). */
function listenOverflows() {
  try {
    const [names, values] = fs.readFileSync('/proc/net/netstat', 'utf8').split('\n').filter((line) => line.startsWith('TcpExt:')).map((line) => line.split(/\s+/));
    const at = names.indexOf('ListenOverflows');
    return at === -1 ? null : Number(values[at]);
  } catch {
    return null;
  }
}

// The flood runs in a thread of its own: sent from this thread, its 1,000 requests and answers queued the user's
// requests behind them in this event loop, and the user's latency measured the bench, not the server.
/** The flood thread's code (a function: hoisted above the top-level code that uses it). */
function floodWorkerCode() {
  return `
const { parentPort, workerData } = require('node:worker_threads');
const { base, count, stamp } = workerData;
const unknownId = (i) => '0badf00d-0000-4000-8000-' + stamp + String(i).padStart(6, '0');
const statuses = {};
let timeouts = 0;
let failures = 0;
const started = performance.now();
const all = Array.from({ length: count }, async (_, i) => {
  try {
    const response = await fetch(base + '/api/runs/' + unknownId(i), { signal: AbortSignal.timeout(30000) });
    await response.arrayBuffer();
    statuses[response.status] = (statuses[response.status] ?? 0) + 1;
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') timeouts += 1;
    else failures += 1;
  }
});
parentPort.postMessage({ sent: true });
Promise.all(all).then(() => parentPort.postMessage({ statuses, timeouts, failures, floodMs: performance.now() - started }));
`;
}

/**
 * Waits until `url` answers in < 250 ms three times in a row (60 s at most), i.e. the requests a load run left in
 * flight are done; returns how long that took (ms). `dispatcher`: the client's undici Agent, if not the default.
 */
async function untilQuiet(url, dispatcher = undefined) {
  const started = performance.now();
  for (let quick = 0; quick < 3 && performance.now() - started < 60_000;) {
    const t = performance.now();
    const answered = await fetchFrom(url, { signal: AbortSignal.timeout(30_000), dispatcher }).then((r) => r.arrayBuffer()).then(() => true, () => false);
    quick = answered && performance.now() - t < 250 ? quick + 1 : 0;
  }
  return performance.now() - started;
}

/**
 * FLOOD concurrent look-ups of ids no source has (each distinct, so no cache answers), and while they are in
 * flight, normal requests one after another: how long does a user wait while the flood is shed or queued?
 */
async function unknownIdFlood(serverBase, normalUrl) {
  // The user is another client than the flooder (the server sheds a client's requests beyond its fair share). undici
  // binds the Agent's own `localAddress`; one under `connect` is overwritten (the user was 127.0.0.1, the flood's peer).
  const user = new Agent({ localAddress: '127.0.0.2' });
  // The page targets' abandoned requests (autocannon leaves 100 in flight) finish first: the flood is measured, not their tail.
  const quietMs = await untilQuiet(normalUrl, user);
  const worker = new Worker(floodWorkerCode(), { eval: true, workerData: { base: serverBase, count: FLOOD, stamp: String(Date.now() % 1e6).padStart(6, '0') } });
  let result = null;
  const finished = new Promise((resolve, reject) => {
    worker.on('message', (message) => {
      if (message.sent) return;
      result = message;
      resolve(message);
    });
    worker.on('error', reject);
  });
  await new Promise((resolve) => worker.once('message', resolve));
  const normal = [];
  const normalErrors = [];
  // Normal requests while the flood lasts (at least three).
  while (result === null || normal.length < 3) {
    const t = performance.now();
    try {
      const response = await fetchFrom(normalUrl, { signal: AbortSignal.timeout(30_000), dispatcher: user });
      const body = await response.text();
      if (!response.ok) normalErrors.push(`HTTP ${response.status} (${body.slice(0, 100)})`);
    } catch (error) {
      normalErrors.push(error instanceof Error ? (error.cause?.code ?? error.name) : String(error));
    }
    normal.push(performance.now() - t);
    if (normal.length >= 20) break;
  }
  const { statuses, timeouts, failures, floodMs } = await finished;
  await worker.terminate();
  await user.close();
  return { quietMs, statuses: Object.entries(statuses).sort((a, b) => Number(a[0]) - Number(b[0])).map(([status, n]) => `${n}× ${status}`).join(', '), timeouts, failures, floodMs, normal, normalErrors };
}
