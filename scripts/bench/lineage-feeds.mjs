#!/usr/bin/env node
// `npm run bench:feeds`: the lineage change feeds at real-team size, beside the run-index issue's targets.
// files: a generated JSON Lines history (`--events=200000`) read by file and byte offset: first non-empty
// runs page, peak RSS, /api/live p99 during the backfill and while lines are appended, a new appended run
// listed. marquez: a stub Marquez with `--jobs=15000` (START + COMPLETE per job) read by event time:
// backfill, then idle requests and bytes per minute (`--idle-minutes=3`), with no tab and with one tab
// (a page view every 20 s). `--part=files|marquez|both` (default both). Serves the production build.
// Beside each /api/live figure, the server's own event-loop delay (prom-client, longest per 5 s). `--cpu-prof=<dir>`
// profiles the server (node --cpu-prof) and prints its longest busy stretches with where they spent it.
// `--huge-run-inputs=100000` (files): after the appends, one run reading that many datasets is appended, timed until
// indexed, with /api/live and the server's longest event-loop delay sampled meanwhile.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { importTs as importTsFrom, median, rssOf, table } from './measure.mjs';
import { describeLongTasks } from './long-tasks.mjs';
import { startLiveSampler } from './live-sampler.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=').slice(1).join('=') ?? null;
const EVENTS = Number(arg('events') ?? 200_000);
const JOBS = Number(arg('jobs') ?? 15_000);
const IDLE_MINUTES = Number(arg('idle-minutes') ?? 3);
const PART = arg('part') ?? 'both';
const HUGE_RUN_INPUTS = Number(arg('huge-run-inputs') ?? 0);
const port = Number(arg('port') ?? 3192);
const base = `http://127.0.0.1:${port}`;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');

// `--app-dir=<dir>`: serve another build (a copy with its own .next), e.g. the one before a change, side by side.
const appDir = path.resolve(arg('app-dir') ?? root);
if (!fs.existsSync(path.join(appDir, '.next', 'BUILD_ID'))) {
  console.error('bench:feeds serves the production build: run `npm run build` first.');
  process.exit(1);
}

const PRODUCER = 'https://example.com/runlens/bench-feeds';
const SCHEMA = 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent';
const hex = (n, width) => n.toString(16).padStart(width, '0');
const runIdOf = (k) => `${hex(k, 8)}-0000-4000-8000-${hex(k, 12)}`;

/** One run's event as the file transport writes it (about 1 KB: a job, an input, an output with a schema). */
function event(k, type, atMs) {
  return JSON.stringify({
    eventType: type, eventTime: new Date(atMs).toISOString(), producer: PRODUCER, schemaURL: SCHEMA,
    run: { runId: runIdOf(k), facets: { nominalTime: { _producer: PRODUCER, _schemaURL: 'https://openlineage.io/spec/facets/1-0-1/NominalTimeRunFacet.json', nominalStartTime: new Date(atMs).toISOString() } } },
    job: { namespace: 'bench', name: `bench.job_${k % 2_000}` },
    inputs: [{ namespace: 'bench-data', name: `bench.source_${k % 500}` }],
    outputs: type === 'START' ? [] : [{
      namespace: 'bench-data', name: `bench.table_${k % 2_000}`,
      facets: { schema: { _producer: PRODUCER, _schemaURL: 'https://openlineage.io/spec/facets/1-1-1/SchemaDatasetFacet.json', fields: [{ name: 'id', type: 'BIGINT' }, { name: 'value', type: 'DOUBLE' }, { name: 'updated_at', type: 'TIMESTAMP' }] } },
    }],
  });
}

/** A COMPLETE event of one run reading `inputs` datasets, each with a version facet (about 120 bytes an input: 100,000 stay under the 16 MB line limit). */
function hugeRunEvent(k, inputs, atMs) {
  const read = Array.from({ length: inputs }, (_, i) => JSON.stringify({
    namespace: 'bench-wide', name: `wide.input_${i}`, facets: { version: { _producer: 'x', _schemaURL: 'x', datasetVersion: `v-${i}` } },
  }));
  return `{"eventType":"COMPLETE","eventTime":"${new Date(atMs).toISOString()}","producer":"${PRODUCER}","schemaURL":"${SCHEMA}",`
    + `"run":{"runId":"${runIdOf(k)}"},"job":{"namespace":"bench","name":"bench.wide_reader"},"inputs":[${read.join(',')}],`
    + `"outputs":[{"namespace":"bench-wide","name":"wide.output"}]}`;
}

/** START and COMPLETE per run, oldest first, a run every 10 s ending a day ago. */
async function writeHistory(file, events) {
  const runs = Math.ceil(events / 2);
  const first = Date.now() - 86_400_000 - runs * 10_000;
  const out = fs.createWriteStream(file);
  for (let k = 0; k < runs; k++) {
    const chunk = `${event(k, 'START', first + k * 10_000)}\n${event(k, 'COMPLETE', first + k * 10_000 + 5_000)}\n`;
    if (!out.write(chunk)) await new Promise((resolve) => out.once('drain', resolve));
  }
  await new Promise((resolve) => out.end(resolve));
  return runs;
}

const cpuProfDir = arg('cpu-prof');
const profiling = cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(cpuProfDir)}`] : [];
// `--node-args="--max-old-space-size=512 …"`: V8 flags for the server, e.g. to compare heap settings side by side.
const nodeArgs = (arg('node-args') ?? '').split(' ').filter(Boolean);
// `--server-log=<file>`: the server's stdout (its log, and what a V8 flag such as --trace-gc prints) goes there.
const serverLog = arg('server-log') ? fs.openSync(path.resolve(arg('server-log')), 'a') : 'ignore';

function startServer(env, dataDir) {
  return spawn(process.execPath, [...nodeArgs, ...profiling, path.join(root, 'node_modules/next/dist/bin/next'), 'start', '--port', String(port)], {
    cwd: appDir,
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', OPENLINEAGE_EVENTS: '', MARQUEZ_URL: '', MLFLOW_TRACKING_URI: '', RUNLENS_DATA_DIR: dataDir, ...env },
    stdio: ['ignore', serverLog, 'inherit'],
  });
}

async function stopServer(server) {
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
}

async function timed(url) {
  const started = performance.now();
  const response = await fetch(url, { signal: AbortSignal.timeout(60_000) });
  const body = await response.text();
  return { ms: performance.now() - started, status: response.status, body };
}

const p = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
};

const metricOf = (text, name) => {
  const found = new RegExp(`^${name}\\s+([\\d.e+-]+)`, 'm').exec(text);
  return found ? Number(found[1]) : null;
};

/**
 * One scrape of the server's metrics: its event-loop delay since the last scrape (prom-client resets it on each,
 * the longest, in ms) and where its memory is (MB): V8 heap reserved and used, memory outside the heap (Buffers).
 */
async function serverSample() {
  const text = (await timed(`${base}/api/metrics`)).body;
  const mb = (name) => (metricOf(text, name) ?? NaN) / 1e6;
  const lag = metricOf(text, 'nodejs_eventloop_lag_max_seconds');
  return { loopMs: lag === null ? null : lag * 1000, heapTotal: mb('nodejs_heap_size_total_bytes'), heapUsed: mb('nodejs_heap_size_used_bytes'), external: mb('nodejs_external_memory_bytes') };
}

/**
 * Samples /api/live (every 200 ms, from a thread the stubs never hold up), the server's event-loop delay (longest
 * per 5 s) and its RSS (every second) until stopped; `mark()` returns the window's /api/live times and loop delays.
 */
function samplers(pid) {
  const live = startLiveSampler(`${base}/api/live`);
  let loops = [];
  // When each loop sample was taken (s since the server started): says whether the longest stretches are start-up.
  let loopsAt = [];
  const startedAt = performance.now();
  let peakRss = 0;
  // Where the memory is at each 5 s scrape; the peaks say which part grows (the rest of RSS is SQLite, code, threads).
  const memory = { heapTotal: 0, heapUsed: 0, external: 0 };
  let running = true;
  (async () => {
    while (running) {
      await sleep(5_000);
      const sample = await serverSample().catch(() => null);
      if (sample?.loopMs != null) {
        loops.push(sample.loopMs);
        loopsAt.push((performance.now() - startedAt) / 1000);
      }
      for (const key of Object.keys(memory)) if (sample && Number.isFinite(sample[key])) memory[key] = Math.max(memory[key], sample[key]);
    }
  })();
  const timer = setInterval(() => {
    peakRss = Math.max(peakRss, rssOf(pid) ?? 0);
  }, 1000);
  return {
    mark: async () => {
      const window = { live: await live.mark(), loops, loopsAt };
      loops = [];
      loopsAt = [];
      return window;
    },
    peak: () => peakRss,
    memory: () => `V8 heap reserved ${memory.heapTotal.toFixed(0)} MB (used ${memory.heapUsed.toFixed(0)}), outside the heap ${memory.external.toFixed(0)} MB`,
    stop: () => {
      running = false;
      clearInterval(timer);
      return live.stop();
    },
  };
}

async function firstNonEmptyPage(startedAt) {
  for (;;) {
    try {
      const page = JSON.parse((await timed(`${base}/api/runs?limit=50`)).body);
      if (page.runs?.length > 0) return performance.now() - startedAt;
    } catch {
      // not up yet
    }
    await sleep(250);
  }
}

async function syncOf(source) {
  const health = JSON.parse((await timed(`${base}/api/health`)).body);
  return health.index?.sync?.find((s) => s.source === source) ?? null;
}

async function untilFollowing(source, startedAt) {
  let said = 0;
  for (;;) {
    const state = await syncOf(source).catch(() => null);
    if (state?.phase === 'follow') return performance.now() - startedAt;
    if (state && performance.now() - said > 30_000) {
      console.log(`  ${source}: ${state.indexed} of ~${state.estimatedTotal ?? '?'} read (load ${load()})`);
      said = performance.now();
    }
    await sleep(2_000);
  }
}

// Event-loop delay counts time the process waited for a CPU too: on a loaded machine it is an upper bound of blocking.
const longest = (loops, loopsAt) => loops.map((ms, i) => [ms, loopsAt[i]]).sort((a, b) => b[0] - a[0]).slice(0, 3)
  .map(([ms, at]) => `${ms.toFixed(0)} ms at ${at.toFixed(0)} s`).join(', ');
const liveRows = (label, { live, loops, loopsAt }) => [
  [`/api/live p99 ${label}`, `${p(live, 0.99).toFixed(0)} ms (p50 ${median(live).toFixed(0)}, max ${Math.max(...live).toFixed(0)}, n=${live.length})`, '≤ 200 ms'],
  [`  server event-loop delay, longest per 5 s, ${label}`, loops.length === 0 ? 'not sampled' : `median ${median(loops).toFixed(0)} ms, p90 ${p(loops, 0.9).toFixed(0)} ms, max ${Math.max(...loops).toFixed(0)} ms (n=${loops.length}, load ${load()})`, '≤ 100 ms'],
  ...(loops.length === 0 ? [] : [['    the three longest (s since the server started)', longest(loops, loopsAt), '—']]),
];
const rows = [['measure', 'Runlens', 'target']];

// ── local files ─────────────────────────────────────────────────────────────────────────────────────
if (PART === 'files' || PART === 'both') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-feeds-'));
  const file = path.join(dir, 'events.jsonl');
  console.log(`Writing ${EVENTS.toLocaleString('en-US')} events…`);
  const runs = await writeHistory(file, EVENTS);
  const size = fs.statSync(file).size;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-feeds-index-'));
  const server = startServer({ OPENLINEAGE_EVENTS: file }, dataDir);
  const started = performance.now();
  const sampling = samplers(server.pid);
  const firstMs = await firstNonEmptyPage(started);
  rows.push([`first non-empty runs page (${EVENTS.toLocaleString('en-US')} events, ${(size / 1e6).toFixed(0)} MB JSONL), cold start`, `${(firstMs / 1000).toFixed(1)} s`, '≤ 30 s']);
  const backfillMs = await untilFollowing('openlineage-files', started);
  rows.push(['whole history indexed (oldest first, by byte offset)', `${(backfillMs / 1000).toFixed(0)} s`, '—']);
  rows.push(...liveRows('while the history is read', await sampling.mark()));
  // The WAL file never shrinks: its size is the most it held. Past 10,000 pages (~40 MB) COMMITs checkpoint it themselves.
  const walBytes = fs.statSync(path.join(dataDir, 'index.sqlite-wal'), { throwIfNoEntry: false })?.size ?? 0;
  rows.push(['  largest WAL while the history is read', `${(walBytes / 1e6).toFixed(1)} MB (${Math.round(walBytes / 4_096).toLocaleString('en-US')} pages)`, '< 40 MB']);

  // Appends: a new run's START and COMPLETE every 500 ms for a minute; the first one timed until listed.
  let k = runs + 1;
  const appendedAt = performance.now();
  const newest = runIdOf(k);
  let listedMs = null;
  const appending = (async () => {
    for (let i = 0; i < 120; i++, k++) {
      const at = Date.now();
      fs.appendFileSync(file, `${event(k, 'START', at)}\n${event(k, 'COMPLETE', at + 100)}\n`);
      await sleep(500);
    }
  })();
  while (listedMs === null && performance.now() - appendedAt < 120_000) {
    const page = JSON.parse((await timed(`${base}/api/runs?limit=5`)).body);
    if (page.runs?.some((r) => r.lineage?.runId === newest)) listedMs = performance.now() - appendedAt;
    else await sleep(250);
  }
  await appending;
  rows.push(['an appended run is listed', listedMs === null ? 'NOT within 120 s' : `${(listedMs / 1000).toFixed(1)} s`, '≤ 30 s']);
  rows.push(...liveRows('while lines are appended (2 events / 500 ms)', await sampling.mark()));
  if (HUGE_RUN_INPUTS > 0) {
    // One run with that many inputs, appended as one line: listed once its record is written, indexed whole once
    // every input is a dataset of the index (written last, in chunks); the index file is read beside the server.
    const index = new Database(path.join(dataDir, 'index.sqlite'), { readonly: true, fileMustExist: true });
    const datasets = () => Number(index.prepare("select count(*) as n from lineage_datasets where source = 'openlineage-files' and namespace = 'bench-wide'").get().n);
    const hugeId = runIdOf(k + 1);
    const line = hugeRunEvent(k + 1, HUGE_RUN_INPUTS, Date.now());
    await sampling.mark();
    const hugeAt = performance.now();
    fs.appendFileSync(file, `${line}\n`);
    let listedMs = null;
    let indexedMs = null;
    while (indexedMs === null && performance.now() - hugeAt < 900_000) {
      if (listedMs === null) {
        const page = await timed(`${base}/api/runs?limit=5`).then((r) => JSON.parse(r.body)).catch(() => null);
        if (page?.runs?.some((r) => r.lineage?.runId === hugeId)) listedMs = performance.now() - hugeAt;
      }
      if (datasets() >= HUGE_RUN_INPUTS + 1) indexedMs = performance.now() - hugeAt;
      else await sleep(1_000);
    }
    index.close();
    await sleep(5_500); // one more 5 s scrape of the event-loop delay, so the window's last stretch is counted
    const label = `one run with ${HUGE_RUN_INPUTS.toLocaleString('en-US')} inputs (${(line.length / 1e6).toFixed(1)} MB line) appended`;
    const seconds = (ms) => (ms === null ? 'NOT within 900 s' : `${(ms / 1000).toFixed(1)} s`);
    rows.push([`${label}: listed, indexed whole (every input a dataset)`, `${seconds(listedMs)}, ${seconds(indexedMs)}`, '—']);
    rows.push(...liveRows(`while ${label.replace('one run', 'a run')}`, await sampling.mark()));
  }
  rows.push(['peak RSS of the server (cold start to here)', `${sampling.peak().toFixed(0)} MB`, '≤ 400 MB']);
  rows.push(['  of it, peaks per 5 s', sampling.memory(), '—']);
  rows.push(['RSS of the server at the end (caught up, after the appends)', `${(rssOf(server.pid) ?? NaN).toFixed(0)} MB`, '≤ 400 MB']);
  // The last append is half a second old: the count is read until it holds every event written (10 s at most).
  const written = EVENTS + 240 + (HUGE_RUN_INPUTS > 0 ? 1 : 0);
  const countedFrom = performance.now();
  let files;
  do {
    files = JSON.parse((await timed(`${base}/api/health`)).body).sources?.find((s) => s.id === 'openlineage-files');
    if ((files?.counts?.events ?? 0) >= written) break;
    await sleep(250);
  } while (performance.now() - countedFrom < 10_000);
  const waited = ((performance.now() - countedFrom) / 1000).toFixed(1);
  rows.push([`/health: events read, bad entries (${waited} s after the appends)`, `${files?.counts?.events ?? '?'} events, ${files?.counts?.badEntries ?? '?'} bad`, `${written.toLocaleString('en-US')}, 0`]);
  await sampling.stop();
  await stopServer(server);

  // Restart with the index: the cursor resumes, nothing is read again.
  const again = startServer({ OPENLINEAGE_EVENTS: file }, dataDir);
  const restarted = performance.now();
  const warmMs = await firstNonEmptyPage(restarted);
  rows.push(['first non-empty runs page, restart with the index', `${(warmMs / 1000).toFixed(1)} s`, '≤ 3 s']);
  await stopServer(again);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(dataDir, { recursive: true, force: true });
}

// ── Marquez ─────────────────────────────────────────────────────────────────────────────────────────
if (PART === 'marquez' || PART === 'both') {
  const { startMarquezStub, syntheticGraphEvents } = await importTsFrom(root, 'tests/stubs/marquez/index.ts');
  console.log(`Stub Marquez: ${JOBS.toLocaleString('en-US')} jobs…`);
  const stub = await startMarquezStub({ events: syntheticGraphEvents(JOBS, Math.round(JOBS * 4 / 3), JOBS * 3) });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-feeds-index-'));
  const server = startServer({ MARQUEZ_URL: stub.url }, dataDir);
  const started = performance.now();
  const sampling = samplers(server.pid);
  const firstMs = await firstNonEmptyPage(started);
  rows.push([`Marquez (${JOBS.toLocaleString('en-US')} jobs): first non-empty runs page, cold start`, `${(firstMs / 1000).toFixed(1)} s`, '≤ 30 s']);
  const backfillMs = await untilFollowing('marquez', started);
  const eventsAsked = stub.requests.filter((r) => r.path === '/api/v1/events/lineage');
  rows.push(['Marquez: every event indexed (newest first, by time)', `${(backfillMs / 1000).toFixed(0)} s, ${eventsAsked.length} events requests`, '—']);
  rows.push(...liveRows('during the Marquez backfill', await sampling.mark()));
  const cost = (from) => {
    const asked = stub.requests.filter((r) => r.startedAt >= from);
    return `${(asked.length / IDLE_MINUTES).toFixed(1)} requests, ${(asked.reduce((n, r) => n + r.bytes, 0) / IDLE_MINUTES / 1e3).toFixed(1)} KB`;
  };
  const quietFrom = Date.now();
  await sleep(IDLE_MINUTES * 60_000);
  rows.push(['Marquez, caught up, no tab open: per minute', cost(quietFrom), '≤ 6 requests, ≤ 200 KB']);
  const tabFrom = Date.now();
  for (let t = 0; t < IDLE_MINUTES * 3; t++) {
    await timed(`${base}/`);
    await sleep(20_000);
  }
  const snapshotAsks = stub.requests.filter((r) => r.startedAt >= tabFrom && r.path !== '/api/v1/events/lineage').length;
  rows.push(['Marquez, caught up, one tab (a view every 20 s): per minute', `${cost(tabFrom)} (of them ${snapshotAsks} not event reads: the health probe)`, '≤ 6 requests, ≤ 200 KB']);
  rows.push(['peak RSS of the server (Marquez run)', `${sampling.peak().toFixed(0)} MB`, '≤ 400 MB']);
  rows.push(['  of it, peaks per 5 s', sampling.memory(), '—']);
  rows.push(['RSS of the server at the end (caught up, after the tab)', `${(rssOf(server.pid) ?? NaN).toFixed(0)} MB`, '≤ 400 MB']);
  await sampling.stop();
  await stopServer(server);
  await stub.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

console.log(`\nLineage change feeds (${os.cpus().length} cores, load average at the end ${load()})\n`);
console.log(table(rows));
if (cpuProfDir) console.log(`\nLongest busy stretches of the server (CPU profiles in ${cpuProfDir}; back-to-back tasks merge):\n${describeLongTasks(cpuProfDir, { top: 8 })}`);
process.exit(0);
