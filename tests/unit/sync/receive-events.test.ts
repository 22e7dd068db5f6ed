import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { joinRuns } from '@/lib/join';
import type { ExperimentRun, LineageRun, UnifiedRun } from '@/lib/model';
import type { OpenIndex } from '@/lib/index/open';
import { pageOfRuns } from '@/lib/index/run-page';
import { datasetsByRefs, edgesTouching, entityCounts, jobsByRefs } from '@/lib/index/lineage-queries';
import { lastReceivedSeq, lockRuns, receivedCounts } from '@/lib/index/received-events';
import { applyChanges } from '@/lib/sync/apply-changes';
import { receiveEvents } from '@/lib/sync/receive-events';
import { createMlflowStoreSource } from '@/lib/sources/mlflow-store';
import { createOpenLineageFileSource } from '@/lib/sources/openlineage-files';
import { createReceiverSource, parseReceivedBody, RECEIVER_SOURCE_ID, type ReceivedEvent } from '@/lib/sources/openlineage-receiver';
import { withFreshIndexes } from '../index/fresh-index';

const GROOT = path.resolve(process.cwd(), '..', 'shared', 'data', 'groot-a');
const EVENTS_DIR = path.join(GROOT, 'openlineage', 'events');
const NOW = Date.parse('2026-11-26T00:00:00Z');

/** groot-a's events as the transport would POST them, one body per file, in emission order. */
const grootBodies = (): string[] => fs.readdirSync(EVENTS_DIR).sort().map((f) => fs.readFileSync(path.join(EVENTS_DIR, f), 'utf8'));

function received(body: string): ReceivedEvent[] {
  const parsed = parseReceivedBody(body);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.events;
}

const shape = (run: UnifiedRun) => ({ id: run.id, lineage: run.lineage?.runId ?? null, lineageSource: run.lineage?.source ?? null, experiment: run.experiment?.runId ?? null, link: run.link, notes: [...run.notes].sort() });

async function everyRun(index: OpenIndex): Promise<UnifiedRun[]> {
  const page = await pageOfRuns(index.db, index.dialect, { limit: 100, after: null, sort: { kind: 'time', descending: true } });
  return page.runs;
}

const freshIndex = withFreshIndexes();
let experiment: ExperimentRun[] = [];
let fileLineage: LineageRun[] = [];
beforeAll(async () => {
  const [l, e] = await Promise.all([
    createOpenLineageFileSource([EVENTS_DIR], { refreshIntervalMs: 0 }).snapshot(),
    createMlflowStoreSource({ kind: 'sqlite', path: path.join(GROOT, 'mlflow-server', 'mlflow.db') }).snapshot(),
  ]);
  experiment = [...e.runs.values()];
  fileLineage = [...l.runs.values()];
}, 60_000);
describe.each(['sqlite', 'postgres'] as const)('receiving events on %s', (dialect) => {
  it('joins received groot-a events with MLflow exactly as the same events read from files are joined', async () => {
    const expected = joinRuns(fileLineage.map((r) => ({ ...r, source: RECEIVER_SOURCE_ID })), experiment, NOW).map(shape).sort((a, b) => a.id.localeCompare(b.id));
    expect(expected.filter((r) => r.lineage !== null && r.experiment !== null)).toHaveLength(5);
    for (const order of ['as emitted', 'reversed'] as const) {
      const index = await freshIndex(dialect);
      await applyChanges(index.db, { experimentRuns: experiment }, NOW);
      const bodies = order === 'reversed' ? grootBodies().reverse() : grootBodies();
      for (const body of bodies) await receiveEvents(index, received(body), NOW);
      const stored = (await everyRun(index)).map(shape).sort((a, b) => a.id.localeCompare(b.id));
      expect(stored, order).toEqual(expected);
      // START then COMPLETE: the run is rebuilt from both stored events, whatever order they came in.
      const runs = (await everyRun(index)).filter((r) => r.lineage);
      expect(runs.map((r) => r.lineage!.state)).toEqual(runs.map(() => 'COMPLETED'));
      expect(runs.every((r) => r.lineage!.startedAt !== null && r.lineage!.endedAt !== null && r.lineage!.startedAt < r.lineage!.endedAt)).toBe(true);
    }
  });

  it('stores a batch whole: when indexing fails part-way, no event of it is kept', async () => {
    const index = await freshIndex(dialect);
    const batch = grootBodies().flatMap(received);
    // The events are inserted first; writing the rebuilt runs then fails.
    await sql`drop table lineage_records`.execute(index.db);
    await expect(receiveEvents(index, batch, NOW)).rejects.toThrow();
    expect((await receivedCounts(index.db)).events).toBe(0);
  });

  it('keeps raw events for re-indexing and counts them', async () => {
    const index = await freshIndex(dialect);
    const bodies = grootBodies();
    const result = await receiveEvents(index, bodies.flatMap(received), NOW);
    expect(result).toMatchObject({ stored: 10, runs: 5 });
    expect(await receivedCounts(index.db)).toEqual({ events: 10, runEvents: 10, runs: 5, lastSeq: await lastReceivedSeq(index.db), lastReceivedMs: NOW });
    const stored = await index.db.selectFrom('received_events').select('body').where('source', '=', RECEIVER_SOURCE_ID).orderBy('seq').execute();
    expect(stored.map((r) => JSON.parse(r.body))).toEqual(bodies.map((b) => JSON.parse(b)));
  });

  it('indexes the jobs and datasets of received events, DatasetEvents and JobEvents included; /health counts them from the index', async () => {
    const index = await freshIndex(dialect);
    const source = createReceiverSource({ lastSeq: () => lastReceivedSeq(index.db), counts: () => receivedCounts(index.db), entityCounts: () => entityCounts(index.db, RECEIVER_SOURCE_ID) });
    expect((await source.health()).counts).toMatchObject({ events: 0, jobs: 0, datasets: 0 });
    await receiveEvents(index, grootBodies().flatMap(received), NOW);
    const meta = { eventTime: '2026-11-27T00:00:00Z', producer: 'https://example.com/p', schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json' };
    await receiveEvents(index, received(JSON.stringify([
      { ...meta, dataset: { namespace: 's3://bucket', name: 'groot/curated/manifest' } },
      { ...meta, job: { namespace: 'groot-data-etl', name: 'publish' }, inputs: [{ namespace: 's3://bucket', name: 'groot/curated/manifest' }] },
    ])), NOW);
    const [publish] = await jobsByRefs(index.db, [{ namespace: 'groot-data-etl', name: 'publish' }]);
    expect(publish?.job.inputs.map((d) => d.name)).toEqual(['groot/curated/manifest']);
    expect((await datasetsByRefs(index.db, [{ namespace: 's3://bucket', name: 'groot/curated/manifest' }])).size).toBe(1);
    const edges = await edgesTouching(index.db, { jobs: [{ namespace: 'groot-data-etl', name: 'publish' }], datasets: [] }, 10);
    expect(edges.map((e) => e.dataset.name)).toEqual(['groot/curated/manifest']);
    const health = await source.health();
    expect(health.counts).toMatchObject({ events: 12, runEvents: 10, otherEvents: 2, runs: 5, jobs: 6 });
    // Counts follow the next stored event.
    await receiveEvents(index, received(JSON.stringify({ ...meta, dataset: { namespace: 's3://bucket', name: 'groot/curated/other' } })), NOW);
    expect((await source.health()).counts).toMatchObject({ events: 13, otherEvents: 3, datasets: health.counts.datasets! + 1 });
    // Nothing is held in memory: the snapshot is empty, whatever was received.
    expect((await source.snapshot()).jobs.size).toBe(0);
  });
});

describe('receiving one run on two replicas at once (Postgres)', () => {
  it('rebuilds it one transaction after the other: the second waits for the first to commit', async () => {
    const first = await freshIndex('postgres');
    const second = await freshIndex.reopen(first);
    let release!: () => void;
    const held = new Promise<void>((resolve) => { release = resolve; });
    const tx1 = first.db.transaction().execute(async (tx) => {
      await lockRuns(tx, 'postgres', ['run-b', 'run-a']);
      await held;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    let secondGotIt = false;
    const tx2 = second.db.transaction().execute(async (tx) => {
      await lockRuns(tx, 'postgres', ['run-a']);
      secondGotIt = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(secondGotIt).toBe(false);
    release();
    await Promise.all([tx1, tx2]);
    expect(secondGotIt).toBe(true);
  });
});
