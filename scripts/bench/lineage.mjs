// Lineage explorer bench (issue: Marquez + explorer): a graph of 2,000 jobs and 2,000 datasets (≈ 6,000 edges)
// served by the stub Marquez. Prints, side by side: navigation → all nodes laid out and painted in Chromium,
// the longest main-thread task and peak JS heap, beside the floor: elkjs laying out the same graph alone in Node.
// Then a wide star of the same size (one dataset read by 2,000 jobs, each writing its own output: 4,001 nodes,
// the e2e's shape), whose longest task while laid out in the worker is the one the e2e no longer times.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { importTs, median, table, waitFor } from './measure.mjs';
import { measureInteractions } from './explorer-interactions.mjs';
import { startIsolatedServer } from './isolated-server.mjs';

const JOBS = 2000;
const DATASETS = 2000;
const EDGES = 6000;
const FLOOR_ROUNDS = 3;
const VIEW_ROUNDS = 3;
const INTERACTION_ROUNDS = 3;
const STAR_JOBS = 2000;

/** One raw dataset read by `jobs` jobs, each writing its own output (lineage.spec.ts's graph), as OpenLineage events. */
function starEvents(jobs) {
  return Array.from({ length: jobs }, (_, i) => ({
    eventType: 'COMPLETE',
    eventTime: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
    producer: 'runlens-bench',
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: { runId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` },
    job: { namespace: 'bench-star', name: `job-${String(i).padStart(4, '0')}` },
    inputs: [{ namespace: 'bench-star', name: 'raw' }],
    outputs: [{ namespace: 'bench-star', name: `out-${String(i).padStart(4, '0')}` }],
  }));
}

/** `next start` of the build in `root` on `port`, reading the stub Marquez only, with a run index of its own (a temp folder). */
function startServer(root, port, stub) {
  return startIsolatedServer(root, port, { MARQUEZ_URL: stub.url, OPENLINEAGE_EVENTS: '', MLFLOW_TRACKING_URI: '' });
}

/**
 * `against`: the root of another build (a worktree of main, built) measured in the same run, round for round
 * beside this one, on the next port, so both face the same machine load.
 */
export async function benchLineage(root, { interactionsOnly = false, against = null } = {}) {
  const { startMarquezStub, syntheticGraphEvents } = await importTs(root, 'tests/stubs/marquez/index.ts');
  const { layoutInput } = await importTs(root, 'lib/graph/explorer-flow.ts');
  const stub = await startMarquezStub({ events: [...syntheticGraphEvents(JOBS, DATASETS, EDGES), ...starEvents(STAR_JOBS)] });
  const port = Number(process.env.BENCH_LINEAGE_PORT ?? 3210);
  const base = `http://127.0.0.1:${port}`;
  const servers = [startServer(root, port, stub)];
  const builds = [{ name: 'this build', base }];
  if (against) {
    servers.push(startServer(against, port + 1, stub));
    builds.push({ name: path.basename(against), base: `http://127.0.0.1:${port + 1}` });
  }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--enable-precise-memory-info'],
  });
  try {
    for (const build of builds) await waitFor(build.base);
    for (const build of builds) await waitForSync(build.base, 'marquez');
    // The whole graph in one view (the undirected walk from a source dataset, deep enough to reach
    // everything), then the same view capped at 2,500 nodes.
    const node = 'dataset:bench-data:bench.dataset_000000';
    const rows = [['measure', 'Runlens in Chromium', 'floor / target', 'ratio']];
    let shown = 0;
    let edges = 0;
    for (const limit of interactionsOnly ? [] : [5000, 2500]) {
      const view = `node=${encodeURIComponent(node)}&full=1&depth=20&limit=${limit}`;
      const graph = await (await fetch(`${base}/api/lineage?${view}`)).json();
      if (!Array.isArray(graph.nodes)) throw new Error(`/api/lineage answered ${JSON.stringify(graph).slice(0, 200)}`);
      if (limit === 5000) [shown, edges] = [graph.shown, graph.edges.length];
      const floor = elkFloor(root, layoutInput(graph)); // the same input the page gives its worker
      const everyNode = elkFloor(root, layoutInput(graph), 'every-node');
      // Each load in a fresh browser context: a first visit, nothing cached.
      const results = [];
      for (let round = 0; round < VIEW_ROUNDS; round++) results.push(await measureView(browser, `${base}/lineage?${view}`));
      const label = `view of ${graph.shown} nodes:`;
      const failed = results.find((r) => r.error);
      if (failed) {
        rows.push([`${label} navigation → laid out and painted`, failed.error, '≤ 3000 ms', '']);
        continue;
      }
      const of = (key) => median(results.map((r) => r[key]));
      const times = results.map((r) => r.interactiveMs).sort((a, b) => a - b);
      const layoutMs = of('layoutMs');
      rows.push([`${label} navigation → laid out and painted`, `${of('interactiveMs').toFixed(0)} ms (median of ${VIEW_ROUNDS}: ${times.map((t) => t.toFixed(0)).join(', ')})`, '≤ 3000 ms', '']);
      rows.push(['  navigation → graph received (/api/lineage)', `${of('graphMs').toFixed(0)} ms`, '—', '']);
      // The page's worker lays out once, cold; the floor is elkjs on the same input in a fresh Node process.
      rows.push(['  elkjs layout in the Web Worker (cold)', `${layoutMs.toFixed(0)} ms`, `elkjs alone in Node: cold ${floor.coldMs.toFixed(0)} ms`, `${(layoutMs / floor.coldMs).toFixed(2)}×`]);
      rows.push(['', '', `warm (median of ${FLOOR_ROUNDS}) ${floor.warmMs.toFixed(0)} ms`, `${(layoutMs / floor.warmMs).toFixed(2)}×`]);
      // For reference: ELK given every node (no coarse form), as the explorer did before; cold, like the worker.
      rows.push(['', '', `elkjs on every node, cold: ${everyNode.coldMs.toFixed(0)} ms`, `${(layoutMs / everyNode.coldMs).toFixed(2)}×`]);
      const worst = (key) => `${Math.max(...results.map((r) => r[key])).toFixed(0)} ms (worst of ${VIEW_ROUNDS})`;
      rows.push(['  longest main-thread task while laying out', worst('longestLayingOut'), '≤ 200 ms', '']);
      rows.push(['  longest main-thread task, drawing included', worst('longest'), '—', '']);
      rows.push(['  peak JS heap (main thread)', `${(Math.max(...results.map((r) => r.peakHeap)) / 1048576).toFixed(0)} MB (most of ${VIEW_ROUNDS})`, '—', '']);
    }
    if (!interactionsOnly) rows.push(...await starRows(browser, base));
    if (!interactionsOnly) {
      console.log(`\nLineage explorer — Marquez stub with ${JOBS} jobs, ${DATASETS} datasets, ≈${EDGES} edges (${shown} nodes, ${edges} edges)\n`);
      console.log(table(rows));
    }
    // Interactions on the whole graph, each round in a fresh page; with another build, its rounds alternate with these.
    const view = `node=${encodeURIComponent(node)}&full=1&depth=20&limit=5000`;
    const starView = `node=${encodeURIComponent('dataset:bench-star:raw')}&dir=down&limit=5000`;
    const loadBefore = loadAverage();
    const rounds = builds.map(() => []);
    const stars = builds.map(() => []);
    for (let round = 0; round < INTERACTION_ROUNDS; round++) {
      for (const [b, build] of builds.entries()) {
        rounds[b].push(await interactionsOn(browser, `${build.base}/lineage?${view}`));
        if (interactionsOnly) stars[b].push(await measureView(browser, `${build.base}/lineage?${starView}`));
      }
    }
    const interactionRows = [['interaction', ...builds.flatMap((b) => [`${b.name}: longest task, median of ${INTERACTION_ROUNDS}`, 'worst', 'tasks > 50 ms (worst)']), 'target']];
    rounds[0][0].forEach(([name], i) => {
      const cells = rounds.flatMap((r) => {
        const longest = r.map((one) => one[i][1]);
        return [`${median(longest).toFixed(0)} ms`, `${Math.max(...longest).toFixed(0)} ms`, String(Math.max(...r.map((one) => one[i][2])))];
      });
      interactionRows.push([name, ...cells, '≤ 200 ms']);
    });
    if (interactionsOnly) {
      // The wide star's first draw (the hub's 2,000 edges on screen at once): its longest task, drawing included.
      const cells = stars.flatMap((results) => {
        const failed = results.find((r) => r.error);
        if (failed) return [failed.error, '', ''];
        const longest = results.map((r) => r.longest);
        return [`${median(longest).toFixed(0)} ms`, `${Math.max(...longest).toFixed(0)} ms`, ''];
      });
      interactionRows.push([`first draw of the star (1 dataset → ${STAR_JOBS} jobs → ${STAR_JOBS} outputs)`, ...cells, '≤ 200 ms']);
    }
    console.log(`\nExplorer interactions on the ${JOBS + DATASETS}-node view, 1400×900 (load average ${loadBefore} before, ${loadAverage()} after)\n`);
    console.log(table(interactionRows));
  } finally {
    await browser.close();
    await Promise.all(servers.map((server) => server.stop()));
    await stub.close();
  }
}

/** The wide star (STAR_JOBS jobs around one dataset, downstream): paint time and the longest tasks while laid out. */
async function starRows(browser, base) {
  const view = `node=${encodeURIComponent('dataset:bench-star:raw')}&dir=down&limit=5000`;
  const results = [];
  for (let round = 0; round < VIEW_ROUNDS; round++) results.push(await measureView(browser, `${base}/lineage?${view}`));
  const failed = results.find((r) => r.error);
  const label = `star of ${results[0].nodes} nodes (1 dataset → ${STAR_JOBS} jobs → ${STAR_JOBS} outputs):`;
  if (failed) return [[`${label} navigation → laid out and painted`, failed.error, '≤ 3000 ms', '']];
  const worst = (key) => `${Math.max(...results.map((r) => r[key])).toFixed(0)} ms (worst of ${VIEW_ROUNDS})`;
  return [
    [`${label} navigation → laid out and painted`, `${median(results.map((r) => r.interactiveMs)).toFixed(0)} ms (median of ${VIEW_ROUNDS})`, '≤ 3000 ms', ''],
    ['  longest main-thread task while laying out', worst('longestLayingOut'), '≤ 200 ms', ''],
    ['  longest main-thread task, drawing included', worst('longest'), '—', ''],
  ];
}

/** elkjs on one layout input in a fresh Node process (elk-floor.mjs): cold, then warm. */
function elkFloor(root, input, mode = 'explorer') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-elk-floor-'));
  try {
    const file = path.join(dir, 'input.json');
    fs.writeFileSync(file, JSON.stringify(input));
    const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'elk-floor.mjs');
    const run = spawnSync(process.execPath, [script, root, file, String(FLOOR_ROUNDS), mode], { cwd: root, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`elk-floor.mjs failed: ${run.stderr.slice(0, 500)}`);
    return JSON.parse(run.stdout.trim().split('\n').at(-1));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Waits (at most 10 minutes) until `source` has indexed its backfill: the views are measured on the whole graph. */
async function waitForSync(base, source) {
  const deadline = Date.now() + 600_000;
  while (Date.now() < deadline) {
    const health = await (await fetch(`${base}/api/health`)).json().catch(() => null);
    if (health?.index?.sync?.some((s) => s.source === source && s.phase === 'follow')) return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error(`${source} was still indexing after 10 minutes`);
}

const loadAverage = () => os.loadavg().map((l) => l.toFixed(2)).join(', ');

/** Opens the explorer on `url`, waits until its nodes are painted, then runs the interactions. */
async function interactionsOn(browser, url) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.addInitScript(() => {
    window.__bench = { tasks: [] };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__bench.tasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  });
  try {
    await page.goto(url);
    await page.locator('[data-testid=explorer-node]').first().waitFor({ timeout: 120_000 });
    await page.waitForTimeout(1000);
    return await measureInteractions(page, 'dataset_0001');
  } finally {
    await page.close();
  }
}

/** Opens one explorer view and times it; `error` says what did not happen within a minute. */
async function measureView(browser, url) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.addInitScript(() => {
    window.__bench = { tasks: [], peakHeap: 0 };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__bench.tasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
    setInterval(() => {
      window.__bench.peakHeap = Math.max(window.__bench.peakHeap, performance.memory?.usedJSHeapSize ?? 0);
    }, 50);
  });
  try {
    await page.goto(url);
    await page.waitForFunction(() => performance.getEntriesByName('runlens:layout-end').length > 0, null, { timeout: 120_000 });
    const nodes = await page.evaluate(() => performance.getEntriesByName('runlens:layout-end').at(-1)?.detail?.nodes ?? 0);
    const painted = await page.locator('[data-testid=explorer-node]').first().waitFor({ timeout: 60_000 }).then(() => true, () => false);
    if (!painted) return { nodes, error: 'laid out, but no node painted within 60 s' };
    // Two animation frames after the nodes mount: the frame with them has been painted.
    const interactiveMs = await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now())))));
    await page.waitForTimeout(300);
    const stats = await page.evaluate(() => {
      const mark = (name) => performance.getEntriesByName(name).at(-1)?.startTime ?? NaN;
      const graphFetch = performance.getEntriesByType('resource').find((e) => e.name.includes('/api/lineage?'));
      const [start, end] = [mark('runlens:layout-start'), mark('runlens:layout-end')];
      // Tasks that overlap the layout (the worker's time) and all tasks, drawing the laid-out graph included.
      const during = window.__bench.tasks.filter(([at, ms]) => at < end && at + ms > start).map(([, ms]) => ms);
      const all = window.__bench.tasks.map(([, ms]) => ms);
      return { peakHeap: window.__bench.peakHeap, longestLayingOut: Math.max(0, ...during), longest: Math.max(0, ...all), layoutMs: end - start, graphMs: graphFetch?.responseEnd ?? NaN };
    });
    return { nodes, interactiveMs, ...stats };
  } finally {
    await page.close();
  }
}
