import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRuns, type RunIndex } from '@/lib/catalog/run-index';
import { resolveRun } from '@/lib/catalog/run-lookup';
import type { ExperimentRun, UnifiedRun } from '@/lib/model';
import type { ExperimentSource } from '@/lib/sources/ports';
import { grootIndex, indexOf, type TestIndex } from './catalog-index';

// A run notification links to an MLflow run that started after the last snapshot refresh: the index
// holds its lineage run unlinked, or nothing at all, so resolveRun asks the experiment source for the
// run and joins it as the index would.
const holder = globalThis as { __runlensSources?: unknown };

let full: TestIndex;
let stale: RunIndex;
let empty: RunIndex;
let linked: UnifiedRun;
const asked: string[] = [];

function sourceAnswering(run: ExperimentRun, withLookup: boolean): ExperimentSource {
  return {
    id: run.source,
    snapshot: () => Promise.reject(new Error('not used')),
    metricHistory: () => Promise.resolve([]),
    health: () => Promise.reject(new Error('not used')),
    ...(withLookup ? { run: (id: string) => (asked.push(id), Promise.resolve(id === run.runId ? run : null)) } : {}),
  };
}

beforeAll(async () => {
  full = await grootIndex();
  linked = [...full.loaded.values()].find((r) => r.lineage !== null && r.experiment !== null)!;
  const newest = linked.experiment!;
  // The same sources, read before that MLflow run existed.
  const experiment = full.experiment.map((s) => ({ ...s, runs: new Map([...s.runs].filter(([, r]) => r.runId !== newest.runId)) }));
  stale = await indexOf(full.lineage, experiment);
  empty = await indexOf(full.lineage.map((s) => ({ ...s, runs: new Map() })), experiment);
  holder.__runlensSources = { lineage: [], experiment: [sourceAnswering(newest, true)], unusable: [], envProblems: [] };
});
/** A new request's view of an index: what an earlier request loaded or joined is not carried over. */
const fresh = (index: RunIndex): RunIndex => ({ ...index, loaded: new Map(), lookup: new Map(), jobs: new Map(), datasets: new Map() });

afterAll(() => {
  delete holder.__runlensSources;
});

describe('resolveRun for a run newer than the snapshot', () => {
  it('adds it to its lineage run, linked by the same rule as in the full index', async () => {
    const id = linked.experiment!.runId;
    // The OpenLineage runId is this MLflow run id: the index finds the lineage run, without its experiment side.
    expect((await loadRuns(stale, [linked.id]))[0]?.experiment).toBeNull();
    const resolved = await resolveRun(fresh(stale), id);
    expect(resolved?.run.experiment?.runId).toBe(id);
    expect(resolved?.run.lineage?.runId).toBe(linked.lineage!.runId);
    expect(resolved?.run.link?.rule).toBe(linked.link?.rule);
    expect(asked).toEqual([id]);
  });

  it('finds it when the index knows nothing of the id', async () => {
    const id = linked.experiment!.runId;
    expect((await empty.store.count({}))).toBeGreaterThan(0);
    const resolved = await resolveRun(fresh(empty), id);
    expect(resolved?.run.experiment?.runId).toBe(id);
    expect(resolved?.run.lineage).toBeNull();
  });

  it('asks again only after the cache lets go, and answers null for a run no source knows', async () => {
    asked.length = 0;
    await resolveRun(fresh(stale), linked.experiment!.runId);
    expect(asked).toEqual([]);
    expect(await resolveRun(fresh(stale), 'f'.repeat(32))).toBeNull();
    expect(asked).toEqual(['f'.repeat(32)]);
  });

  it('waits for the snapshot where the source has no direct lookup (local stores)', async () => {
    holder.__runlensSources = { lineage: [], experiment: [{ ...sourceAnswering(linked.experiment!, false), id: 'local-store' }], unusable: [], envProblems: [] };
    expect((await resolveRun(fresh(stale), linked.experiment!.runId))?.run.experiment).toBeNull();
    expect(await resolveRun(fresh(empty), linked.experiment!.runId)).toBeNull();
  });
});
