// The manifest's link expectations checked against what was actually written, with a small
// independent linker (not lib/join): the demo must show each rule, alone, and both unmatched kinds.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../../scripts/demo-data/generate.mjs';
import type { DemoManifest, IdRule } from '../../../scripts/demo-data/manifest.mjs';
import { type JsonObject, openReadonly, readEventFiles, tempDir } from './helpers';

interface OlRun { runId: string; facets: JsonObject; start: number; end: number; datasets: string[] }
interface MlRun { runId: string; tags: Map<string, string>; params: Map<string, string>; start: number; end: number; datasets: string[] }

let dir: string;
let manifest: DemoManifest;
const ol = new Map<string, OlRun>();
const ml = new Map<string, MlRun>();

beforeAll(() => {
  dir = tempDir();
  generateDemoData({ outDir: dir, force: true });
  manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as DemoManifest;
  const events = readEventFiles(path.join(dir, 'openlineage')).map(([, t]) => JSON.parse(t) as JsonObject);
  events.sort((a, b) => Date.parse(a.eventTime as string) - Date.parse(b.eventTime as string));
  for (const e of events) {
    const run = e.run as JsonObject;
    const time = Date.parse(e.eventTime as string);
    const prev = ol.get(run.runId as string);
    const datasets = [...(e.inputs as JsonObject[]), ...(e.outputs as JsonObject[])].flatMap((d) => {
      const v = ((d.facets as JsonObject).version as JsonObject | undefined)?.datasetVersion;
      return v ? [`${d.name}@${v}`] : [];
    });
    ol.set(run.runId as string, { runId: run.runId as string, facets: { ...prev?.facets, ...(run.facets as JsonObject) }, start: prev?.start ?? time, end: time, datasets: [...new Set([...(prev?.datasets ?? []), ...datasets])] });
  }
  const db = openReadonly(path.join(dir, 'mlflow.db'));
  for (const r of db.prepare('SELECT run_uuid, start_time, end_time FROM runs').all() as Array<{ run_uuid: string; start_time: number; end_time: number }>) {
    const kv = (table: string) => new Map((db.prepare(`SELECT "key", value FROM ${table} WHERE run_uuid = ?`).all(r.run_uuid) as Array<{ key: string; value: string }>).map((x) => [x.key, x.value]));
    const datasets = (db.prepare("SELECT d.name || '@' || d.digest FROM inputs i JOIN datasets d ON d.dataset_uuid = i.source_id WHERE i.destination_id = ?").pluck().all(r.run_uuid) as string[]);
    ml.set(r.run_uuid, { runId: r.run_uuid, tags: kv('tags'), params: kv('params'), start: r.start_time, end: r.end_time, datasets });
  }
  db.close();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The id-based rules (linking.md order) that tie lineage run `o` to experiment run `m`. */
function idRules(o: OlRun, m: MlRun): IdRule[] {
  const rules: IdRule[] = [];
  if (o.runId.replace(/-/g, '').toLowerCase() === m.runId) rules.push('uuid');
  if ((o.facets.mlflow as JsonObject | undefined)?.runId === m.runId) rules.push('mlflow-facet');
  const tags = ((o.facets.tags as JsonObject | undefined)?.tags ?? []) as JsonObject[];
  if (tags.some((t) => t.key === 'mlflow.run_id' && t.value === m.runId)) rules.push('tags-facet');
  if (m.tags.get('openlineage.run_id') === o.runId) rules.push('mlflow-tag');
  return rules;
}

const overlaps = (o: OlRun, m: MlRun) => o.start <= m.end && m.start <= o.end;

describe('demo link evidence', () => {
  it('writes exactly the id evidence the manifest lists, and none between other runs', () => {
    const expected = new Map(manifest.runs.filter((r) => r.openlineage && r.mlflow).map((r) => [`${r.openlineage!.runId} ${r.mlflow!.runId}`, r.idRules]));
    for (const o of ol.values()) {
      for (const m of ml.values()) {
        const key = `${o.runId} ${m.runId}`;
        expect(idRules(o, m), key).toEqual(expected.get(key) ?? []);
      }
    }
    expect(ol.size).toBe(manifest.runs.filter((r) => r.openlineage).length);
    expect(ml.size).toBe(manifest.runs.filter((r) => r.mlflow).length);
  });

  it('shows every id rule alone on some run, plus a dataset-only pair and both unmatched kinds', () => {
    for (const rule of ['uuid', 'mlflow-facet', 'tags-facet', 'mlflow-tag'] as const) {
      expect(manifest.runs.some((r) => r.rule === rule && r.idRules.length === 1 && r.idRules[0] === rule), rule).toBe(true);
    }
    expect(manifest.runs.some((r) => r.rule === 'uuid' && r.idRules.length === 4)).toBe(true);
    expect(Object.keys(manifest.rulesPrimary).sort()).toEqual(['dataset', 'mlflow-facet', 'mlflow-tag', 'tags-facet', 'uuid']);
    expect(manifest.unmatched.openlineageOnly).toEqual(['export-stats']);
    expect(manifest.unmatched.mlflowOnly).toEqual(['notebook']);
  });

  it('ties the dataset-rule pair only by a shared dataset version at the same time', () => {
    const pair = manifest.runs.find((r) => r.rule === 'dataset')!;
    const o = ol.get(pair.openlineage!.runId)!;
    const m = ml.get(pair.mlflow!.runId)!;
    expect(o.datasets.filter((d) => m.datasets.includes(d)).length).toBeGreaterThan(0);
    expect(overlaps(o, m)).toBe(true);
    // no other MLflow run shares a dataset version with it while it ran
    for (const other of ml.values()) if (other !== m && overlaps(o, other)) expect(o.datasets.filter((d) => other.datasets.includes(d))).toEqual([]);
  });

  it('leaves the unmatched runs without any partner, even by dataset within an hour', () => {
    const hour = 3600_000;
    const lineageOnly = ol.get(manifest.runs.find((r) => r.label === 'export-stats')!.openlineage!.runId)!;
    for (const m of ml.values()) {
      const near = lineageOnly.start - hour <= m.end && m.start <= lineageOnly.end + hour;
      if (near) expect(lineageOnly.datasets.filter((d) => m.datasets.includes(d))).toEqual([]);
    }
    const mlflowOnly = ml.get(manifest.runs.find((r) => r.label === 'notebook')!.mlflow!.runId)!;
    for (const o of ol.values()) expect(o.datasets.filter((d) => mlflowOnly.datasets.includes(d))).toEqual([]);
  });

  it('nests stages under their pipeline run on both sides', () => {
    for (const r of manifest.runs.filter((x) => x.execution && x.stage !== 'pipeline')) {
      const parent = manifest.runs.find((x) => x.label === `${r.execution}.pipeline`)!;
      const facet = ol.get(r.openlineage!.runId)!.facets.parent as JsonObject;
      expect((facet.run as JsonObject).runId, r.label).toBe(parent.openlineage!.runId);
      expect(((facet.root as JsonObject).run as JsonObject).runId, r.label).toBe(parent.openlineage!.runId);
      expect(ml.get(r.mlflow!.runId)!.tags.get('mlflow.parentRunId'), r.label).toBe(parent.mlflow!.runId);
    }
  });

  it('makes one param disagree between executionParameters and MLflow params', () => {
    expect(manifest.paramDisagreements).toEqual([{ label: 'e2.tokenization', key: 'batch_size', openlineage: '1000', mlflow: '512' }]);
    const run = manifest.runs.find((r) => r.label === 'e2.tokenization')!;
    const params = (ol.get(run.openlineage!.runId)!.facets.executionParameters as JsonObject).parameters as JsonObject[];
    expect(params).toContainEqual({ key: 'batch_size', value: '1000' });
    expect(ml.get(run.mlflow!.runId)!.params.get('batch_size')).toBe('512');
  });

  it('gives e1 and e2 different raw snapshots and dedup thresholds, so every version downstream differs', () => {
    const [e1, e2] = manifest.executions;
    expect(e1!.state).toBe('COMPLETE');
    expect(e2!.state).toBe('COMPLETE');
    expect(e1!.rawVersion).not.toBe(e2!.rawVersion);
    expect([e1!.similarityThreshold, e2!.similarityThreshold]).toEqual(['0.95', '0.92']);
    for (let i = 0; i < 4; i++) expect(e1!.stages[i]!.output!.version).not.toBe(e2!.stages[i]!.output!.version);
    const rate = (label: string) => ml.get(manifest.runs.find((r) => r.label === label)!.mlflow!.runId)!;
    expect(rate('e1.deduplication').params.get('threshold')).toBe('0.95');
    expect(rate('e2.deduplication').params.get('threshold')).toBe('0.92');
    expect(manifest.executions[2]).toMatchObject({ id: 'e3', state: 'FAIL', stagesNotRun: ['tokenization'] });
  });

  it('is documented: scripts/demo-data/README.md lists every run with its ids and rule', () => {
    const readme = fs.readFileSync(path.join('scripts', 'demo-data', 'README.md'), 'utf8');
    for (const r of manifest.runs) {
      const row = readme.split('\n').find((l) => l.startsWith(`| \`${r.label}\` |`));
      expect(row, r.label).toBeDefined();
      for (const id of [r.openlineage?.runId, r.mlflow?.runId]) if (id) expect(row, r.label).toContain(id);
      expect(row, r.label).toContain(r.rule ? `**${r.rule}**` : 'unmatched');
    }
  });
});
