import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildRuns, buildRunsAsync } from '@/lib/openlineage/build-run-records';
import { buildModel } from '@/lib/openlineage/build-model';
import { parseEventLine, type LoadedEvent } from '@/lib/openlineage/parse-text';
import { ITEMS_PER_STEP } from '@/lib/openlineage/steps';

const EVENTS_DIR = path.resolve(process.cwd(), '..', 'shared', 'data', 'groot-a', 'openlineage', 'events');
const PRODUCER = 'https://example.com/test';
const RUN_ID = '00000000-0000-4000-8000-000000000001';

const load = (text: string): LoadedEvent => {
  const loaded = parseEventLine(text);
  if (typeof loaded === 'string') throw new Error(loaded);
  return loaded;
};

/** groot-a's events, as the file source reads them. */
const grootEvents = (): LoadedEvent[] => fs.readdirSync(EVENTS_DIR).sort().map((f) => load(fs.readFileSync(path.join(EVENTS_DIR, f), 'utf8').trim()));

/**
 * A START and a COMPLETE of one run reading `inputs` datasets: versions, statistics, a facet the COMPLETE replaces,
 * a repeated input, and a Spark path named by its Hive table (`symlinks`), so every part of the fold is exercised.
 */
function wideRun(inputs: number): LoadedEvent[] {
  const input = (i: number, eventType: string) => ({
    namespace: 'wide', name: `input_${i}`,
    facets: { version: { _producer: PRODUCER, _schemaURL: 'x', datasetVersion: `v-${i}-${eventType}` } },
    inputFacets: { inputStatistics: { _producer: PRODUCER, _schemaURL: 'x', rowCount: i, size: i * 10 } },
  });
  const spark = { namespace: 'hdfs://warehouse', name: '/data/table_a', facets: { symlinks: { _producer: PRODUCER, _schemaURL: 'x', identifiers: [{ namespace: 'hive://metastore', name: 'db.table_a', type: 'TABLE' }] } } };
  const event = (eventType: string, eventTime: string, list: object[]) => JSON.stringify({
    eventType, eventTime, producer: PRODUCER, schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: { runId: RUN_ID }, job: { namespace: 'ns', name: 'wide_reader' }, inputs: list, outputs: [{ namespace: 'wide', name: 'out' }],
  });
  return [
    load(event('START', '2026-01-01T00:00:00Z', [spark, ...Array.from({ length: inputs / 2 }, (_, i) => input(i, 'START'))])),
    load(event('COMPLETE', '2026-01-01T01:00:00Z', [...Array.from({ length: inputs }, (_, i) => input(i, 'COMPLETE')), input(0, 'COMPLETE')])),
  ];
}

describe('a run folded a slice of its datasets at a time', () => {
  it('gives every groot run exactly as the synchronous fold and the whole model do', async () => {
    const events = grootEvents();
    expect(events).toHaveLength(10);
    const sync = buildRuns(events, 'openlineage-files');
    expect(sync.size).toBeGreaterThan(3);
    expect(await buildRunsAsync(events, 'openlineage-files', () => Promise.resolve())).toEqual(sync);
    expect(sync).toEqual(new Map([...buildModel(events, 'openlineage-files').runs].map(([id, run]) => [id, { ...run, inputs: run.inputs.map((d) => ({ ...d, producedByRunId: null })) }])));
  });

  it('gives a run reading 10,000 datasets exactly as the synchronous fold, pausing between slices', async () => {
    const events = wideRun(10_000);
    let pauses = 0;
    const folded = await buildRunsAsync(events, 'openlineage-files', async () => {
      pauses++;
    });
    const sync = buildRuns(events, 'openlineage-files');
    expect(folded).toEqual(sync);
    const run = folded.get(RUN_ID)!;
    expect(run.inputs).toHaveLength(10_001);
    expect(run.inputs.find((d) => d.name === 'input_7')).toMatchObject({ version: 'v-7-COMPLETE', rowCount: 7, size: 70 });
    expect(run.inputs[0]).toMatchObject({ namespace: 'hive://metastore', name: 'db.table_a' });
    // Symlinks resolved, applied, the events folded and the run made: each a slice of ITEMS_PER_STEP at a time.
    expect(pauses).toBeGreaterThanOrEqual((2 * 15_000) / ITEMS_PER_STEP);
  });

  it('never pauses for a run of a few datasets', async () => {
    let pauses = 0;
    await buildRunsAsync(wideRun(100), 'openlineage-files', async () => {
      pauses++;
    });
    expect(pauses).toBe(0);
  });
});
