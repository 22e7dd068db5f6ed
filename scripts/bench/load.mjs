#!/usr/bin/env node
// `npm run bench:load` (issue: production hardening §6): autocannon with 100 connections for 30 s on the
// run page and then on /api/runs/{id}, the stub Marquez and stub MLflow answering at 50 ms per request.
// Prints errors (target 0), p50/p99, server RSS before/after (growth < 10 %), and upstream requests per
// 1,000 page views (target ≤ 20). Needs a production build (runs `next build` if there is none).
// Options: --duration <s> (default 30), --connections <n> (default 100), --rounds <n> (default 1).
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
const LATENCY_MS = 50;

function load(url) {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, timeout: 30 }, (error, result) => (error ? reject(error) : resolve(result)));
  });
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
const server = spawn(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'start', '--port', String(port)], {
  cwd: root, stdio: 'ignore',
  env: { ...process.env, MARQUEZ_URL: marquez.url, MLFLOW_TRACKING_URI: mlflow.url, OPENLINEAGE_EVENTS: '', REDIS_URL: process.env.REDIS_URL ?? '' },
});
const upstreamCount = () => marquez.requests.length + mlflow.requests.length;

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
  const rssBefore = rssOf(server.pid);
  const rss = [`${rssBefore?.toFixed(0)} MB after warm-up`];
  const rows = [['target', 'views', 'errors', 'p50', 'p99', 'req/s', 'upstream requests', 'per 1,000 views']];
  for (let round = 1; round <= ROUNDS; round++) for (const [target, url] of targets) {
    const name = ROUNDS > 1 ? `${target} (round ${round})` : target;
    const before = upstreamCount();
    const result = await load(url);
    const upstream = upstreamCount() - before;
    const views = result.requests.total;
    // autocannon counts timeouts among the errors.
    const errors = result.errors + result.non2xx;
    const kinds = `${result.timeouts} timeouts, ${result.errors - result.timeouts} other errors, ${result.non2xx} non-2xx`;
    rows.push([name, String(views), `${errors} (${kinds}; target 0)`, `${result.latency.p50} ms`, `${result.latency.p99} ms`, result.requests.average.toFixed(0),
      String(upstream), `${(views > 0 ? (1000 * upstream) / views : NaN).toFixed(1)} (target ≤ 20)`]);
    rss.push(`${rssOf(server.pid)?.toFixed(0)} MB after ${name}`);
  }
  const rssAfter = rssOf(server.pid);
  console.log(`\nLoad — ${CONNECTIONS} connections × ${DURATION_S} s per target; stub Marquez + stub MLflow at ${LATENCY_MS} ms; run with 20 datasets and 50 metrics (${new Date().toISOString()})\n`);
  console.log(table(rows));
  console.log(`\none request at a time, after warm-up (mean of 10): ${sequential.join(', ')}; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs`);
  if (rssBefore !== null && rssAfter !== null) {
    console.log(`\nserver RSS: ${rss.join(' → ')}; growth ${(100 * (rssAfter / rssBefore - 1)).toFixed(1)} % (target < 10 %)`);
  }
} finally {
  server.kill('SIGTERM');
  await marquez.close();
  await mlflow.close();
}
