#!/usr/bin/env node
// Two builds of the run page side by side, rounds alternating so both see the same machine load:
// `node scripts/bench/run-page-compare.mjs <base url A> <base url B> [--rounds=8]` (each a server of the demo data,
// e.g. main's build and a branch's). Prints, per build, the run-page measures of run-page.mjs and the explorer's paint.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { median, table } from './measure.mjs';
import { measure, measureExplorer } from './run-page.mjs';

const [a, b] = process.argv.slice(2).filter((x) => !x.startsWith('--'));
const rounds = Number(process.argv.find((x) => x.startsWith('--rounds='))?.split('=')[1] ?? 8);
if (!a || !b) {
  console.error('usage: node scripts/bench/run-page-compare.mjs <base url A> <base url B> [--rounds=8]');
  process.exit(2);
}
const manifest = JSON.parse(fs.readFileSync(path.join(process.cwd(), '.demo-data', 'manifest.json'), 'utf8'));
const { runId, namespace, job } = manifest.runs.find((r) => r.label === 'e2.deduplication').openlineage;
const explorer = `/lineage?node=${encodeURIComponent(`job:${namespace}:${job}`)}`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const results = { [a]: [], [b]: [] };
const explorers = { [a]: [], [b]: [] };
const loads = [];
try {
  for (const base of [a, b]) { await fetch(`${base}/runs/${runId}`); await fetch(`${base}${explorer}`); }
  for (let round = 0; round < rounds; round++) {
    loads.push(os.loadavg()[0]);
    for (const base of round % 2 ? [b, a] : [a, b]) {
      results[base].push(await measure(browser, `${base}/runs/${runId}`));
      explorers[base].push(await measureExplorer(browser, `${base}${explorer}`));
    }
  }
} finally {
  await browser.close();
}
const rows = [['measure (median / worst)', a, b]];
const cell = (list, key, unit = 'ms') => `${median(list.map((r) => r[key])).toFixed(0)} / ${Math.max(...list.map((r) => r[key])).toFixed(0)} ${unit}`;
for (const [label, key] of [['longest main-thread task', 'longest'], ['total blocking time', 'blocking'], ['HTML received', 'htmlMs'], ['first chart drawn', 'firstChartMs'], ['interactive chart', 'interactiveMs'], ['run graph nodes drawn', 'graphMs']]) {
  rows.push([label, cell(results[a], key), cell(results[b], key)]);
}
rows.push(['JS before the first chart (KB)', cell(results[a].map((r) => ({ v: r.jsTransfer / 1024 })), 'v', 'KB'), cell(results[b].map((r) => ({ v: r.jsTransfer / 1024 })), 'v', 'KB')]);
rows.push(['JS of the whole load (KB)', cell(results[a].map((r) => ({ v: r.jsTotal / 1024 })), 'v', 'KB'), cell(results[b].map((r) => ({ v: r.jsTotal / 1024 })), 'v', 'KB')]);
rows.push([`explorer nodes painted (${explorers[a][0].nodes} nodes)`, cell(explorers[a], 'paintedMs'), cell(explorers[b], 'paintedMs')]);
console.log(`\n${rounds} alternating rounds; 1-min load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} (now ${os.loadavg().map((l) => l.toFixed(1)).join(', ')})\n`);
console.log(table(rows));
console.log(`longest task per round — A: ${results[a].map((r) => r.longest.toFixed(0)).join(' ')}; B: ${results[b].map((r) => r.longest.toFixed(0)).join(' ')}`);
