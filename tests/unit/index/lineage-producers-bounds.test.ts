import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openIndex, type OpenIndex } from '@/lib/index/open';
import { READERS_PER_OUTPUT, readersOfOutputs, resolveProducers } from '@/lib/index/lineage-producers';
import { setLogSink } from '@/lib/observability/log';
import type { RunDataset } from '@/lib/model';
import { lineageRun } from '../join/factories';

// The producer look-ups read a bounded number of rows per dataset: the answer must not depend on how many
// writes or reads a dataset has, and where a bound leaves runs out, it is said.
const SOURCE = 'openlineage-files';
let index: OpenIndex;
beforeAll(async () => {
  index = await openIndex({ kind: 'sqlite', file: ':memory:' });
});
afterAll(async () => {
  await index.close();
});

const input = (version: string | null): RunDataset => ({ namespace: 'db', name: 'clean', version, facets: {}, ioFacets: {}, rowCount: null, size: null, producedByRunId: null });
async function write(name: string, runs: Array<{ key: string; at: number; version: string | null; direction: 'input' | 'output' }>) {
  await index.db.insertInto('lineage_records').values(runs.map((r) => ({
    source: SOURCE, run_key: r.key, run_id: r.key, job_namespace: 'ns', job_name: 'j', state: 'COMPLETE', started_ms: r.at, ended_ms: r.at, parent_key: null, digest: 'd', pass: 1, payload: '{}',
  }))).execute();
  await index.db.insertInto('record_datasets').values(runs.map((r) => ({
    side: 'lineage' as const, source: SOURCE, run_key: r.key, namespace: 'db', name, version: r.version, direction: r.direction, started_ms: r.at, time_ms: r.at,
  }))).execute();
}

describe('producer look-ups and their bounds', () => {
  it('find the writer of the version read however many later writes of it and other writes between there are', async () => {
    await write('clean', [
      { key: 'first-v1', at: 1_000, version: 'v1', direction: 'output' },
      // 60 writes of other versions between the first write and the reader's start, 60 rewrites of v1 after it.
      ...Array.from({ length: 60 }, (_, i) => ({ key: `other-${i}`, at: 2_000 + i, version: `v2-${i}`, direction: 'output' as const })),
      ...Array.from({ length: 60 }, (_, i) => ({ key: `later-v1-${i}`, at: 20_000 + i, version: 'v1', direction: 'output' as const })),
    ]);
    const reader = lineageRun('reader-v1', { startedAt: new Date(10_000).toISOString(), endedAt: new Date(11_000).toISOString(), inputs: [input('v1')] });
    const early = lineageRun('reader-early', { startedAt: new Date(500).toISOString(), endedAt: new Date(600).toISOString(), inputs: [input('v1')] });
    await resolveProducers(index.db, SOURCE, [reader, early]);
    // The newest write of v1 at or before the start; with none before it, the oldest after.
    expect(reader.inputs[0]?.producedByRunId).toBe('first-v1');
    expect(early.inputs[0]?.producedByRunId).toBe('first-v1');
  });

  it('say when a writer has more later readers than are re-linked to it', async () => {
    const lines: string[] = [];
    setLogSink((line) => lines.push(line));
    try {
      await write('wide', Array.from({ length: READERS_PER_OUTPUT + 5 }, (_, i) => ({ key: `wide-reader-${i}`, at: 50_000 + i, version: 'w1', direction: 'input' as const })));
      const writer = lineageRun('wide-writer', { startedAt: new Date(40_000).toISOString(), endedAt: new Date(41_000).toISOString(), outputs: [{ ...input('w1'), name: 'wide' }] });
      const readers = await readersOfOutputs(index.db, SOURCE, [writer]);
      expect(readers).toHaveLength(READERS_PER_OUTPUT);
      const said = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.event === 'lineage.readers-not-relinked');
      expect(said).toEqual([expect.objectContaining({ level: 'warn', run: 'wide-writer', dataset: expect.stringContaining('wide'), relinked: READERS_PER_OUTPUT, readers: `${READERS_PER_OUTPUT}+` })]);

      // A list the bound does not cut says nothing.
      lines.length = 0;
      const narrow = lineageRun('narrow-writer', { startedAt: new Date(40_000).toISOString(), endedAt: new Date(41_000).toISOString(), outputs: [{ ...input('n1'), name: 'wide' }] });
      expect(await readersOfOutputs(index.db, SOURCE, [narrow])).toEqual([]);
      expect(lines.filter((l) => l.includes('readers-not-relinked'))).toEqual([]);
    } finally {
      setLogSink(() => {});
    }
  });
});
