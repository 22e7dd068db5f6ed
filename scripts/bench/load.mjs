#!/usr/bin/env node
// `npm run bench:load` (issue: production hardening §6): autocannon with 100 connections for 30 s on the
// run page and then on /api/runs/{id}, the stub Marquez and stub MLflow answering at 50 ms per request.
// Prints errors (target 0), p50/p99, server RSS before/after (growth < 10 %), and upstream requests per
// 1,000 page views (target ≤ 20). Needs a production build (runs `next build` if there is none).
// Options: --duration <s> (default 30), --connections <n> (default 100), --rounds <n> (default 1),
// --warmup <s> (default: the duration; a load burst per target before "RSS before", so the heap has sized up),
// --cpu-prof <dir> (the server writes V8 CPU profiles there when it stops, for Chrome DevTools).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { importTs, rssOf, table, waitFor } from './measure.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const DURATION_S = arg('duration', 30);
const CONNECTIONS = arg('connections', 100);
/** Rounds over both targets: RSS that keeps growing round after round is a leak, a one-off rise is the heap sizing up. */
const ROUNDS = arg('rounds', 1);
const WARMUP_S = arg('warmup', DURATION_S);
const profileIndex = process.argv.indexOf('--cpu-prof');
const PROFILE_DIR = profileIndex === -1 ? null : path.resolve(process.argv[profileIndex + 1] ?? '.bench/cpu-prof');
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

if (!fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) {
  console.log('No production build found: running next build…');
  spawnSync(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'build'], { cwd: root, stdio: 'inherit' });
}

const { startMarquezStub } = await importTs(root, 'tests/stubs/marquez/index.ts');
const { startMlflowStub } = await importTs(root, 'tests/stubs/mlflow/index.ts');
const wide = await importTs(root, 'tests/stubs/wide-run.ts');
const recordings = path.join(root, '.bench', 'load-mlflow');
fs.rmSync(recordings, { recursive: true, force: true });
wide.writeWideRunRecordings(recordings);
const marquez = await startMarquezStub({ events: wide.wideRunEvents(), latencyMs: LATENCY_MS });
const mlflow = await startMlflowStub({ recordings, latencyMs: LATENCY_MS });
const port = Number(process.env.BENCH_LOAD_PORT ?? 3230);
const base = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, [...(PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : []), path.join(root, 'node_modules/next/dist/bin/next'), 'start', '--port', String(port)], {
  cwd: root, stdio: 'ignore',
  // NODE_ENV as in production: Vite's module runner (importTs above) sets it to "development" in this process.
  env: { ...process.env, NODE_ENV: 'production', MARQUEZ_URL: marquez.url, MLFLOW_TRACKING_URI: mlflow.url, OPENLINEAGE_EVENTS: '', REDIS_URL: process.env.REDIS_URL ?? '' },
});
const stubs = [marquez, mlflow];
/** Where each stub's request log stands, and what both logged since such a mark. */
const upstreamMark = () => stubs.map((stub) => stub.requests.length);
const upstreamSince = (mark) => stubs.flatMap((stub, i) => stub.requests.slice(mark[i]));

try {
  await waitFor(base);
  const targets = [
    ['run page', `${base}/runs/${wide.WIDE_RUN_ID}`],
    ['/api/runs/{id}', `${base}/api/runs/${wide.WIDE_RUN_ID}`],
  ];
  // Warm-up: the snapshots, the route bundles and the run's cached answers, as on a server that has been up a while.
  for (let i = 0; i < 5; i++) for (const [, url] of targets) await (await fetch(url)).arrayBuffer();
  const sequential = [];
  for (const [name, url] of targets) {
    const started = performance.now();
    for (let i = 0; i < 10; i++) await (await fetch(url)).arrayBuffer();
    sequential.push(`${name} ${((performance.now() - started) / 10).toFixed(0)} ms`);
  }
  const rssCold = rssOf(server.pid);
  // Steady state before measuring: a short burst per target, so "before" is not a cold heap.
  if (WARMUP_S > 0) for (const [, url] of targets) await load(url, WARMUP_S);
  const rssBefore = rssOf(server.pid);
  const rss = [`${rssCold?.toFixed(0)} MB cold`, `${rssBefore?.toFixed(0)} MB after a ${WARMUP_S} s burst per target (before)`];
  const kinds = [];
  const rssAfterRound = [];
  const rows = [['target', 'views', 'errors', 'p50', 'p99', 'req/s', 'upstream requests', 'per 1,000 views']];
  for (let round = 1; round <= ROUNDS; round++) for (const [target, url] of targets) {
    const name = ROUNDS > 1 ? `${target} (round ${round})` : target;
    const before = upstreamMark();
    const started = Date.now();
    const result = await load(url);
    const during = upstreamSince(before);
    const upstream = during.length;
    kinds.push(`${name} (${((Date.now() - started) / 1000).toFixed(0)} s): ${upstreamKinds(during)}`);
    const views = result.requests.total;
    // autocannon counts timeouts among the errors.
    const errors = result.errors + result.non2xx;
    const errorKinds = `${result.timeouts} timeouts, ${result.errors - result.timeouts} other errors, ${result.non2xx} non-2xx`;
    rows.push([name, String(views), `${errors} (${errorKinds}; target 0)`, `${result.latency.p50} ms`, `${result.latency.p99} ms`, result.requests.average.toFixed(0),
      String(upstream), `${(views > 0 ? (1000 * upstream) / views : NaN).toFixed(1)} (target ≤ 20)`]);
    rss.push(`${rssOf(server.pid)?.toFixed(0)} MB after ${name}`);
    if (target === targets.at(-1)[0]) rssAfterRound.push(rssOf(server.pid));
  }
  const rssAfter = rssOf(server.pid);
  console.log(`\nLoad — ${CONNECTIONS} connections × ${DURATION_S} s per target; stub Marquez + stub MLflow at ${LATENCY_MS} ms; run with 20 datasets and 50 metrics (${new Date().toISOString()})\n`);
  console.log(table(rows));
  console.log(`\none request at a time, after warm-up (mean of 10): ${sequential.join(', ')}; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs`);
  console.log(`\nupstream requests during each target:\n  ${kinds.join('\n  ')}`);
  if (rssBefore !== null && rssAfter !== null) {
    console.log(`\nserver RSS: ${rss.join(' → ')}; growth ${(100 * (rssAfter / rssBefore - 1)).toFixed(1)} % (target < 10 %)`);
    // A leak keeps growing round after round; a heap that sized up in round 1 stays flat after it.
    if (ROUNDS > 1) console.log(`growth from the end of round 1 to the end of round ${ROUNDS}: ${(100 * (rssAfter / rssAfterRound[0] - 1)).toFixed(1)} %`);
  }
} finally {
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  // The CPU profile is written as the server exits.
  if (PROFILE_DIR) await exited;
  await marquez.close();
  await mlflow.close();
}
