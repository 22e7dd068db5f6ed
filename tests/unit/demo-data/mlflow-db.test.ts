import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../../scripts/demo-data/generate.mjs';
import type { DemoManifest } from '../../../scripts/demo-data/manifest.mjs';
import { openReadonly, REAL_DB, tempDir } from './helpers';

const DBL_MAX = 1.7976931348623157e308;

let dir: string;
let db: Database.Database;
let real: Database.Database;
let manifest: DemoManifest;

beforeAll(() => {
  dir = tempDir();
  generateDemoData({ outDir: dir, force: true });
  db = openReadonly(path.join(dir, 'mlflow.db'));
  real = openReadonly(REAL_DB);
  manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as DemoManifest;
});
afterAll(() => {
  db.close();
  real.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const all = <T>(d: Database.Database, sql: string, ...params: unknown[]) => d.prepare(sql).all(...params) as T[];
const tagsOf = (runId: string) => new Map(all<{ key: string; value: string }>(db, 'SELECT "key", value FROM tags WHERE run_uuid = ?', runId).map((t) => [t.key, t.value]));
const finishedStages = () => manifest.runs.filter((r) => r.execution && r.stage !== 'pipeline' && r.mlflow?.status === 'FINISHED');

describe('demo mlflow.db', () => {
  it('has the real MLflow 2.12.2 schema: same tables, columns, constraints and indexes', () => {
    const master = 'SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name';
    expect(all(db, master)).toEqual(all(real, master));
    const tables = all<{ name: string }>(real, "SELECT name FROM sqlite_master WHERE type = 'table'").map((t) => t.name);
    for (const t of tables) expect(all(db, `PRAGMA table_info("${t}")`), t).toEqual(all(real, `PRAGMA table_info("${t}")`));
    expect(all(db, 'SELECT version_num FROM alembic_version')).toEqual([{ version_num: 'acf3f17fdcc7' }]);
    expect(all(db, 'PRAGMA foreign_key_check')).toEqual([]);
  });

  it('holds every MLflow run of the manifest with its status, parent and experiment', () => {
    for (const r of manifest.runs.filter((x) => x.mlflow)) {
      const row = db.prepare('SELECT name, status, start_time, end_time, experiment_id, lifecycle_stage FROM runs WHERE run_uuid = ?').get(r.mlflow!.runId);
      expect(row, r.label).toEqual({ name: r.mlflow!.runName, status: r.mlflow!.status, start_time: r.mlflow!.startTime, end_time: r.mlflow!.endTime, experiment_id: 1, lifecycle_stage: 'active' });
      const tags = tagsOf(r.mlflow!.runId);
      for (const k of ['mlflow.user', 'mlflow.source.name', 'mlflow.source.type', 'mlflow.runName']) expect(tags.has(k), `${r.label} ${k}`).toBe(true);
      expect(tags.get('mlflow.parentRunId') ?? null, r.label).toBe(r.mlflow!.parentRunId);
    }
    expect(all(db, "SELECT run_uuid FROM runs WHERE status = 'FAILED'")).toHaveLength(2);
  });

  it('keeps metric histories of hundreds of steps on every finished stage run', () => {
    for (const r of finishedStages()) {
      const steps = all<{ step: number }>(db, "SELECT step FROM metrics WHERE run_uuid = ? AND \"key\" = 'total_samples' ORDER BY step", r.mlflow!.runId).map((x) => x.step);
      expect(steps.length, r.label).toBeGreaterThanOrEqual(300);
      expect(steps, r.label).toEqual(steps.map((_, i) => i));
    }
  });

  it('stores NaN and Infinity the way MLflow 2.12 does (is_nan=1 / DBL_MAX) where the manifest says', () => {
    expect(manifest.metricSpecials.some((s) => s.value === 'NaN' && s.key === 'gpu_utilization')).toBe(true);
    expect(manifest.metricSpecials.some((s) => s.value === 'Infinity' && s.key === 'throughput')).toBe(true);
    for (const s of manifest.metricSpecials) {
      const row = db.prepare('SELECT value, is_nan FROM metrics WHERE run_uuid = ? AND "key" = ? AND step = ?').get(s.mlflowRunId, s.key, s.step);
      expect(row, `${s.label} ${s.key}@${s.step}`).toEqual(s.value === 'NaN' ? { value: 0, is_nan: 1 } : { value: s.value === 'Infinity' ? DBL_MAX : -DBL_MAX, is_nan: 0 });
    }
    const specials = db.prepare('SELECT count(*) FROM metrics WHERE is_nan = 1 OR abs(value) >= ?').pluck().get(DBL_MAX);
    expect(specials).toBe(manifest.metricSpecials.length);
  });

  it('keeps latest_metrics as the point with the greatest (step, timestamp, value), like the server', () => {
    type Point = { key: string; run_uuid: string; value: number; timestamp: number; step: number; is_nan: number };
    const newest = new Map<string, Point>();
    for (const m of all<Point>(db, 'SELECT "key", run_uuid, value, timestamp, step, is_nan FROM metrics')) {
      const cur = newest.get(`${m.run_uuid}/${m.key}`);
      const newer = !cur || m.step > cur.step || (m.step === cur.step && (m.timestamp > cur.timestamp || (m.timestamp === cur.timestamp && m.value > cur.value)));
      if (newer) newest.set(`${m.run_uuid}/${m.key}`, m);
    }
    const expected = [...newest.values()].sort((a, b) => (a.run_uuid + a.key < b.run_uuid + b.key ? -1 : 1));
    expect(all(db, 'SELECT "key", run_uuid, value, timestamp, step, is_nan FROM latest_metrics ORDER BY run_uuid || "key"')).toEqual(expected);
  });

  it('records the same dataset versions as the lineage side (log_input digests or data.* tags)', () => {
    for (const r of manifest.runs.filter((x) => x.mlflow?.dataRecordedWith)) {
      const id = r.mlflow!.runId;
      if (r.mlflow!.dataRecordedWith === 'log_input') {
        const logged = all<{ name: string; digest: string; source: string; context: string }>(db, `SELECT d.name, d.digest, d.dataset_source AS source, t.value AS context
          FROM inputs i JOIN datasets d ON d.dataset_uuid = i.source_id JOIN input_tags t ON t.input_uuid = i.input_uuid AND t.name = 'mlflow.data.context'
          WHERE i.destination_type = 'RUN' AND i.destination_id = ?`, id);
        for (const [context, ds] of [['input', r.input], ['output', r.output]] as const) {
          if (!ds) continue;
          expect(logged, `${r.label} ${context}`).toContainEqual({ name: ds.name, digest: ds.version, source: `{"uri": "s3://bucket/${ds.name}"}`, context });
        }
      } else {
        const tags = tagsOf(id);
        expect(tags.get('data.dataset_hash'), r.label).toBe(r.output!.version);
        expect(tags.get('data.output_path'), r.label).toBe(`s3://bucket/${r.output!.name}`);
        expect(JSON.parse(tags.get('data.input_paths')!), r.label).toEqual([`s3://bucket/${r.input!.name}`]);
      }
    }
  });

  it('registers groot-tokenizer versions from the tokenization runs, with aliases', () => {
    const [model] = manifest.models;
    expect(model?.versions.map((v) => v.label)).toEqual(['e1.tokenization', 'e2.tokenization']);
    for (const v of model!.versions) {
      const row = db.prepare('SELECT run_id, source, status, current_stage FROM model_versions WHERE name = ? AND version = ?').get(model!.name, Number(v.version));
      expect(row).toEqual({ run_id: v.runId, source: v.source, status: 'READY', current_stage: 'None' });
      expect(tagsOf(v.runId).get('mlflow.log-model.history')).toContain('"artifact_path": "tokenizer"');
    }
    const aliases = all<{ alias: string; version: number }>(db, 'SELECT alias, version FROM registered_model_aliases ORDER BY alias');
    expect(Object.fromEntries(aliases.map((a) => [a.alias, String(a.version)]))).toEqual(model!.aliases);
  });
});
