import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UnifiedRun } from '@/lib/model';
import { joinRuns } from '@/lib/join';
import { createMlflowStoreSource } from '@/lib/sources/mlflow-store';
import { createOpenLineageFileSource } from '@/lib/sources/openlineage-files';
import { generateDemoData } from '../../../scripts/demo-data/generate.mjs';
import type { DemoManifest } from '../../../scripts/demo-data/manifest.mjs';

// The demo exercises every link rule and both unmatched kinds; the join must find what the generator wrote.
let dir: string;
let manifest: DemoManifest;
let runs: UnifiedRun[];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-join-demo-'));
  generateDemoData({ outDir: dir, force: true });
  manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  const [lineage, experiment] = await Promise.all([
    createOpenLineageFileSource([path.join(dir, 'openlineage')], { refreshIntervalMs: 0 }).snapshot(),
    createMlflowStoreSource({ kind: 'sqlite', path: path.join(dir, 'mlflow.db') }).snapshot(),
  ]);
  runs = joinRuns([...lineage.runs.values()], [...experiment.runs.values()], Date.parse('2026-11-26T00:00:00Z'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('demo data through both sources and the join', () => {
  it('links each run by the rule the generator intended, and keeps the unmatched ones', () => {
    expect(runs).toHaveLength(manifest.runs.length);
    for (const want of manifest.runs) {
      const run = runs.find((r) => (want.openlineage ? r.lineage?.runId === want.openlineage.runId : r.experiment?.runId === want.mlflow?.runId));
      expect(run, want.label).toBeDefined();
      expect(run?.link?.rule ?? null, want.label).toBe(want.rule);
      if (want.rule && want.rule !== 'dataset') expect(run?.link?.rules, want.label).toEqual(want.idRules);
      if (want.rule) expect(run?.experiment?.runId, want.label).toBe(want.mlflow?.runId);
    }
  });

  it('reads log_data_version tags as datasets with the output version', () => {
    const tagged = manifest.runs.filter((r) => r.mlflow?.dataRecordedWith === 'data.* tags');
    expect(tagged.length).toBeGreaterThan(0);
    for (const want of tagged) {
      const run = runs.find((r) => r.experiment?.runId === want.mlflow?.runId);
      const output = run?.experiment?.datasets.find((d) => d.context === 'output');
      expect(output).toMatchObject({ recordedWith: 'data.* tags', namespace: want.output?.namespace, olName: want.output?.name, digest: want.output?.version });
      expect(run?.experiment?.datasets.find((d) => d.context === 'input')).toMatchObject({ namespace: want.input?.namespace, olName: want.input?.name, digest: null });
    }
  });
});
