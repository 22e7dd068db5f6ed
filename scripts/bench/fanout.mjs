// Fan-out bench (issue: MLflow/W&B §6): one run page view of a run with 20 datasets and 50 metrics,
// against the stub Marquez and stub MLflow at 50 ms per request. Prints upstream requests for a full view
// (server render + the browser's queries; target ≤ 12), sequential round trips on the critical path from
// the stubs' request start/end times (target ≤ 3), and the page latency beside 1 × the stub latency.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { importTs, table, waitFor } from './measure.mjs';
import { startIsolatedServer } from './isolated-server.mjs';

const LATENCY_MS = 50;

/** "GET /api/v1/runs/{id}" style names, so the breakdown reads as endpoints rather than URLs. */
function endpointOf(r) {
  const mlflow = /\/api\/2\.0\/mlflow\/(.+)$/.exec(r.path);
  if (mlflow) return `MLflow ${mlflow[1]}`;
  return `Marquez ${r.path.replace(/^\/api\/v1/, '').replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '{id}')}`;
}

function breakdown(requests) {
  const counts = new Map();
  for (const r of requests) counts.set(endpointOf(r), (counts.get(endpointOf(r)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([name, n]) => `${n} × ${name}`).join(', ');
}

async function viewPage(browser, url, charts) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  try {
    const started = performance.now();
    await page.goto(url);
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="metric-chart"] path.recharts-line-curve').length >= n, charts, { timeout: 60_000 });
    const ms = performance.now() - started;
    const htmlMs = await page.evaluate(() => performance.getEntriesByType('navigation')[0]?.responseEnd ?? NaN);
    return { ms, htmlMs };
  } finally {
    await page.close();
  }
}

export async function benchFanout(root) {
  const { startMarquezStub } = await importTs(root, 'tests/stubs/marquez/index.ts');
  const { startMlflowStub } = await importTs(root, 'tests/stubs/mlflow/index.ts');
  const { sequentialRoundTrips } = await importTs(root, 'tests/stubs/request-log.ts');
  const { isPerRun } = await importTs(root, 'tests/e2e/upstream-requests.ts');
  const wide = await importTs(root, 'tests/stubs/wide-run.ts');
  const { DEFAULT_CHARTED } = await importTs(root, 'lib/queries/metric-history-selection.ts');
  const recordings = path.join(root, '.bench', 'fanout-mlflow');
  fs.rmSync(recordings, { recursive: true, force: true });
  wide.writeWideRunRecordings(recordings);
  const marquez = await startMarquezStub({ events: wide.wideRunEvents(), latencyMs: LATENCY_MS });
  const mlflow = await startMlflowStub({ recordings, latencyMs: LATENCY_MS });
  const port = Number(process.env.BENCH_FANOUT_PORT ?? 3220);
  const base = `http://127.0.0.1:${port}`;
  const server = startIsolatedServer(root, port, { MARQUEZ_URL: marquez.url, MLFLOW_TRACKING_URI: mlflow.url, OPENLINEAGE_EVENTS: '', REDIS_URL: '' });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    await waitFor(base);
    // Both snapshots loaded (they refresh every 10–15 s, beside the pages), and the run page's code loaded and
    // warmed on another run: what follows is the wide run's own fan-out.
    await (await fetch(`${base}/api/runs?limit=1`)).arrayBuffer();
    for (let i = 0; i < 3; i++) await (await fetch(`${base}/runs/${wide.PRODUCER_RUN_ID}`)).arrayBuffer();
    // Each stub logs in arrival order: what a view caused is what each log gained meanwhile.
    const mark = () => [marquez.requests.length, mlflow.requests.length];
    const since = ([m, f]) => [...marquez.requests.slice(m), ...mlflow.requests.slice(f)];
    const url = `${base}/runs/${wide.WIDE_RUN_ID}`;
    const before = mark();
    const cold = await viewPage(browser, url, DEFAULT_CHARTED);
    // A snapshot refresh (jobs, datasets, experiments; every 10–15 s per process) may fall into a view: it runs
    // beside the page, not for it, and is counted apart.
    const coldAll = since(before);
    const coldRequests = coldAll.filter(isPerRun);
    const warmBefore = mark();
    const warm = await viewPage(browser, url, DEFAULT_CHARTED);
    const warmAll = since(warmBefore);
    const warmRequests = warmAll.filter(isPerRun);
    const refreshes = [...coldAll, ...warmAll].filter((r) => !isPerRun(r));

    const load = os.loadavg().map((l) => l.toFixed(1)).join(' ');
    console.log(`\nRun page fan-out — a run with ${wide.WIDE_INPUTS + wide.WIDE_OUTPUTS} datasets and ${wide.WIDE_METRICS} metrics; stub Marquez + stub MLflow at ${LATENCY_MS} ms per request (load average ${load} on ${os.cpus().length} CPUs)\n`);
    console.log(table([
      ['measure', 'Runlens', 'floor / target', ''],
      ['upstream requests, first view (server + browser)', String(coldRequests.length), '≤ 12', breakdown(coldRequests)],
      ['sequential round trips on the critical path', String(sequentialRoundTrips(coldRequests)), '≤ 3', 'from the stubs\' request start/end times'],
      ['page latency: navigation → all default charts drawn', `${cold.ms.toFixed(0)} ms`, `1 × ${LATENCY_MS} ms = ${LATENCY_MS} ms`, `${(cold.ms / LATENCY_MS).toFixed(1)}×`],
      ['  of which the HTML stream (server render)', `${cold.htmlMs.toFixed(0)} ms`, `${LATENCY_MS} ms`, `${(cold.htmlMs / LATENCY_MS).toFixed(1)}×`],
      ['upstream requests, second view (cached)', String(warmRequests.length), '0', breakdown(warmRequests)],
      ['page latency, second view', `${warm.ms.toFixed(0)} ms`, '—', ''],
      ['snapshot refresh requests during both views', String(refreshes.length), 'beside the page', breakdown(refreshes)],
    ]));
    if (process.argv.includes('--verbose')) {
      const t0 = Math.min(...coldRequests.map((r) => r.startedAt));
      for (const r of [...coldRequests].sort((a, b) => a.startedAt - b.startedAt)) console.log(`  ${(r.startedAt - t0).toFixed(0).padStart(6)} → ${(r.endedAt - t0).toFixed(0).padStart(6)} ms  ${r.status} ${endpointOf(r)}`);
    }
    return { coldRequests: coldRequests.length, roundTrips: sequentialRoundTrips(coldRequests) };
  } finally {
    await browser.close();
    await server.stop();
    await marquez.close();
    await mlflow.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await benchFanout(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..'));
}
