#!/usr/bin/env node
// `node scripts/bench/rss-timeline.mjs [--root <build>] [--port N] [--only mlflow|files] [--snapshot-above <MB,…>] [--snapshot-dir <dir>]`:
// starts the build on the bench data (.bench/data of this checkout) with an empty index and samples, every second until
// every syncer follows, the server's RSS beside V8's heap and external memory and each syncer's phase, so the phase
// that peaks is named. With --snapshot-above 200,420 writes a heap snapshot the first time RSS passes each of those MB.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rssOf, table, waitFor } from './measure.mjs';
import { memoryUsageOf, writeHeapSnapshot } from './heap-after-gc.mjs';

const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const arg = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : fallback;
};
const root = path.resolve(arg('--root', here));
const port = Number(arg('--port', process.env.BENCH_PORT ?? 3200));
const snapshotAbove = String(arg('--snapshot-above', '')).split(',').filter(Boolean).map(Number);
const snapshotDir = path.resolve(arg('--snapshot-dir', path.join(root, '.bench', 'heap-snapshots')));
const dataDir = path.join(here, '.bench', 'data');
const inspect = `127.0.0.1:${port + 2}`;
const only = arg('--only', null);
const sources = {
  OPENLINEAGE_EVENTS: only === 'mlflow' ? '' : path.join(dataDir, 'openlineage'),
  MLFLOW_TRACKING_URI: only === 'files' ? '' : `sqlite:///${path.join(dataDir, 'mlflow.db')}`,
};

const indexDir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-rss-timeline-'));
const child = spawn(process.execPath, [`--inspect=${inspect}`, path.join(root, 'node_modules/next/dist/bin/next'), 'start', '--port', String(port)], {
  cwd: root, stdio: 'ignore',
  env: { ...process.env, NODE_ENV: 'production', RUNLENS_DATA_DIR: indexDir, ...sources, RUNLENS_REFRESH_INTERVAL_MS: '1000' },
});
const base = `http://127.0.0.1:${port}`;
const started = performance.now();
const samples = [];
try {
  await waitFor(base);
  const deadline = Date.now() + 900_000;
  for (;;) {
    let sync = [];
    try {
      sync = (await (await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(10_000) })).json()).index?.sync ?? [];
    } catch {
      // a busy server: the sample still counts, without phases
    }
    const usage = await memoryUsageOf(inspect);
    const sample = {
      s: (performance.now() - started) / 1000, rss: rssOf(child.pid), ...usage,
      phases: sync.map((s) => `${s.source.replace(/^mlflow-|^openlineage-/, '')} ${s.phase} ${s.indexed ?? '?'}`).join(', '),
    };
    samples.push(sample);
    console.log(`${sample.s.toFixed(0).padStart(4)} s  RSS ${sample.rss?.toFixed(0)} MB  heap ${usage?.heapUsed.toFixed(0)}/${usage?.heapTotal.toFixed(0)}  external ${usage?.external.toFixed(0)} (buffers ${usage?.arrayBuffers.toFixed(0)})  ${sample.phases}`);
    if (snapshotAbove.length > 0 && sample.rss > snapshotAbove[0]) {
      snapshotAbove.shift();
      fs.mkdirSync(snapshotDir, { recursive: true });
      const file = path.join(snapshotDir, `rss-${sample.rss.toFixed(0)}MB-${sample.s.toFixed(0)}s.heapsnapshot`);
      const bytes = await writeHeapSnapshot(inspect, file);
      console.log(`heap snapshot: ${bytes === null ? 'the inspector did not answer' : file}`);
    }
    if (sync.length > 0 && sync.every((s) => s.phase === 'follow')) break;
    if (Date.now() > deadline) throw new Error('the index did not catch up within 15 minutes');
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  const peak = samples.reduce((a, b) => ((b.rss ?? 0) > (a.rss ?? 0) ? b : a));
  const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const hwm = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  console.log(`\n${table([
    ['build', 'peak RSS (VmHWM)', 'highest sample', 'at', 'heap used / reserved then', 'external then', 'syncers then'],
    [root, `${hwm.toFixed(0)} MB`, `${peak.rss.toFixed(0)} MB`, `${peak.s.toFixed(0)} s`, `${peak.heapUsed?.toFixed(0)} / ${peak.heapTotal?.toFixed(0)} MB`, `${peak.external?.toFixed(0)} MB`, peak.phases],
  ])}\nload average: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
} finally {
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  fs.rmSync(indexDir, { recursive: true, force: true });
}
