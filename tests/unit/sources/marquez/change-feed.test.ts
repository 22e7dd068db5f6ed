import { afterEach, describe, expect, it } from 'vitest';
import type { OpenIndex } from '@/lib/index/open';
import { pageOfRuns } from '@/lib/index/run-page';
import { createMarquezClient } from '@/lib/sources/marquez/client';
import { createMarquezChangeFeed, EVENTS_PER_SLICE, readEvents, type MarquezFeedPacing } from '@/lib/sources/marquez/change-feed';
import type { ChangeBatch, ChangeFeed, FeedContext } from '@/lib/sources/ports';
import { startSyncer } from '@/lib/sync/syncer';
import { startMarquezStub, syntheticGraphEvents, type MarquezStub } from '@/tests/stubs/marquez';
import { withFreshIndexes } from '../../index/fresh-index';

const context: FeedContext = { runningRunIds: () => Promise.resolve([]) };
const PACING: MarquezFeedPacing = { firstPage: 20, page: 50, followIntervalMs: 60_000, lookbackMs: 120_000 };
const NOW = Date.parse('2026-06-01T12:00:00Z');
const PRODUCER = 'https://example.com/test';
const SCHEMA = 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent';

let stubs: MarquezStub[] = [];
afterEach(async () => {
  for (const stub of stubs) await stub.close();
  stubs = [];
});
async function stubWith(events: unknown[]): Promise<MarquezStub> {
  const stub = await startMarquezStub({ events });
  stubs.push(stub);
  return stub;
}

const runId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const runEvent = (n: number, type: string, at: number) => ({
  eventType: type, eventTime: new Date(at).toISOString(), producer: PRODUCER, schemaURL: SCHEMA,
  run: { runId: runId(n) }, job: { namespace: 'ns', name: `job-${n}` }, inputs: [], outputs: [],
});

async function drain(feed: ChangeFeed, cursor: string | null, max = 200): Promise<{ batches: ChangeBatch[]; cursor: string }> {
  const batches: ChangeBatch[] = [];
  for (let i = 0; i < max; i++) {
    const batch = await feed.changes(cursor, context);
    batches.push(batch);
    cursor = batch.cursor;
    if (batch.caughtUp) return { batches, cursor };
  }
  throw new Error('never caught up');
}
const bodies = (batches: readonly ChangeBatch[]) => batches.flatMap((b) => (b.lineageEvents ?? []).map((e) => e.body));
const times = (batch: ChangeBatch) => (batch.lineageEvents ?? []).map((e) => e.eventTimeMs ?? 0);

describe('the Marquez change feed (against the stub)', () => {
  it('backfills newest first in bounded pages by time, reads every run event, then follows', async () => {
    const events = syntheticGraphEvents(300, 400, 900);
    const dataset = { eventTime: '2026-01-01T00:00:00Z', producer: PRODUCER, schemaURL: SCHEMA, dataset: { namespace: 'ns', name: 'only-a-dataset-event' } };
    const stub = await stubWith([...events, dataset]);
    const feed = createMarquezChangeFeed(createMarquezClient({ url: stub.url }), 'Marquez', PACING, () => NOW);
    const { batches } = await drain(feed, null);
    const backfill = batches.filter((b) => b.progress.phase === 'backfill');
    expect(backfill[0]!.lineageEvents).toHaveLength(20);
    for (const b of batches) expect(b.lineageEvents!.length).toBeLessThanOrEqual(50);
    // Newest first: each page is older than the one before.
    const newest = Math.max(...events.map((e) => Date.parse((e as { eventTime: string }).eventTime)));
    expect(times(batches[0]!)[0]).toBe(newest);
    for (let i = 1; i < backfill.length; i++) expect(Math.max(...times(backfill[i]!))).toBeLessThanOrEqual(Math.min(...times(backfill[i - 1]!)));
    // Every run event exactly once (Marquez lists RUN_EVENTs only; totalCount counts the DatasetEvent too).
    expect(new Set(bodies(batches))).toEqual(new Set(events.map((e) => JSON.stringify(e))));
    expect(bodies(batches)).toHaveLength(600);
    expect(batches[0]!.progress.estimatedTotal).toBe(601);
    expect(batches.at(-1)!.progress.phase).toBe('follow');
    expect(batches.every((b) => !b.passComplete)).toBe(true);
    // Requests are bounded pages of events/lineage, by time, never an offset walk from the start.
    const asks = stub.requests.map((r) => new URLSearchParams(r.query));
    expect(stub.requests.every((r) => r.path === '/api/v1/events/lineage')).toBe(true);
    expect(Math.max(...asks.map((q) => Number(q.get('offset'))))).toBeLessThan(50);
    // The batch describes the jobs and datasets its events name.
    expect(backfill[0]!.jobs!.length).toBeGreaterThan(0);
  });

  it('pages through more events of one instant than a page holds', async () => {
    const at = Date.parse('2026-05-01T00:00:00Z');
    const stub = await stubWith([...Array.from({ length: 130 }, (_, i) => runEvent(i, 'START', at)), runEvent(999, 'START', at - 1_000)]);
    const feed = createMarquezChangeFeed(createMarquezClient({ url: stub.url }), 'Marquez', PACING, () => NOW);
    const { batches } = await drain(feed, null);
    expect(new Set(bodies(batches)).size).toBe(131);
  });

  it('follows new and late events through the look-back window; idle, one small request per round', async () => {
    let now = NOW;
    const stub = await stubWith([runEvent(1, 'START', NOW - 3_600_000)]);
    const feed = createMarquezChangeFeed(createMarquezClient({ url: stub.url }), 'Marquez', PACING, () => now);
    let { cursor } = await drain(feed, null);
    // A new run and a late COMPLETE (its time 90 s before the last round began) both arrive.
    now = NOW + 20_000;
    stub.addEvents([runEvent(2, 'START', NOW + 10_000), runEvent(3, 'COMPLETE', NOW - 90_000)]);
    const round = await feed.changes(cursor, context);
    expect(round.caughtUp).toBe(true);
    expect(round.lineageEvents!.map((e) => e.runId).sort()).toEqual([runId(2), runId(3)]);
    cursor = round.cursor;
    // Idle: nothing new for a while; each round is one request, and once the look-back passed the new events, a tiny one.
    now = NOW + 400_000;
    const before = stub.requests.length;
    for (let i = 0; i < 3; i++) {
      now += 20_000;
      const idle = await feed.changes(cursor, context);
      cursor = idle.cursor;
    }
    const idleRequests = stub.requests.slice(before);
    expect(idleRequests).toHaveLength(3);
    expect(idleRequests.slice(1).every((r) => r.bytes < 100)).toBe(true);
  });
});

const freshIndex = withFreshIndexes();
describe('Marquez events into the index', () => {
  it('rebuilds a run whose START and COMPLETE came in different pages, storing events read twice once', async () => {
    const index: OpenIndex = await freshIndex('sqlite');
    const events = [
      runEvent(1, 'START', NOW - 600_000), ...Array.from({ length: 60 }, (_, i) => runEvent(100 + i, 'START', NOW - 500_000 + i)), runEvent(1, 'COMPLETE', NOW - 100_000),
    ];
    const stub = await stubWith(events);
    const feed = createMarquezChangeFeed(createMarquezClient({ url: stub.url }), 'Marquez', PACING, () => NOW);
    let caughtUp!: () => void;
    const done = new Promise<void>((resolve) => (caughtUp = resolve));
    const syncer = startSyncer(index.db, feed, {
      owner: 'test', dialect: 'sqlite',
      sleep: (ms, signal) => (ms >= PACING.followIntervalMs ? (caughtUp(), new Promise<void>((r) => signal.addEventListener('abort', () => r(), { once: true }))) : Promise.resolve()),
    });
    await done;
    await syncer.stop();
    const page = await pageOfRuns(index.db, index.dialect, { limit: 100, after: null, sort: { kind: 'time', descending: true } });
    const run1 = page.runs.find((r) => r.lineage?.runId === runId(1));
    expect(run1?.lineage).toMatchObject({ state: 'COMPLETED', source: 'marquez', startedAt: new Date(NOW - 600_000).toISOString(), endedAt: new Date(NOW - 100_000).toISOString() });
    expect(page.runs.filter((r) => r.lineage)).toHaveLength(61);
    const stored = await index.db.selectFrom('received_events').select((eb) => eb.fn.countAll<number>().as('n')).where('source', '=', 'marquez').executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(62);
  }, 60_000);
});

describe('a page of Marquez events', () => {
  it('is validated a slice at a time, with the event loop free in between', async () => {
    const raw = syntheticGraphEvents(300, 400, 900).slice(0, 3 * EVENTS_PER_SLICE + 1);
    expect(raw).toHaveLength(3 * EVENTS_PER_SLICE + 1);
    let turns = 0;
    let reading = true;
    const spin = () => {
      if (!reading) return;
      turns += 1;
      setImmediate(spin);
    };
    setImmediate(spin);
    const events = await readEvents(raw);
    reading = false;
    expect(events).toHaveLength(raw.length);
    expect(events.every((e) => e.loaded !== null)).toBe(true);
    // One turn of the loop between each two slices at least: 4 slices, 3 turns.
    expect(turns).toBeGreaterThanOrEqual(3);
  });
});
