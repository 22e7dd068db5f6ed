import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditChain } from '@/lib/catalog/audit-chain';
import { findRun, type RunIndex } from '@/lib/catalog/run-index';
import { createMarquezSource } from '@/lib/sources/marquez';
import { readWholeMarquez } from '@/tests/unit/sources/marquez/whole-listing';
import type { LineageSource } from '@/lib/sources/ports';
import { startMarquezStub, type MarquezStub } from '@/tests/stubs/marquez';
import { auditChainEvents } from '../../../scripts/bench/audit.mjs';
import { loadedIndexOf } from './catalog-index';

// The bench's chain, small: 6 levels of 3 jobs, each run reading the 3 versions the level below wrote.
const DEPTH = 6;
const WIDTH = 3;
let stub: MarquezStub;
let source: LineageSource;
let index: RunIndex;
let subject: string;

beforeAll(async () => {
  const chain = auditChainEvents(DEPTH, WIDTH);
  subject = chain.subject;
  stub = await startMarquezStub({ events: chain.events });
  source = createMarquezSource({ url: stub.url });
  index = await loadedIndexOf([await readWholeMarquez(stub.url)], []);
});

afterAll(() => stub.close());

describe('audit chain from Marquez through many runs per level', () => {
  it('finds every run with the version it read at that point in time, however Marquez cuts its answers', async () => {
    const before = stub.requests.length;
    const chain = await auditChain(index, findRun(index, subject)!.lineage!, [source]);
    const upstream = chain.runs.filter((r) => r.depth > 0);
    expect(upstream).toHaveLength(DEPTH * WIDTH);
    expect(chain.truncated).toBe(false);
    for (const run of upstream) {
      // Level k runs read what level k+1 wrote; the deepest level reads the raw datasets.
      const wanted = Array.from({ length: WIDTH }, (_, i) => (run.depth === DEPTH ? `raw-${i + 1}` : `v${run.depth + 1}-${i + 1}`));
      expect(run.inputs.map((d) => d.version).sort()).toEqual(wanted.sort());
      // …and each was written by the run of that dataset's job one level further up (raw data: by none).
      const writer = (name: string) => upstream.find((u) => u.depth === run.depth + 1 && u.job.name === name)?.runId ?? null;
      expect(run.inputs.map((d) => d.producedByRunId)).toEqual(run.inputs.map((d) => (run.depth === DEPTH ? null : writer(d.name))));
    }
    const upstreamCalls = stub.requests.slice(before).filter((r) => r.path === '/api/v1/runlineage/upstream');
    const asked = new Set(upstreamCalls.map((r) => new URLSearchParams(r.query).get('runId')));
    // Rounds are per level at most, and a round asks only the runs Marquez's answers left unexplored.
    expect(chain.rounds).toBeLessThanOrEqual(2 * DEPTH);
    expect(asked.size).toBeLessThan(1 + DEPTH * WIDTH);
    const sent = stub.requests.slice(before);
    // Versions come from the runs' own events in batches (one query per time window), not two requests per run.
    const versionLookups = sent.filter((r) => r.path === '/api/v1/events/lineage' || r.path.startsWith('/api/v1/jobs/runs/')).length;
    expect(versionLookups).toBeLessThan((DEPTH * WIDTH) / 2);
  });
});
