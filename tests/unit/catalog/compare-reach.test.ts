import { describe, expect, it } from 'vitest';
import { resolveReachable } from '@/lib/catalog/compare-reach';
import type { LineageRun, RunDataset } from '@/lib/model';
import type { LineageSnapshot } from '@/lib/sources/ports';
import { lineageRun } from '../join/factories';
import { indexOf } from './catalog-index';
import { loadRuns } from '@/lib/catalog/run-index';

const ds = (name: string, version: string | null, producedByRunId: string | null = null): RunDataset => ({
  namespace: 's3://b', name, version, facets: {}, ioFacets: {}, rowCount: null, size: null, producedByRunId,
});

function snapshot(runs: LineageRun[]): LineageSnapshot {
  return { version: 1, runs: new Map(runs.map((r) => [r.runId, r])), jobs: new Map(), datasets: new Map(), graph: { nodes: [], edges: [] } };
}

describe('resolveReachable', () => {
  it('fills a producer the source left unknown from the run that wrote the exact version, and reaches it', async () => {
    // Like Marquez: the reader's input has its exact version but no producer.
    const raw = lineageRun('raw-writer', { outputs: [ds('raw', 'r1')] });
    const writer = lineageRun('writer', { inputs: [ds('raw', 'r1')], outputs: [ds('mid', 'v1')] });
    const other = lineageRun('other-writer', { outputs: [ds('mid', 'v2')] });
    const reader = lineageRun('reader', { inputs: [ds('mid', 'v1')] });
    // Nothing loaded but the reader: the walk loads what it reaches from the index.
    const index = await indexOf([snapshot([raw, writer, other, reader])], []);
    const reached = await resolveReachable(index, await loadRuns(index, ['reader']));
    const byId = new Map(reached.map((r) => [r.id, r]));
    expect(byId.get('reader')?.lineage?.inputs[0]?.producedByRunId).toBe('writer');
    // …and from there up to the writer of the raw version, level by level.
    expect(byId.get('writer')?.lineage?.inputs[0]?.producedByRunId).toBe('raw-writer');
    expect([...byId.keys()].sort()).toEqual(['raw-writer', 'reader', 'writer']);
  });

  it('leaves an input without a version, or one nobody loaded wrote, without a producer', async () => {
    const reader = lineageRun('reader', { inputs: [ds('a', null), ds('b', 'unknown')] });
    const index = await indexOf([snapshot([reader])], []);
    const [run] = await resolveReachable(index, await loadRuns(index, [reader.runId]));
    expect(run?.lineage?.inputs.map((d) => d.producedByRunId)).toEqual([null, null]);
  });
});
