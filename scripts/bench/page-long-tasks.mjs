// Where a page's long main-thread tasks go: loads a URL in Chromium with a performance trace, then lists each
// task over `overMs` on the renderer's main thread with its top-level work (script evaluation, function calls,
// layout, parsing) and the JS functions its CPU samples fell in (self time).
// `node scripts/bench/page-long-tasks.mjs <url> [--over=50] [--width=1440] [--height=900] [--rounds=1]`
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { SourceMapConsumer } from 'source-map-js';

const CATEGORIES = process.argv.includes('--no-js') ? ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'toplevel', 'blink'] : ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'disabled-by-default-v8.cpu_profiler', 'toplevel', 'blink'];

const WRAPPERS = new Set(['RunTask', 'ThreadControllerImpl::RunTask', 'SequenceManager::DoIdleWork', 'ThreadControllerImpl::DoWork']);

// Kinds of work worth a total per task (nested events of one kind may overlap: totals are indicative).
const KINDS = new Set(['ParseHTML', 'EvaluateScript', 'v8.compile', 'v8.compileModule', 'v8.evaluateModule', 'FunctionCall', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'MinorGC', 'MajorGC', 'TimerFire', 'FireIdleCallback', 'FireAnimationFrame', 'EventDispatch', 'RunMicrotasks', 'HitTest']);

/** The renderer main thread's RunTask events over `overMs`, each with its child events and JS self time. */
export function longTasksOfTrace(trace, origin, overMs = 50) {
  const events = trace.traceEvents;
  // Only the renderer that parsed the page under test (Chromium's own pages run renderers too).
  const pagePids = new Set(events.filter((e) => e.name === 'ParseHTML' && String(e.args?.beginData?.url ?? '').startsWith(origin)).map((e) => e.pid));
  const mainThreads = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && pagePids.has(e.pid)).map((e) => `${e.pid}:${e.tid}`));
  const onMain = (e) => mainThreads.has(`${e.pid}:${e.tid}`);
  const tasks = events.filter((e) => onMain(e) && e.ph === 'X' && e.name === 'RunTask' && e.dur / 1000 > overMs).sort((a, b) => a.ts - b.ts);
  const children = events.filter((e) => onMain(e) && e.ph === 'X' && !WRAPPERS.has(e.name) && e.dur > 1000);
  const samples = cpuSamples(events);
  const navStart = events.find((e) => e.name === 'navigationStart' && onMain(e))?.ts ?? tasks[0]?.ts ?? 0;
  return tasks.map((task) => {
    const end = task.ts + task.dur;
    const inside = children.filter((c) => c.ts >= task.ts && c.ts + c.dur <= end);
    const top = inside.filter((c) => !inside.some((p) => p !== c && p.ts <= c.ts && p.ts + p.dur >= c.ts + c.dur && p.dur > c.dur));
    const self = new Map();
    for (const s of samples) if (s.pid === task.pid && s.tid === task.tid) if (s.ts >= task.ts && s.ts < end) self.set(s.name, (self.get(s.name) ?? 0) + s.ms);
    const kinds = new Map();
    for (const c of inside) if (KINDS.has(c.name)) kinds.set(c.name, (kinds.get(c.name) ?? 0) + c.dur / 1000);
    return {
      ms: task.dur / 1000,
      kinds: [...kinds.entries()].sort((a, b) => b[1] - a[1]).map(([name, ms]) => `${name} ${ms.toFixed(0)}`),
      atMs: (task.ts - navStart) / 1000,
      work: top.map((c) => `${c.name}${describe(c)} ${(c.dur / 1000).toFixed(0)}`),
      js: [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([name, ms]) => `${name} ${ms.toFixed(0)}`),
    };
  });
}

function describe(event) {
  const data = event.args?.data ?? event.args?.beginData ?? {};
  const url = data.url ?? data.scriptName ?? '';
  const file = url ? ` ${url.split('/').pop()}` : '';
  return data.functionName ? ` ${data.functionName}${file}` : file;
}

// With --maps=<.next/static/chunks>, frames of the app's chunks are named by their source (productionBrowserSourceMaps).
const mapsDir = process.argv.find((a) => a.startsWith('--maps='))?.split('=')[1];
const consumers = new Map();
function frameName(frame) {
  const file = frame.url ? frame.url.split('/').pop() : '';
  const chunk = mapsDir && file ? path.join(mapsDir, file) : null;
  const mapName = chunk && fs.existsSync(chunk) ? /sourceMappingURL=(\S+)\s*$/.exec(fs.readFileSync(chunk, 'utf8').slice(-200))?.[1] : null;
  const mapFile = mapName ? path.join(mapsDir, mapName) : null;
  if (mapFile && fs.existsSync(mapFile)) {
    if (!consumers.has(mapFile)) consumers.set(mapFile, new SourceMapConsumer(JSON.parse(fs.readFileSync(mapFile, 'utf8'))));
    const at = consumers.get(mapFile).originalPositionFor({ line: frame.lineNumber + 1, column: frame.columnNumber });
    if (at.source) return `${at.name ?? frame.functionName ?? '(anonymous)'} ${at.source.replace(/^.*node_modules\//, '').replace(/^.*\/(app|components|lib)\//, '$1/')}:${at.line}`;
  }
  return `${frame.functionName || '(anonymous)'}${file ? ` ${file}:${frame.lineNumber + 1}` : ''}`;
}

/** CPU profile samples from the trace's ProfileChunk events, each with its time and function label. */
function cpuSamples(events) {
  const nodes = new Map();
  const out = [];
  // Profile ids repeat across processes (each renderer's first is 0x1): key by process; the sampled thread is the Profile event's.
  const profiles = new Map();
  for (const e of events) {
    const key = `${e.pid}:${e.id}`;
    if (e.name === 'Profile') profiles.set(key, { at: e.args.data.startTime, tid: e.tid });
    if (e.name !== 'ProfileChunk') continue;
    const profile = profiles.get(key) ?? { at: e.ts, tid: e.tid };
    profiles.set(key, profile);
    const chunk = e.args.data.cpuProfile ?? {};
    for (const n of chunk.nodes ?? []) nodes.set(`${key}:${n.id}`, n.callFrame);
    const deltas = e.args.data.timeDeltas ?? [];
    (chunk.samples ?? []).forEach((id, i) => {
      profile.at += deltas[i] ?? 0;
      const frame = nodes.get(`${key}:${id}`);
      if (!frame || frame.functionName === '(idle)' || frame.functionName === '(root)') return;
      out.push({ pid: e.pid, tid: profile.tid, ts: profile.at, ms: (deltas[i + 1] ?? deltas[i] ?? 0) / 1000, name: frameName(frame) });
    });
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
  const url = process.argv.slice(2).find((a) => !a.startsWith('--'));
  if (!url) {
    console.error('usage: node scripts/bench/page-long-tasks.mjs <url> [--over=50] [--width=1440] [--height=900] [--rounds=1]');
    process.exit(2);
  }
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    for (let round = 0; round < Number(arg('rounds', 1)); round++) {
      const context = await browser.newContext({ viewport: { width: Number(arg('width', 1440)), height: Number(arg('height', 900)) } });
      const page = await context.newPage();
      await browser.startTracing(page, { categories: CATEGORIES });
      await page.goto(url);
      await page.waitForLoadState('load');
      await page.waitForTimeout(Number(arg('settle', 4000)));
      const raw = (await browser.stopTracing()).toString('utf8');
      if (arg('save')) fs.writeFileSync(`${arg('save')}.${round + 1}.json`, raw);
      const trace = JSON.parse(raw);
      console.log(`round ${round + 1}:`);
      for (const t of longTasksOfTrace(trace, new URL(url).origin, Number(arg('over', 50)))) {
        console.log(`  ${t.ms.toFixed(0).padStart(4)} ms at +${t.atMs.toFixed(0)} ms\n    work: ${t.work.join(' | ')}\n    kinds: ${t.kinds.join(' | ')}\n    js:   ${t.js.join(' | ')}`);
      }
      await context.close();
    }
  } finally {
    await browser.close();
  }
}
