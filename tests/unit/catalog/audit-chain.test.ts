import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditChain } from '@/lib/catalog/audit-chain';
import { findRun, type RunIndex } from '@/lib/catalog/run-index';
import { createMarquezSource } from '@/lib/sources/marquez';
import { readWholeMarquez } from '@/tests/unit/sources/marquez/whole-listing';
import type { LineageSource } from '@/lib/sources/ports';
import { loadEventsFromFiles, startMarquezStub, type MarquezStub } from '@/tests/stubs/marquez';
import { generateDemoData } from '../../../scripts/demo-data/generate.mjs';
import type { DemoManifest } from '../../../scripts/demo-data/manifest.mjs';
import { loadedIndexOf } from './catalog-index';

// The demo's three executions served by the stub Marquez: a chain that ends at raw data, on which
// Marquez's /runlineage/upstream answers 500, so the walk must resume from the datasets' writers.
let dir: string;
let stub: MarquezStub;
let source: LineageSource;
let index: RunIndex;
let manifest: DemoManifest;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-audit-chain-'));
  generateDemoData({ outDir: dir, force: true });
  manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  stub = await startMarquezStub({ events: loadEventsFromFiles([path.join(dir, 'openlineage')]) });
  source = createMarquezSource({ url: stub.url });
  index = await loadedIndexOf([await readWholeMarquez(stub.url)], []);
});

afterAll(async () => {
  await stub.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('audit chain from Marquez (level-batched)', () => {
  it('reaches the raw snapshot with the exact version each stage read and who wrote it', async () => {
    const e2 = manifest.executions.find((e) => e.id === 'e2')!;
    const runIdOf = (label: string) => manifest.runs.find((r) => r.label === label)!.openlineage!.runId;
    const tokenization = findRun(index, runIdOf('e2.tokenization'))!.lineage!;
    const chain = await auditChain(index, tokenization, [source]);
    const upstream = chain.runs.filter((r) => r.depth > 0).sort((a, b) => a.depth - b.depth);
    const stages = e2.stages.filter((s) => s.stage !== 'tokenization').reverse();
    expect(upstream.map((r) => [r.depth, r.runId, r.inputs.map((d) => d.version)])).toEqual(
      stages.map((s, i) => [i + 1, runIdOf(s.label), [s.input!.version]]));
    expect(upstream.map((r) => r.inputs[0]!.producedByRunId)).toEqual([runIdOf('e2.deduplication'), runIdOf('e2.data-loading'), null]);
    expect(chain.truncated).toBe(false);
    expect(chain.basis).toContain('datasets\' version lists');
  });

  it('sends each round as one batch: no more upstream rounds than levels, whatever the number of runs', async () => {
    const before = stub.requests.length;
    const runIdOf = (label: string) => manifest.runs.find((r) => r.label === label)!.openlineage!.runId;
    const chain = await auditChain(index, findRun(index, runIdOf('e1.tokenization'))!.lineage!, [source]);
    const levels = Math.max(...chain.runs.map((r) => r.depth));
    expect(levels).toBe(3);
    expect(chain.rounds).toBeLessThanOrEqual(3 * (levels + 1));
    const upstreamCalls = stub.requests.slice(before).filter((r) => r.path === '/api/v1/runlineage/upstream');
    // One frontier run per level here, so each level is one upstream call sequence (halving on Marquez's 500s).
    expect(new Set(upstreamCalls.map((r) => new URLSearchParams(r.query).get('runId'))).size).toBeLessThanOrEqual(levels + 1);
  });
});
