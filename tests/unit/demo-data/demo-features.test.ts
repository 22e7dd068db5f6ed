// Issue #14 "Also": the demo shows column lineage (direct and indirect) and a dbt-style data-quality result.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDataQuality } from '@/lib/catalog/facet-panels';
import { buildColumnGraph } from '@/lib/graph/explorer-columns';
import { buildNodeParam } from '@/lib/graph/explorer-node-param';
import { createOpenLineageFileSource } from '@/lib/sources/openlineage-files';
import type { LineageSnapshot } from '@/lib/sources/ports';
import { generateDemoData } from '../../../scripts/demo-data/generate.mjs';
import type { DemoManifest } from '../../../scripts/demo-data/manifest.mjs';
import { tempDir } from './helpers';

let dir: string;
let snapshot: LineageSnapshot;
let manifest: DemoManifest;

beforeAll(async () => {
  dir = tempDir();
  generateDemoData({ outDir: dir, force: true });
  manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as DemoManifest;
  snapshot = await createOpenLineageFileSource([path.join(dir, 'openlineage')], { refreshIntervalMs: 0 }).snapshot();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const runOf = (label: string) => snapshot.runs.get(manifest.runs.find((r) => r.label === label)!.openlineage!.runId)!;

describe('demo data', () => {
  it('has column lineage the explorer draws, direct and indirect', () => {
    const views = [...snapshot.datasets.values()].map((d) => ({ id: buildNodeParam({ kind: 'dataset', ...d }), namespace: d.namespace, name: d.name, facets: d.facets }));
    const g = buildColumnGraph(views, 1000);
    expect(g.edges.filter((e) => e.kind === 'column').length).toBeGreaterThan(10);
    expect(g.edges.filter((e) => e.kind === 'column-indirect').map((e) => e.subtypes)).toContainEqual(['FILTER']);
    expect(g.malformed).toBe(0);
  });

  it('has a dbt-style data-quality result on the filtering stage: all pass in e1, nsfw_score fails in e3', () => {
    const ok = runDataQuality(runOf('e1.filtering'), () => '#');
    expect(ok.map((r) => [r.side, r.label, r.view.passed, r.view.failed])).toEqual([['input', 's3://bucket/groot/staging/deduplicated', 4, 0]]);
    const failed = runDataQuality(runOf('e3.filtering'), () => '#');
    expect(failed[0]?.view.assertions[0]).toEqual({ assertion: 'not_null', column: 'nsfw_score', success: false, severity: null });
  });
});
