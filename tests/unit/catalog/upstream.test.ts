import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { findRun, loadRuns, type RunIndex } from '@/lib/catalog/run-index';
import { clampDepth, upstreamOf, upstreamPanelModel, walkUpstream } from '@/lib/catalog/upstream';
import type { LineageRun, RunDataset, UpstreamLineage } from '@/lib/model';
import type { LineageSnapshot, LineageSource } from '@/lib/sources/ports';
import { lineageRun } from '../join/factories';
import { GROOT, grootIndex, loadedIndexOf } from './catalog-index';

interface Stage { stage: string; openlineage_run_id: string; input: { name: string; version: string }; output: { name: string; version: string } }
const expected = JSON.parse(fs.readFileSync(path.join(GROOT, 'EXPECTED.json'), 'utf8')) as { executions: Array<{ stages: Stage[] }> };
const stages = expected.executions[0]!.stages;
const stage = (name: string) => stages.find((s) => s.stage === name)!;

let index: RunIndex;
let tokenization: ReturnType<typeof findRun>;
beforeAll(async () => {
  index = await grootIndex();
  tokenization = findRun(index, stage('tokenization').openlineage_run_id);
});

const fakeSource = (upstream: LineageSource['upstream']): LineageSource => ({
  id: 'openlineage-files',
  snapshot: () => Promise.reject(new Error('not used')),
  health: () => Promise.reject(new Error('not used')),
  upstream,
});

describe('upstream walk on the groot run', () => {
  it('loads every level from the index when the request has loaded only the run itself', async () => {
    const fresh: RunIndex = { ...index, loaded: new Map(), lookup: new Map(), jobs: new Map(), datasets: new Map() };
    const [run] = await loadRuns(fresh, [stage('tokenization').openlineage_run_id]);
    expect(fresh.loaded.size).toBe(1);
    const result = await upstreamOf(fresh, run!, 5, []);
    expect(result.runs.map((r) => r.runId)).toEqual(['tokenization', 'filtering', 'deduplication', 'data-loading'].map((s) => stage(s).openlineage_run_id));
  });

  it('goes tokenization → filtering → deduplication → data-loading with the exact versions each read', async () => {
    const result = await upstreamOf(index, tokenization!, 5, []);
    expect(result.truncated).toBe(false);
    expect(result.runs.map((r) => [r.depth, r.runId])).toEqual(
      ['tokenization', 'filtering', 'deduplication', 'data-loading'].map((s, depth) => [depth, stage(s).openlineage_run_id]));
    for (const run of result.runs) {
      const want = stages.find((s) => s.openlineage_run_id === run.runId)!;
      expect(run.inputs.map((i) => [i.name, i.version])).toEqual([[want.input.name, want.input.version]]);
    }
    // data-loading read the raw snapshot: no tracked run produced it.
    expect(result.runs.at(-1)?.inputs[0]?.producedByRunId).toBeNull();
    expect(result.runs[1]?.inputs[0]?.producedByRunId).toBe(stage('deduplication').openlineage_run_id);
  });

  it('stops at the depth limit and says it was truncated', () => {
    const two = walkUpstream(index, tokenization!.lineage!, 2);
    expect(two.runs.map((r) => r.job.name)).toEqual(['groot-data-etl.tokenization', 'groot-data-etl.filtering', 'groot-data-etl.deduplication']);
    expect(two.truncated).toBe(true);
    expect(walkUpstream(index, tokenization!.lineage!, 0)).toMatchObject({ runs: [{ depth: 0 }], truncated: true });
    // Exactly deep enough: nothing is left out.
    expect(walkUpstream(index, tokenization!.lineage!, 3).truncated).toBe(false);
  });

  it('clamps the depth to 0…20 and defaults junk to 5', () => {
    expect([clampDepth(undefined), clampDepth(NaN), clampDepth(-3), clampDepth(99), clampDepth(2.7)]).toEqual([5, 5, 0, 20, 2]);
  });

  it('adds each upstream run’s join status and marks raw inputs', async () => {
    const panel = upstreamPanelModel(index, await upstreamOf(index, tokenization!, 5, []), 5);
    expect(panel.runs.every((r) => r.experiment?.rule === 'uuid')).toBe(true);
    expect(panel.runs[3]?.inputs[0]).toMatchObject({ label: 's3://bucket/groot/raw/multimodal', producer: null });
    expect(panel.runs[0]?.inputs[0]?.producer).toEqual({ label: 'groot-data-etl.filtering', href: `/runs/${stage('filtering').openlineage_run_id}` });
    expect(panel.runs[1]?.job.href).toBe('/jobs/groot-data-etl/groot-data-etl.filtering');
  });
});

describe('cycles', () => {
  it('visits each run once when two runs read what the other wrote', async () => {
    const read = (name: string, producedByRunId: string): RunDataset => ({
      namespace: 'ns', name, version: 'v1', facets: {}, ioFacets: {}, rowCount: null, size: null, producedByRunId,
    });
    const a = lineageRun('run-a', { inputs: [read('x', 'run-b')] });
    const b = lineageRun('run-b', { inputs: [read('y', 'run-a'), read('z', 'run-b')] });
    const snapshot: LineageSnapshot = { version: 1, runs: new Map<string, LineageRun>([['run-a', a], ['run-b', b]]), jobs: new Map(), datasets: new Map(), graph: { nodes: [], edges: [] } };
    const result = walkUpstream(await loadedIndexOf([snapshot], []), a, 20);
    expect(result.runs.map((r) => r.runId)).toEqual(['run-a', 'run-b']);
    expect(result.truncated).toBe(false);
  });
});

describe('sources that answer upstream themselves (Marquez)', () => {
  const remote: UpstreamLineage = { runs: [], truncated: false, basis: 'from Marquez /runlineage/upstream' };

  it('asks the run’s own lineage source, with the clamped depth', async () => {
    const upstream = vi.fn(() => Promise.resolve(remote));
    expect(await upstreamOf(index, tokenization!, 50, [fakeSource(upstream)])).toBe(remote);
    expect(upstream).toHaveBeenCalledWith(stage('tokenization').openlineage_run_id, 20);
  });

  it('walks the snapshot when the source fails, and says so', async () => {
    const result = await upstreamOf(index, tokenization!, 5, [fakeSource(() => Promise.reject(new Error('HTTP 503')))]);
    expect(result.runs).toHaveLength(4);
    expect(result.basis).toContain('openlineage-files could not list');
    expect(result.basis).toContain('HTTP 503');
  });

  it('ignores sources of other runs', async () => {
    const upstream = vi.fn(() => Promise.resolve(remote));
    const other: LineageSource = { ...fakeSource(upstream), id: 'marquez' };
    expect((await upstreamOf(index, tokenization!, 5, [other])).runs).toHaveLength(4);
    expect(upstream).not.toHaveBeenCalled();
  });
});

describe('the upstream panel of a run that read 100,000 datasets', () => {
  it('lists 20 datasets a run and 200 runs, with their totals', () => {
    const inputs = Array.from({ length: 100_000 }, (_, i) => ({ namespace: 's3://b', name: `in/${i}`, version: `v${i}`, producedByRunId: null }));
    const runs = Array.from({ length: 500 }, (_, i) => ({
      runId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, depth: i === 0 ? 0 : 1, job: { namespace: 'ns', name: `job-${i}` },
      state: 'COMPLETED' as const, startedAt: null, endedAt: null, inputs: i === 0 ? inputs : [],
    }));
    const panel = upstreamPanelModel(index, { runs, truncated: false, basis: 'test' } as unknown as UpstreamLineage, 5);
    expect(panel.runs).toHaveLength(200);
    expect(panel.runsTotal).toBe(500);
    expect(panel.runs[0]!.inputs).toHaveLength(20);
    expect(panel.runs[0]!.inputsTotal).toBe(100_000);
    expect(JSON.stringify(panel).length).toBeLessThan(200_000);
  });
});
