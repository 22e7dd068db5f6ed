import { describe, expect, it } from 'vitest';
import type { OpenIndex } from '@/lib/index/open';
import { pageOfRuns } from '@/lib/index/run-page';
import { buildModel } from '@/lib/openlineage/build-model';
import { parseEventLine, type LoadedEvent } from '@/lib/openlineage/parse-text';
import type { FeedLineageEvent } from '@/lib/sources/ports';
import { receiveEvents } from '@/lib/sync/receive-events';
import { storeFeedEvents } from '@/lib/sync/store-feed-events';
import { withFreshIndexes } from '../index/fresh-index';

const PRODUCER = 'https://example.com/test';
const SCHEMA = 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent';
const runId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();
const table = (name: string, version?: string) => ({ namespace: 'db', name, ...(version ? { facets: { version: { _producer: PRODUCER, _schemaURL: SCHEMA, datasetVersion: version } } } : {}) });

/** A run: START at `start` reading `inputs`, COMPLETE a minute later writing `outputs`. */
function run(n: number, start: number, inputs: object[], outputs: object[]): string[] {
  const base = { producer: PRODUCER, schemaURL: SCHEMA, run: { runId: runId(n) }, job: { namespace: 'ns', name: `job-${n}` } };
  return [
    JSON.stringify({ ...base, eventType: 'START', eventTime: at(start), inputs, outputs: [] }),
    JSON.stringify({ ...base, eventType: 'COMPLETE', eventTime: at(start + 1), inputs, outputs }),
  ];
}
const feedEvents = (bodies: readonly string[]): FeedLineageEvent[] => bodies.map((body) => {
  const e = parseEventLine(body) as LoadedEvent;
  return { body, runId: e.wire.kind === 'run' ? e.wire.event.run.runId : null, eventTimeMs: e.time };
});

async function producers(index: OpenIndex): Promise<Record<string, Array<string | null>>> {
  const page = await pageOfRuns(index.db, index.dialect, { limit: 100, after: null, sort: { kind: 'time', descending: true } });
  return Object.fromEntries(page.runs.flatMap((r) => (r.lineage ? [[r.lineage.runId, r.lineage.inputs.map((d) => d.producedByRunId)]] : [])));
}

const freshIndex = withFreshIndexes();
describe('who wrote what a run read, for runs rebuilt from their own events', () => {
  // run 1 writes raw@v1; run 2 writes raw@v2; run 3 reads raw@v1 (after run 2 wrote v2); run 4 reads the unversioned daily table run 2 wrote.
  const events = [
    ...run(1, 0, [], [table('raw', 'v1'), table('daily')]),
    ...run(2, 10, [], [table('raw', 'v2'), table('daily')]),
    ...run(3, 20, [table('raw', 'v1')], []),
    ...run(4, 30, [table('daily')], []),
  ];
  const expected = Object.fromEntries([...buildModel(events.map((e) => parseEventLine(e) as LoadedEvent), 'openlineage-files').runs.values()]
    .map((r) => [r.runId, r.inputs.map((d) => d.producedByRunId)]));

  it.each([
    ['oldest first, one event per call (local files)', events.map((e) => [e])],
    ['newest first, one run per call (Marquez backfill)', [events.slice(6), events.slice(4, 6), events.slice(2, 4), events.slice(0, 2)]],
    ['all at once', [events]],
  ])('the same producers as building over all events: %s', async (_, batches) => {
    expect(expected[runId(3)]).toEqual([runId(1)]);
    expect(expected[runId(4)]).toEqual([runId(2)]);
    const index = await freshIndex('sqlite');
    for (const batch of batches) await storeFeedEvents(index.db, index.dialect, 'openlineage-files', feedEvents(batch), 1);
    expect(await producers(index)).toEqual(expected);
  });

  it.each([
    ['in emission order, one POST per event', events.map((e) => [e])],
    ['the newest run first, a batch per run', [events.slice(6), events.slice(4, 6), events.slice(2, 4), events.slice(0, 2)]],
  ])('the receiver rebuilds runs with the same producers: %s', async (_, batches) => {
    const index = await freshIndex('sqlite');
    for (const batch of batches) {
      await receiveEvents(index, batch.map((body) => {
        const event = parseEventLine(body) as LoadedEvent;
        return { body, runId: event.wire.kind === 'run' ? event.wire.event.run.runId : null, event };
      }));
    }
    expect(await producers(index)).toEqual(expected);
  });
});
