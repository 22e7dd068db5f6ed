#!/usr/bin/env node
// CLI: `node scripts/bench/generate-data.mjs <outDir> [--runs 10000]`. A synthetic groot-data-etl store
// for load tests: N MLflow runs (a parent + 4 stages per execution, linked by uuid) with 100 metric
// points each, and 4 OpenLineage events per run (START, RUNNING, RUNNING, COMPLETE/FAIL) as files.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dashed, rngFor } from '../demo-data/prng.mjs';
import { eventFileName, eventText, runEvent } from '../demo-data/openlineage-events.mjs';
import { createMlflowDb, prepareWriter } from '../demo-data/mlflow-db.mjs';
import { datasetIo, digest, MLFLOW_ENGINE, mlflowInput } from '../demo-data/execution.mjs';
import { commonParams, OL_NAMESPACE, PIPELINE, PIPELINE_DESCRIPTION, STAGES } from '../demo-data/stages.mjs';

const EXPERIMENT = { id: 1, name: PIPELINE, artifactLocation: 'mlflow-artifacts:/1', creationTime: Date.parse('2026-01-01T00:00:00.000Z'), tags: [['team', 'groot-data']] };
const FIRST_EXECUTION = Date.parse('2026-01-01T02:00:00.000Z');
const EXECUTION_EVERY_MS = 2 * 3600_000;
const METRIC_KEYS = ['total_samples', 'throughput', 'gpu_utilization', 'samples_processed'];
const STEPS = 25; // 25 steps × 4 keys = 100 points per run
const PARENT_JOB = { namespace: OL_NAMESPACE, name: PIPELINE };

function metricPoints(rng, startMs, endMs, rows) {
  const points = [];
  const dt = (endMs - startMs) / (STEPS + 1);
  for (let step = 0; step < STEPS; step++) {
    const ts = Math.round(startMs + (step + 1) * dt);
    const done = Math.round((rows * (step + 1)) / STEPS);
    const values = [done, Math.round((rows / STEPS / (dt / 1000)) * rng.float(0.85, 1.15) * 100) / 100, Math.round(rng.float(0.5, 0.95) * 1000) / 1000, done];
    for (let k = 0; k < METRIC_KEYS.length; k++) points.push({ key: METRIC_KEYS[k], value: values[k], timestamp: ts, step });
  }
  return points;
}

/** The runs of execution `i` (parent first), at most `limit` of them; every 40th execution fails at tokenization. */
function execution(i, limit) {
  const rng = rngFor('bench', i);
  const ex = { threshold: i % 2 ? '0.92' : '0.95' };
  const failing = i % 40 === 39;
  const parentId = rng.uuidHex();
  const start = FIRST_EXECUTION + i * EXECUTION_EVERY_MS;
  const baseTags = (stage, name) => [['mlflow.user', 'groot-etl'], ['mlflow.source.name', 'pipeline.py'], ['mlflow.source.type', 'LOCAL'], ['pipeline', PIPELINE], ['stage', stage], ['mlflow.runName', name]];
  const runs = [];
  let input = { name: 'groot/raw/multimodal', version: digest('bench-raw', i), rows: 100_000 + rng.int(0, 20_000) };
  let t = start + 500;
  for (const s of STAGES) {
    const id = rng.uuidHex();
    const rows = s.stage === 'deduplication' ? Math.round(input.rows * 0.87) : s.stage === 'filtering' ? Math.round(input.rows * 0.84) : input.rows;
    const output = { name: s.output, version: digest(s.output, input.version, ex.threshold), rows };
    const end = t + rng.int(60_000, 300_000);
    const fail = failing && s.stage === 'tokenization';
    const inIo = datasetIo(input.name, input.version, input.rows, 'input');
    runs.push({
      ol: {
        runId: dashed(id), job: { namespace: OL_NAMESPACE, name: `${PIPELINE}.${s.stage}`, jobType: 'TASK', integration: 'MLFLOW', description: s.description(ex) },
        parent: { runId: dashed(parentId), job: PARENT_JOB }, root: { runId: dashed(parentId), job: PARENT_JOB }, processingEngine: MLFLOW_ENGINE,
        executionParameters: [...commonParams(ex), ...s.params(ex)], mlflowFacet: null, tags: [['mlflow.run_id', id]],
        events: ['START', 'RUNNING', 'RUNNING', fail ? 'FAIL' : 'COMPLETE'].map((eventType, k) => ({
          eventType, time: t + Math.round(((end - t) * k) / 3), inputs: [inIo],
          outputs: k === 3 && !fail ? [datasetIo(output.name, output.version, rows, 'output')] : [],
          error: k === 3 && fail ? { message: 'RuntimeError: tokenizer worker died', programmingLanguage: 'python' } : undefined,
        })),
      },
      mlflow: {
        runId: id, experimentId: '1', name: s.stage, status: fail ? 'FAILED' : 'FINISHED', startTime: t, endTime: end, userId: 'groot-etl', artifactUri: `mlflow-artifacts:/1/${id}/artifacts`,
        tags: [...baseTags(s.stage, s.stage), ['mlflow.parentRunId', parentId]], params: [...commonParams(ex), ...s.params(ex)], metrics: metricPoints(rng, t, end, rows),
        inputs: fail ? [mlflowInput(input.name, input.version, input.rows, 'input', s.stage)] : [mlflowInput(input.name, input.version, input.rows, 'input', s.stage), mlflowInput(output.name, output.version, rows, 'output', s.stage)],
      },
    });
    input = output;
    t = end + 20;
  }
  const name = `${PIPELINE}-bench-${String(i).padStart(5, '0')}`;
  const rawIo = datasetIo('groot/raw/multimodal', null, 0, 'input', false);
  runs.unshift({
    ol: {
      runId: dashed(parentId), job: { ...PARENT_JOB, jobType: 'DAG', integration: 'MLFLOW', description: PIPELINE_DESCRIPTION }, parent: null, root: null, processingEngine: MLFLOW_ENGINE,
      executionParameters: null, mlflowFacet: null, tags: [['mlflow.run_id', parentId]],
      events: ['START', 'RUNNING', 'RUNNING', failing ? 'FAIL' : 'COMPLETE'].map((eventType, k) => ({ eventType, time: start + 300 + Math.round(((t - start) * k) / 3), inputs: [rawIo], outputs: [], error: k === 3 && failing ? { message: 'stage tokenization failed', programmingLanguage: 'python' } : undefined })),
    },
    mlflow: {
      runId: parentId, experimentId: '1', name, status: failing ? 'FAILED' : 'FINISHED', startTime: start, endTime: t + 50, userId: 'groot-etl', artifactUri: `mlflow-artifacts:/1/${parentId}/artifacts`,
      tags: baseTags('pipeline', name), params: commonParams(ex), metrics: metricPoints(rng, start, t, input.rows), inputs: [],
    },
  });
  return runs.slice(0, limit);
}

/** Writes the store into `outDir` (its `openlineage/` and `mlflow.db` are replaced); returns counts. */
export function generateBenchData(outDir, runCount = 10_000) {
  const started = performance.now();
  const olDir = path.join(outDir, 'openlineage');
  const dbFile = path.join(outDir, 'mlflow.db');
  const tmpDb = `${dbFile}.tmp-${process.pid}`;
  fs.mkdirSync(outDir, { recursive: true });
  fs.rmSync(olDir, { recursive: true, force: true });
  fs.rmSync(tmpDb, { force: true });
  const db = createMlflowDb(tmpDb);
  const writer = prepareWriter(db);
  const madeDirs = new Set();
  const usedUs = new Set();
  let events = 0;
  let metrics = 0;
  let runs = 0;
  db.transaction(() => {
    writer.experiment(EXPERIMENT);
    for (let i = 0; runs < runCount; i++) {
      for (const r of execution(i, runCount - runs)) {
        writer.run(r.mlflow);
        metrics += r.mlflow.metrics.length;
        runs++;
        for (const ev of r.ol.events) {
          // the file name is the emission time: bump by a microsecond when two events share one
          let emittedUs = ev.time * 1000 + 137;
          while (usedUs.has(emittedUs)) emittedUs++;
          usedUs.add(emittedUs);
          const dayDir = path.join(olDir, new Date(ev.time).toISOString().slice(0, 10));
          if (!madeDirs.has(dayDir)) {
            fs.mkdirSync(dayDir, { recursive: true });
            madeDirs.add(dayDir);
          }
          fs.writeFileSync(path.join(dayDir, eventFileName(emittedUs)), eventText(runEvent(r.ol, ev)), { flag: 'wx' });
          events++;
        }
      }
    }
  })();
  db.close();
  fs.renameSync(tmpDb, dbFile);
  return { outDir, runs, events, metrics, dayDirs: madeDirs.size, seconds: (performance.now() - started) / 1000 };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const outDir = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--runs');
  const runsArg = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 10_000;
  if (!outDir || !Number.isInteger(runsArg) || runsArg < 1) {
    console.error('usage: node scripts/bench/generate-data.mjs <outDir> [--runs 10000]');
    process.exit(2);
  }
  const res = generateBenchData(path.resolve(outDir), runsArg);
  console.log(`bench data in ${path.relative(process.cwd(), res.outDir) || '.'}:`);
  console.log(`  mlflow.db: ${res.runs} runs, ${res.metrics} metric points (+ latest_metrics, params, tags, datasets, inputs)`);
  console.log(`  openlineage/: ${res.events} events in ${res.dayDirs} day folders`);
  console.log(`  took ${res.seconds.toFixed(1)} s`);
}
