// Metric-series bench: min-max downsampling of a 1,000,000-point history to 1,000 points (target ≤ 100 ms),
// beside the floor: one plain loop over the same array computing min and max. Runs on import (from run.mjs)
// or alone: `node scripts/bench/series.mjs`.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rngFor } from '../demo-data/prng.mjs';
import { importTs, median, table } from './measure.mjs';

/** The same history on every run. */
const prng = (seed) => rngFor('series-bench', seed).next;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const POINTS = 1_000_000;
const MAX_POINTS = 1_000;
const ROUNDS = 20;


// A decaying loss with noise, a few spikes either way, some NaNs and one +Infinity, logged once a step.
const rand = prng(42);
const history = new Array(POINTS);
for (let i = 0; i < POINTS; i++) {
  history[i] = { step: i, timestamp: 1_700_000_000_000 + i * 100, value: 2 / (1 + i / 50_000) + (rand() - 0.5) * 0.05 };
}
for (let k = 0; k < 8; k++) history[Math.floor(rand() * POINTS)].value = (rand() < 0.5 ? -1 : 1) * (10 + rand() * 100);
for (let k = 0; k < 25; k++) history[Math.floor(rand() * POINTS)].value = NaN;
history[Math.floor(rand() * POINTS)].value = Infinity;

function floor() {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < history.length; i++) {
    const v = history[i].value;
    if (!Number.isFinite(v)) continue; // the finite extremes, as the chart's y-axis sees them
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}

const { downsample } = await importTs(root, 'lib/series/downsample.ts');
for (let i = 0; i < 3; i++) { downsample(history, MAX_POINTS); floor(); } // let the JIT settle both sides

const sampleMs = [];
const floorMs = [];
let out;
let raw;
for (let round = 0; round < ROUNDS; round++) {
  let t = performance.now();
  out = downsample(history, MAX_POINTS);
  sampleMs.push(performance.now() - t);
  t = performance.now();
  raw = floor();
  floorMs.push(performance.now() - t);
}

const kept = new Set(out.points.map((p) => p.value));
const present = kept.has(raw.max) && kept.has(raw.min) ? 'yes' : 'no';
const markers = out.points.filter((p) => !Number.isFinite(p.value)).length;
const s = median(sampleMs);
const f = median(floorMs);
console.log(`\nSeries bench — ${POINTS.toLocaleString('en-US')} points → ≤ ${MAX_POINTS.toLocaleString('en-US')} (min-max per bucket)\n`);
console.log(table([
  ['measure', 'Runlens', 'floor / target', 'ratio'],
  [`downsample 1e6 → ${MAX_POINTS}, median of ${ROUNDS}`, `${s.toFixed(1)} ms`, `min/max loop ${f.toFixed(1)} ms; target ≤ 100 ms`, `${(s / f).toFixed(1)}×`],
  ['points out / raw', `${out.points.length} / ${out.total.toLocaleString('en-US')}`, `≤ ${MAX_POINTS}`, ''],
  ['gap markers out / non-finite in', `${markers} / ${out.gaps.nan + out.gaps.posInf + out.gaps.negInf}`, '≥ 1 when any', ''],
  [`raw max ${raw.max.toFixed(3)} and min ${raw.min.toFixed(3)} present in output`, present, 'yes', ''],
]));
