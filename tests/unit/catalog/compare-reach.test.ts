import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveReachable } from '@/lib/catalog/compare-reach';
import { limitedLookup, LookupThrottled, LOOKUPS_IN_FLIGHT } from '@/lib/catalog/lookup-limit';
import { answeringThrottled } from '@/lib/api/throttled-answer';
import type { LineageRun, RunDataset } from '@/lib/model';
import type { ExperimentSource, LineageSnapshot } from '@/lib/sources/ports';
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

describe('resolveReachable during a flood of unknown ids', () => {
  // A producer the index does not hold is asked of the sources directly, a look-up the rate limit may shed.
  const holder = globalThis as { __runlensSources?: unknown };
  const sourceId = 'mlflow-reach-shed';
  const busy: Array<() => void> = [];
  let asked = 0;
  const source: ExperimentSource = {
    id: sourceId,
    snapshot: () => Promise.reject(new Error('not used')),
    metricHistory: () => Promise.resolve([]),
    health: () => Promise.reject(new Error('not used')),
    run: () => (asked++, Promise.resolve(null)),
  };

  beforeAll(() => {
    holder.__runlensSources = { lineage: [], experiment: [source], unusable: [], envProblems: [] };
    // Every look-up slot of the source taken (the flood's look-ups in flight): the next one is shed at once.
    for (let i = 0; i < LOOKUPS_IN_FLIGHT; i++) void limitedLookup(sourceId, () => new Promise<void>((resolve) => busy.push(resolve)));
  });
  afterAll(() => {
    for (const release of busy) release();
    delete holder.__runlensSources;
  });

  it('rejects with the shedding ("try again", 429), not a walk that stops at "producer not loaded"', async () => {
    const reader = lineageRun('reader', { inputs: [ds('mid', 'v1', 'writer-not-indexed')] });
    const index = await indexOf([snapshot([reader])], []);
    const reached = resolveReachable(index, await loadRuns(index, ['reader']));
    await expect(reached).rejects.toBeInstanceOf(LookupThrottled);
    expect(asked).toBe(0);
    const answer = await answeringThrottled(() => reached.then(() => new Response('compared')));
    expect(answer.status).toBe(429);
    expect(answer.headers.get('retry-after')).toBe('1');
  });

  it('still leaves out a producer no source knows (a look-up that was answered, not shed)', async () => {
    for (const release of busy.splice(0)) release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    const reader = lineageRun('reader', { inputs: [ds('mid', 'v1', 'writer-nobody-knows')] });
    const index = await indexOf([snapshot([reader])], []);
    const reached = await resolveReachable(index, await loadRuns(index, ['reader']));
    expect(reached.map((r) => r.id)).toEqual(['reader']);
    expect(asked).toBe(1);
  });
});
