#!/usr/bin/env node
// `npm run bench`: measures, side by side in one run, what the foundation issue targets:
//   1. indexing ≈40,000 OpenLineage event files through the files feed into an empty run index (a server of its own,
//      as in production) beside a bare JSON.parse of the same files;
//   2. peak RSS of the server (target ≤ 400 MB) and the sync phase it peaked in; 3. median latency of /api/runs (first
//   page) and /api/runs/{id} over 50 requests (target ≤ 50 ms).
// Data is generated once into .bench/data (delete it, or pass --regenerate, to rebuild it).
// `npm run bench -- --only=lineage` runs only the lineage explorer part (it needs no generated data);
// `--only=explorer-interactions` only its interactions on the 4,000-node view (`--against=<root of another build>`
// measures that build beside this one), `--only=run-page` only the run page.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateBenchData } from './generate-data.mjs';
import { benchAudit } from './audit.mjs';
import { benchFanout } from './fanout.mjs';
import { benchLineage } from './lineage.mjs';
import { benchRunPage } from './run-page.mjs';
import { importTs as importTsFrom, listFiles, median, peakRssOf, rssOf, table, waitFor } from './measure.mjs';
import { startIsolatedServer } from './isolated-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dataDir = path.join(root, '.bench', 'data');
const eventsDir = path.join(dataDir, 'openlineage');
const dbFile = path.join(dataDir, 'mlflow.db');
const ROUNDS = 3;
const REQUESTS = 50;

/** `next start` serves the production build: make one when there is none. */
function ensureBuild() {
  if (fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) return;
  console.log('No production build found: running next build…');
  spawnSync(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'build'], { cwd: root, stdio: 'inherit' });
}

if (process.argv.includes('--only=run-page')) {
  ensureBuild();
  await benchRunPage(root);
  process.exit(0);
}

if (process.argv.includes('--only=lineage')) {
  ensureBuild();
  await benchLineage(root);
  process.exit(0);
}

if (process.argv.includes('--only=explorer-interactions')) {
  ensureBuild();
  const against = process.argv.find((a) => a.startsWith('--against='))?.slice('--against='.length) ?? null;
  await benchLineage(root, { interactionsOnly: true, against: against && path.resolve(against) });
  process.exit(0);
}

if (process.argv.includes('--regenerate') || !fs.existsSync(dbFile) || !fs.existsSync(eventsDir)) {
  console.log('Generating bench data (10,000 runs)…');
  const made = generateBenchData(dataDir, 10_000);
  console.log(`  ${made.runs} runs, ${made.events} events, ${made.metrics} metric points in ${made.seconds.toFixed(1)} s\n`);
}

const importTs = (file) => importTsFrom(root, file);
const { createMlflowStoreSource } = await importTs('lib/sources/mlflow-store/index.ts');

const files = listFiles(eventsDir);
function bareParse() {
  const started = performance.now();
  let events = 0;
  for (const file of files) {
    JSON.parse(fs.readFileSync(file, 'utf8'));
    events++;
  }
  return { ms: performance.now() - started, events };
}

bareParse(); // warms the page cache so both sides read from memory
const parseMs = [];
let events = 0;
for (let round = 0; round < ROUNDS; round++) {
  const p = bareParse();
  parseMs.push(p.ms);
  events = p.events;
}
const sqliteStarted = performance.now();
const mlflowSnapshot = await createMlflowStoreSource({ kind: 'sqlite', path: dbFile }).snapshot();
const sqliteMs = performance.now() - sqliteStarted;
const benchRssMb = process.resourceUsage().maxRSS / 1024;

// The production server against the same data.
ensureBuild();
/** Waits (10 min at most) until every source's syncer has caught up: /api/health's index.sync phases all read 'follow'. */
async function untilEverySyncerFollows(at) {
  const deadline = Date.now() + 600_000;
  while (Date.now() < deadline) {
    const sync = await syncPhases(at);
    if (sync.length > 0 && sync.every((s) => s.phase === 'follow')) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the index did not catch up within 10 minutes');
}

const port = Number(process.env.BENCH_PORT ?? 3200);
const base = `http://127.0.0.1:${port}`;
/** Each source's sync phase and count as /api/health says ("openlineage-files backfill 12,000"); [] while it cannot answer. */
async function syncPhases(at) {
  try {
    return (await (await fetch(`${at}/api/health`, { signal: AbortSignal.timeout(10_000) })).json()).index?.sync ?? [];
  } catch {
    return [];
  }
}
const describePhases = (sync) => sync.map((s) => `${s.source} ${s.phase} ${Number(s.indexed ?? 0).toLocaleString('en-US')}`).join(', ') || 'starting';

/**
 * The files feed's cold index, as the server runs it: a server with only OPENLINEAGE_EVENTS on an empty index, timed
 * from spawn until its files syncer follows (every file read, its runs joined and written; the syncer's own rests
 * between batches included), then the runs its index lists.
 */
async function indexEventsThroughServer() {
  const spawned = performance.now();
  const files = startIsolatedServer(root, port, { OPENLINEAGE_EVENTS: eventsDir, MLFLOW_TRACKING_URI: '', RUNLENS_REFRESH_INTERVAL_MS: '1000' });
  try {
    await waitFor(base);
    const readyMs = performance.now() - spawned;
    const deadline = Date.now() + 900_000;
    for (;;) {
      const sync = await syncPhases(base);
      if (sync.length > 0 && sync.every((s) => s.phase === 'follow')) break;
      if (Date.now() > deadline) throw new Error('the files feed did not index the events within 15 minutes');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const ms = performance.now() - spawned;
    const runs = (await (await fetch(`${base}/api/runs?limit=1`)).json()).total;
    return { ms, readyMs, runs, rssMb: peakRssOf(files.child.pid) };
  } finally {
    await files.stop();
  }
}
const cold = await indexEventsThroughServer();
const spawnedAt = performance.now();
const server = startIsolatedServer(root, port, { OPENLINEAGE_EVENTS: eventsDir, MLFLOW_TRACKING_URI: `sqlite:///${dbFile}`, RUNLENS_REFRESH_INTERVAL_MS: '1000' });
// RSS each second beside the sync phases last seen, so the peak is tied to what the server was doing.
let phases = 'starting';
let highest = { rss: 0, phases };
const sampler = setInterval(() => {
  const rss = rssOf(server.child.pid) ?? 0;
  if (rss > highest.rss) highest = { rss, phases };
}, 1000);
const phasePoller = setInterval(() => void syncPhases(base).then((sync) => {
  if (sync.length > 0) phases = describePhases(sync);
}), 1000);
try {
  await waitFor(base);
  const readyMs = performance.now() - spawnedAt; // /api/health answers once the sources have loaded
  const coldStarted = performance.now(); // the server warms its index at start-up (instrumentation.ts); this request may still wait for it
  const firstPage = await (await fetch(`${base}/api/runs?limit=50`)).json();
  const coldMs = performance.now() - coldStarted;
  const listMs = [];
  for (let i = 0; i < REQUESTS; i++) {
    const t = performance.now();
    const response = await fetch(`${base}/api/runs?limit=50`);
    await response.arrayBuffer();
    listMs.push(performance.now() - t);
  }
  // Runs the index does not hold yet are asked of their sources, rate-limited (429): measure look-ups once indexed.
  await untilEverySyncerFollows(base);
  const ids = [...mlflowSnapshot.runs.keys()];
  const runMs = [];
  for (let i = 0; i < REQUESTS; i++) {
    const id = ids[(i * 197) % ids.length];
    const t = performance.now();
    const response = await fetch(`${base}/api/runs/${id}`);
    if (response.status !== 200) throw new Error(`/api/runs/${id} answered ${response.status}`);
    await response.arrayBuffer();
    runMs.push(performance.now() - t);
  }
  const serverRssMb = peakRssOf(server.child.pid);
  const ratio = (a, b) => `${(a / b).toFixed(1)}×`;
  const mb = (v) => (v === null ? 'n/a' : `${v.toFixed(0)} MB`);

  console.log(`\nRunlens bench — ${events.toLocaleString('en-US')} event files → ${cold.runs.toLocaleString('en-US')} runs indexed; mlflow.db ${mlflowSnapshot.runs.size.toLocaleString('en-US')} runs (${new Date().toISOString()}; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')})\n`);
  console.log(table([
    ['measure', 'Runlens', 'floor / target', 'ratio'],
    // Not the old ≤ 3× target: that timed an in-memory parse; this writes a durable index, and the syncer rests between batches by design.
    [`cold index of ${events.toLocaleString('en-US')} event files → ${cold.runs.toLocaleString('en-US')} runs (files feed into an empty index; server spawn to phase follow)`,
      `${cold.ms.toFixed(0)} ms`, `JSON.parse of the files ${median(parseMs).toFixed(0)} ms (median of ${ROUNDS})`, `${ratio(cold.ms, median(parseMs))} the parse floor (no target)`],
    ['  of which server start → /api/health answered', `${cold.readyMs.toFixed(0)} ms`, '—', ''],
    ['  peak RSS of that server', mb(cold.rssMb), '≤ 400 MB', ''],
    ['mlflow.db snapshot in the bench process (10k runs, 1M points)', `${sqliteMs.toFixed(0)} ms`, '—', ''],
    ['peak RSS, bench process', `${benchRssMb.toFixed(0)} MB`, '—', ''],
    ['peak RSS, server (both sources, empty index → caught up)', mb(serverRssMb), '≤ 400 MB', `highest 1 s sample ${highest.rss.toFixed(0)} MB during: ${highest.phases}`],
    ['server start → /api/health answered (sources loaded)', `${readyMs.toFixed(0)} ms`, '—', ''],
    ['first /api/runs after that', `${coldMs.toFixed(0)} ms`, '—', `${firstPage.runs.length} runs`],
    [`/api/runs first page, median of ${REQUESTS}`, `${median(listMs).toFixed(1)} ms`, '≤ 50 ms', ''],
    [`/api/runs/{id}, median of ${REQUESTS}`, `${median(runMs).toFixed(1)} ms`, '≤ 50 ms', ''],
  ]));
} finally {
  clearInterval(sampler);
  clearInterval(phasePoller);
  await server.stop();
}
// Lineage explorer in Chromium against the stub Marquez, in a process of its own: this one now holds a
// gigabyte of indexes, whose collections would stall the in-process stub and the Node floor.
const lineage = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--only=lineage'], { cwd: root, stdio: 'inherit' });
if (lineage.status !== 0) console.log(`\nLineage explorer bench failed (exit ${lineage.status ?? lineage.signal}).`);
await import('./series.mjs');
// Audit report of a 50-deep upstream chain against stubs at 50 ms latency.
await benchAudit(root).catch((error) => console.log(`\nAudit bench failed: ${error instanceof Error ? error.message : error}`));
// Run page fan-out against the stubs at 50 ms: requests per view and round trips on the critical path.
await benchFanout(root).catch((error) => console.log(`\nFan-out bench failed: ${error instanceof Error ? error.message : error}`));
await benchRunPage(root).catch((error) => console.log(`\nRun page bench failed: ${error instanceof Error ? error.message : error}`));
