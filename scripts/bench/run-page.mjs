// Run page bench (issue #12): the demo's deduplication run page at 1440×900 in Chromium, each load in a fresh
// context (nothing cached). Prints JS bytes received before the first chart is drawn (target ≤ 200 KB; the
// first chart is the server-drawn preview or the recharts chart, whichever paints first), the JS of the whole
// load, time to the first and the interactive chart and to the graph's nodes (target ≤ 500 ms for graphs of
// fewer than 100 nodes, here and on a small explorer view), and the main-thread long tasks (target: none
// > 200 ms), medians and worst of ROUNDS, with the machine's load average.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { median, table, waitFor } from './measure.mjs';
import { startIsolatedServer } from './isolated-server.mjs';

const ROUNDS = 5;
const RUN_LABEL = 'e2.deduplication';

export async function benchRunPage(root) {
  spawnSync(process.execPath, [path.join(root, 'scripts', 'demo-data', 'generate.mjs')], { cwd: root, stdio: 'ignore' });
  const manifest = JSON.parse(fs.readFileSync(path.join(root, '.demo-data', 'manifest.json'), 'utf8'));
  const { runId, namespace, job } = manifest.runs.find((r) => r.label === RUN_LABEL).openlineage;
  const port = Number(process.env.BENCH_RUN_PAGE_PORT ?? 3220);
  const base = `http://127.0.0.1:${port}`;
  const server = startIsolatedServer(root, port, { OPENLINEAGE_EVENTS: path.join(root, '.demo-data', 'openlineage'), MLFLOW_TRACKING_URI: `sqlite:///${path.join(root, '.demo-data', 'mlflow.db')}` });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    await waitFor(base);
    await fetch(`${base}/runs/${runId}`); // the server's caches warm: the bench measures the browser's side
    const results = [];
    const loadBefore = os.loadavg();
    for (let round = 0; round < ROUNDS; round++) results.push(await measure(browser, `${base}/runs/${runId}`));
    // The explorer around the same job, depth 2: a small graph (its node count is printed).
    const explorerUrl = `${base}/lineage?node=${encodeURIComponent(`job:${namespace}:${job}`)}`;
    await fetch(explorerUrl);
    const explorer = [];
    for (let round = 0; round < ROUNDS; round++) explorer.push(await measureExplorer(browser, explorerUrl));
    const loadAfter = os.loadavg();
    const of = (key) => median(results.map((r) => r[key]));
    const worst = (key) => Math.max(...results.map((r) => r[key]));
    const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KB`;
    const rows = [['measure', `median of ${ROUNDS}`, 'worst', 'target']];
    rows.push(['JS before the first chart, transferred (gzip)', kb(of('jsTransfer')), kb(worst('jsTransfer')), '≤ 200 KB']);
    rows.push(['JS before the first chart, decoded', kb(of('jsDecoded')), kb(worst('jsDecoded')), '—']);
    rows.push(['JS scripts before the first chart', String(of('jsCount')), String(worst('jsCount')), '—']);
    rows.push(['JS of the whole load (load + 1 s), transferred', kb(of('jsTotal')), kb(worst('jsTotal')), '—']);
    rows.push(['navigation → the page\'s HTML received (server time included)', `${of('htmlMs').toFixed(0)} ms`, `${worst('htmlMs').toFixed(0)} ms`, '—']);
    rows.push(['navigation → first chart drawn', `${of('firstChartMs').toFixed(0)} ms`, `${worst('firstChartMs').toFixed(0)} ms`, '—']);
    rows.push(['navigation → interactive (recharts) chart', `${of('interactiveMs').toFixed(0)} ms`, `${worst('interactiveMs').toFixed(0)} ms`, '—']);
    rows.push([`navigation → run graph nodes drawn (${results[0].graphNodes} nodes)`, `${of('graphMs').toFixed(0)} ms`, `${worst('graphMs').toFixed(0)} ms`, '≤ 500 ms']);
    const explorerOf = (key) => median(explorer.map((r) => r[key]));
    rows.push([`navigation → explorer nodes drawn (${explorer[0].nodes} nodes, depth 2)`, `${explorerOf('paintedMs').toFixed(0)} ms`, `${Math.max(...explorer.map((r) => r.paintedMs)).toFixed(0)} ms`, '≤ 500 ms']);
    rows.push(['longest main-thread task (load + 1 s)', `${of('longest').toFixed(0)} ms`, `${worst('longest').toFixed(0)} ms`, '≤ 200 ms']);
    rows.push(['total blocking time (tasks > 50 ms)', `${of('blocking').toFixed(0)} ms`, `${worst('blocking').toFixed(0)} ms`, '—']);
    const load = (l) => l.map((v) => v.toFixed(2)).join(', ');
    console.log(`\nRun page — /runs/${runId} (demo ${RUN_LABEL}), 1440×900, fresh context per load; load average ${load(loadBefore)} before, ${load(loadAfter)} after\n`);
    console.log(table(rows));
  } finally {
    await browser.close();
    await server.stop();
  }
}

export async function measure(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__bench = { tasks: [], firstChart: null, interactive: null, graph: null, graphNodes: 0 };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__bench.tasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
    // Drawn = on screen and painted: a streamed section sits in a hidden <div> until React reveals it, so an
    // element only counts once no [hidden] ancestor holds it, and its time is the frame after the next one.
    const shown = (el) => el !== null && el.closest('[hidden]') === null;
    const graphNodes = () => [...document.querySelectorAll('[data-testid="run-graph"] [data-testid="graph-node"], [data-testid="run-graph-preview"] [data-testid="graph-node-preview"]')].filter(shown);
    const painted = (key) => requestAnimationFrame(() => requestAnimationFrame(() => {
      window.__bench[key] = performance.now();
      if (key === 'graph') window.__bench.graphNodes = graphNodes().length; // counted as painted (the parser may have been mid-graph)
    }));
    const pending = { firstChart: true, interactive: true, graph: true };
    const check = (_, observer) => {
      const interactive = document.querySelector('[data-testid="metric-chart"] path.recharts-line-curve');
      const preview = document.querySelector('[data-testid="metric-chart-preview"] path');
      if (pending.firstChart && (shown(interactive) || shown(preview))) { pending.firstChart = false; painted('firstChart'); }
      if (pending.interactive && shown(interactive)) { pending.interactive = false; painted('interactive'); }
      // The server-drawn preview or the interactive graph, whichever paints first.
      if (pending.graph && graphNodes().length > 0) {
        pending.graph = false;
        painted('graph');
      }
      if (!pending.firstChart && !pending.interactive && !pending.graph) observer.disconnect();
    };
    // Attributes too: React reveals a streamed section by moving it, and a hidden attribute may be removed.
    new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['hidden'] });
  });
  try {
    await page.goto(url);
    await page.waitForFunction(() => window.__bench.interactive !== null && window.__bench.graph !== null, null, { timeout: 60_000 });
    await page.waitForLoadState('load');
    await page.waitForTimeout(1000);
    return await page.evaluate(() => {
      const b = window.__bench;
      const allScripts = performance.getEntriesByType('resource').filter((e) => e.initiatorType === 'script');
      const scripts = allScripts.filter((e) => e.responseEnd <= b.firstChart);
      return {
        jsTotal: allScripts.reduce((n, e) => n + e.transferSize, 0),
        htmlMs: performance.getEntriesByType('navigation')[0]?.responseEnd ?? NaN,
        interactiveMs: b.interactive,
        graphNodes: b.graphNodes,
        jsTransfer: scripts.reduce((n, e) => n + e.transferSize, 0),
        jsDecoded: scripts.reduce((n, e) => n + e.decodedBodySize, 0),
        jsCount: scripts.length,
        firstChartMs: b.firstChart,
        graphMs: b.graph,
        longest: Math.max(0, ...b.tasks),
        blocking: b.tasks.reduce((n, ms) => n + Math.max(0, ms - 50), 0),
      };
    });
  } finally {
    await context.close();
  }
}

/** Navigation → the explorer's first nodes painted (two animation frames after they are shown: no [hidden] ancestor), fresh context. */
export async function measureExplorer(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__bench = { mounted: null, painted: null, nodes: 0 };
    // Shown only: a streamed section waits in a hidden <div> until React reveals it.
    const shownNodes = () => [...document.querySelectorAll('[data-testid="explorer-graph"] [data-testid="explorer-node"], [data-testid="explorer-graph"] [data-testid="explorer-node-preview"]')].filter((el) => el.closest('[hidden]') === null);
    new MutationObserver((_, observer) => {
      const b = window.__bench;
      // The page-drawn preview (a small view) or the interactive canvas, whichever paints first.
      if (b.mounted !== null || shownNodes().length === 0) return;
      b.mounted = performance.now();
      observer.disconnect();
      requestAnimationFrame(() => requestAnimationFrame(() => {
        b.painted = performance.now();
        b.nodes = shownNodes().length; // counted as painted (the parser may have been mid-graph when they appeared)
      }));
    }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['hidden'] });
  });
  try {
    await page.goto(url);
    await page.waitForFunction(() => window.__bench.painted !== null, null, { timeout: 60_000 });
    return await page.evaluate(() => ({ paintedMs: window.__bench.painted, nodes: window.__bench.nodes }));
  } finally {
    await context.close();
  }
}
