import { describe, expect, it } from 'vitest';
import { readersOfOutputs, resolveProducers } from '@/lib/index/lineage-producers';
import { lineageRun } from '../join/factories';
import { withFreshIndexes } from './fresh-index';

// A dataset's readers and writers are read in time order from the index (migration 0009_record_dataset_times
// copies each lineage run's times beside its dataset rows): an index written before it is filled in when opened,
// and the producer look-ups answer as before.
const fresh = withFreshIndexes();
const SOURCE = 'openlineage-files';
const row = (runKey: string, startedMs: number, endedMs: number | null) => ({
  source: SOURCE, run_key: runKey, run_id: runKey, job_namespace: 'ns', job_name: 'j', state: 'COMPLETE', started_ms: startedMs, ended_ms: endedMs,
  parent_key: null, digest: 'd', pass: 1, payload: '{}',
});
const dataset = (side: 'lineage' | 'experiment', runKey: string, direction: 'input' | 'output', version: string | null) => ({
  side, source: side === 'lineage' ? SOURCE : 'mlflow', run_key: runKey, namespace: 'db', name: 'clean', version, direction,
});

describe.each(['sqlite', 'postgres'] as const)('record dataset times on %s', (dialect) => {
  it('are filled in for an index written before them, and a dataset\'s writers and readers are found by them', async () => {
    const old = await fresh.asOf(dialect, '0008_redact_stored_rows');
    await old.db.insertInto('lineage_records').values([row('writer-1', 1_000, 2_000), row('writer-2', 5_000, null), row('reader', 3_000, 4_000)]).execute();
    const datasets = [dataset('lineage', 'writer-1', 'output', 'v1'), dataset('lineage', 'writer-2', 'output', 'v2'), dataset('lineage', 'reader', 'input', 'v1'), dataset('experiment', 'e1', 'input', 'v1')];
    // The table as 0008 left it has no time columns.
    await old.db.insertInto('record_datasets').values(datasets as never).execute();

    const index = await old.open();
    const stored = await index.db.selectFrom('record_datasets').select(['side', 'run_key', 'started_ms', 'time_ms']).orderBy('run_key').execute();
    expect(stored.map((r) => [r.side, r.run_key, r.started_ms === null ? null : Number(r.started_ms), r.time_ms === null ? null : Number(r.time_ms)])).toEqual([
      ['experiment', 'e1', null, null],
      ['lineage', 'reader', 3_000, 4_000],
      ['lineage', 'writer-1', 1_000, 2_000],
      ['lineage', 'writer-2', 5_000, 5_000],
    ]);

    const writer = lineageRun('writer-1', { startedAt: new Date(1_000).toISOString(), endedAt: new Date(2_000).toISOString(), outputs: [{ namespace: 'db', name: 'clean', version: 'v1', facets: {}, ioFacets: {}, rowCount: null, size: null, producedByRunId: null }] });
    expect(await readersOfOutputs(index.db, SOURCE, [writer])).toEqual(['reader']);
    const input = { namespace: 'db', name: 'clean', version: null, facets: {}, ioFacets: {}, rowCount: null, size: null, producedByRunId: null };
    const later = lineageRun('later', { startedAt: new Date(6_000).toISOString(), endedAt: new Date(7_000).toISOString(), inputs: [{ ...input }] });
    const between = lineageRun('between', { startedAt: new Date(3_000).toISOString(), endedAt: new Date(7_000).toISOString(), inputs: [{ ...input }] });
    await resolveProducers(index.db, SOURCE, [later, between]);
    // The newest write at or before each reader's start: writer-2 ended (started) at 5,000, writer-1 ended at 2,000.
    expect([later.inputs[0]?.producedByRunId, between.inputs[0]?.producedByRunId]).toEqual(['writer-2', 'writer-1']);
  });
});
