import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRun, type RunIndex } from '@/lib/catalog/run-index';
import { resolveRun } from '@/lib/catalog/run-lookup';
import { DEFAULT_UPSTREAM_DEPTH } from '@/lib/catalog/upstream';
import type { ExactRun, LineageRun, UpstreamLineage } from '@/lib/model';
import type { LineageSource } from '@/lib/sources/ports';
import { grootIndex } from './catalog-index';

// A lineage source that answers remotely (like Marquez): resolveRun asks for the run's events and its
// upstream walk at once, and the second time serves both from the cache.
const DEDUP = '73a66762-e720-4d17-9895-509382dc6328';
const holder = globalThis as { __runlensSources?: unknown };

let index: RunIndex;
let lineage: LineageRun;
const asked: string[] = [];
/** The job resolveRun told the source for each exact-run lookup (from the index). */
const knownJobs: unknown[] = [];
const release: Array<() => void> = [];

function deferred<T>(what: string, value: () => T): Promise<T> {
  asked.push(what);
  return new Promise((resolve) => release.push(() => resolve(value())));
}

beforeAll(async () => {
  index = await grootIndex();
  lineage = findRun(index, DEDUP)!.lineage!;
  // The events alone do not say who wrote the input: the upstream walk's first level does.
  const fromEvents: LineageRun = { ...lineage, inputs: lineage.inputs.map((d) => ({ ...d, producedByRunId: null })) };
  const first = lineage.inputs[0]!;
  const upstream: UpstreamLineage = {
    runs: [{ runId: DEDUP, job: lineage.job, state: 'COMPLETED', startedAt: null, endedAt: null, depth: 0,
      inputs: [{ namespace: first.namespace, name: first.name, version: first.version, producedByRunId: 'producer-run' }] }],
    truncated: false, basis: 'remote',
  };
  const source: LineageSource = {
    id: lineage.source,
    snapshot: () => Promise.reject(new Error('not used')),
    health: () => Promise.reject(new Error('not used')),
    exactRun: (id, known) => {
      knownJobs.push(known?.job);
      return deferred<ExactRun>(`exact ${id}`, () => ({ run: fromEvents, basis: 'own-events' }));
    },
    upstream: (id, depth) => deferred(`upstream ${id} ${depth}`, () => upstream),
  };
  holder.__runlensSources = { lineage: [source], experiment: [], unusable: [], envProblems: [] };
});
afterAll(() => {
  delete holder.__runlensSources;
});

describe('resolveRun against a remote lineage source', () => {
  it('starts the exact-run lookup and the upstream walk together, and fills producers from the walk', async () => {
    const resolving = resolveRun(index, DEDUP);
    await new Promise((resolve) => setTimeout(resolve, 10));
    // Both asked before either answered: one round trip, not two.
    expect(asked.sort()).toEqual([`exact ${DEDUP}`, `upstream ${DEDUP} ${DEFAULT_UPSTREAM_DEPTH}`]);
    for (const answer of release.splice(0)) answer();
    const resolved = await resolving;
    expect(resolved?.versionBasis).toContain("own OpenLineage events");
    expect(resolved?.run.lineage?.inputs[0]?.producedByRunId).toBe('producer-run');
    // The indexed run's job goes along, for a source whose own record of the run may not name it (Marquez).
    expect(knownJobs).toEqual([lineage.job]);
  });

  it('serves a finished run from the cache the second time', async () => {
    asked.length = 0;
    const again = await resolveRun(index, DEDUP);
    expect(asked).toEqual([]);
    expect(again?.run.lineage?.inputs[0]?.producedByRunId).toBe('producer-run');
  });
});
