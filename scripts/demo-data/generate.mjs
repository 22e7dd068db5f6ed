#!/usr/bin/env node
// CLI: `node scripts/demo-data/generate.mjs [outDir] [--force]` (npm run demo:data). Writes the demo
// stores into <repo>/.demo-data by default; skips the work when the stamp says the output is current.

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildManifest, buildScenario } from './scenario.mjs';
import { lineageEvents, writeEventFiles } from './openlineage-events.mjs';
import { writeMlflowDb } from './mlflow-db.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_OUT_DIR = path.resolve(HERE, '..', '..', '.demo-data');
export const STAMP_FILE = '.generator-version';
const OUTPUTS = ['openlineage', 'mlflow.db', 'manifest.json'];

/** Changes whenever any generator source changes, so edited generators never serve stale data. */
export function generatorStamp() {
  const hash = createHash('sha256');
  for (const f of fs.readdirSync(HERE).filter((n) => /\.(mjs|sql)$/.test(n)).sort()) {
    hash.update(`${f}\n`).update(fs.readFileSync(path.join(HERE, f)));
  }
  return `runlens-demo-data ${hash.digest('hex').slice(0, 16)}\n`;
}

function isCurrent(outDir, stamp) {
  const stampPath = path.join(outDir, STAMP_FILE);
  return fs.existsSync(stampPath) && fs.readFileSync(stampPath, 'utf8') === stamp && OUTPUTS.every((o) => fs.existsSync(path.join(outDir, o)));
}

/** Replace `target` (file or folder) by `tmp` with one rename; the old copy is removed first only for folders. */
function swapIn(tmp, target) {
  if (fs.existsSync(target) && fs.statSync(target).isDirectory()) fs.rmSync(target, { recursive: true, force: true });
  fs.renameSync(tmp, target);
}

/** Generates the demo data into `outDir`; returns what it did. */
export function generateDemoData({ outDir = DEFAULT_OUT_DIR, force = false } = {}) {
  const started = performance.now();
  const stamp = generatorStamp();
  if (!force && isCurrent(outDir, stamp)) return { skipped: true, outDir, ms: performance.now() - started };

  fs.mkdirSync(outDir, { recursive: true });
  fs.rmSync(path.join(outDir, STAMP_FILE), { force: true }); // a crash below must not leave a valid stamp
  const scenario = buildScenario();
  const events = lineageEvents(scenario.runs);

  const olTmp = path.join(outDir, `openlineage.tmp-${process.pid}`);
  fs.rmSync(olTmp, { recursive: true, force: true });
  writeEventFiles(olTmp, events);
  swapIn(olTmp, path.join(outDir, 'openlineage'));

  writeMlflowDb(path.join(outDir, 'mlflow.db'), scenario);

  const manifest = buildManifest(scenario, { openlineage: { dir: 'openlineage', events: events.length }, mlflowDb: 'mlflow.db' });
  const manifestTmp = path.join(outDir, `manifest.json.tmp-${process.pid}`);
  fs.writeFileSync(manifestTmp, `${JSON.stringify(manifest, null, 2)}\n`);
  swapIn(manifestTmp, path.join(outDir, 'manifest.json'));

  fs.writeFileSync(path.join(outDir, STAMP_FILE), stamp);
  const mlflowRuns = scenario.runs.filter((r) => r.mlflow).length;
  return { skipped: false, outDir, events: events.length, mlflowRuns, ms: performance.now() - started };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const outDir = args.find((a) => !a.startsWith('--'));
  const res = generateDemoData({ outDir: outDir ? path.resolve(outDir) : DEFAULT_OUT_DIR, force: args.includes('--force') });
  const where = path.relative(process.cwd(), res.outDir) || '.';
  console.log(
    res.skipped
      ? `demo data in ${where} is current (stamp matches); nothing to do`
      : `demo data written to ${where}: ${res.events} OpenLineage events, ${res.mlflowRuns} MLflow runs, in ${Math.round(res.ms)} ms`,
  );
}
