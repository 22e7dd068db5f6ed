import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OpenIndex } from '@/lib/index/open';
import { pageOfRuns } from '@/lib/index/run-page';
import { createFileChangeFeed } from '@/lib/sources/openlineage-files/change-feed';
import type { ChangeFeed } from '@/lib/sources/ports';
import { startSyncer } from '@/lib/sync/syncer';
import { withFreshIndexes } from '../index/fresh-index';

const PRODUCER = 'https://example.com/test';
const SCHEMA = 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent';
const FOLLOW_MS = 60_000;
const runId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const line = (n: number, type: string, minute: number) => `${JSON.stringify({
  eventType: type, eventTime: new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString(), producer: PRODUCER, schemaURL: SCHEMA,
  run: { runId: runId(n) }, job: { namespace: 'ns', name: `job-${n}` }, inputs: [], outputs: [],
})}\n`;

/** Runs the real syncer until the feed is caught up (it then waits the follow interval, which ends the round). */
async function syncRound(index: OpenIndex, feed: ChangeFeed): Promise<void> {
  let caughtUp!: () => void;
  const done = new Promise<void>((resolve) => (caughtUp = resolve));
  const syncer = startSyncer(index.db, feed, {
    owner: 'test', dialect: index.dialect, errorBackoffMs: 10,
    sleep: (ms, signal) => (ms >= FOLLOW_MS ? (caughtUp(), new Promise<void>((r) => signal.addEventListener('abort', () => r(), { once: true }))) : Promise.resolve()),
  });
  await done;
  await syncer.stop();
}

async function lineageRuns(index: OpenIndex) {
  const page = await pageOfRuns(index.db, index.dialect, { limit: 100, after: null, sort: { kind: 'time', descending: true } });
  return page.runs.map((r) => ({ runId: r.lineage?.runId, state: r.lineage?.state, startedAt: r.lineage?.startedAt, endedAt: r.lineage?.endedAt }))
    .sort((a, b) => String(a.runId).localeCompare(String(b.runId)));
}

const storedEvents = async (index: OpenIndex) => Number((await index.db.selectFrom('received_events').select((eb) => eb.fn.countAll<number>().as('n')).where('source', '=', 'openlineage-files').executeTakeFirstOrThrow()).n);

const freshIndex = withFreshIndexes();
describe.each(['sqlite', 'postgres'] as const)('the files feed into the index on %s', (dialect) => {
  it('rebuilds a run from events that arrive in different batches, stores a re-read event once, and drops a rewritten file\'s runs', async () => {
    const index = await freshIndex(dialect);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-sync-')), 'events.jsonl');
    fs.writeFileSync(file, line(1, 'START', 0) + line(2, 'START', 1) + line(2, 'COMPLETE', 2));
    // One event per batch: START and COMPLETE of run 2 are stored by different transactions.
    const feed = createFileChangeFeed('openlineage-files', 'OpenLineage events', [file], FOLLOW_MS, { batchBytes: 1 << 20, batchEvents: 1 });
    await syncRound(index, feed);
    expect(await lineageRuns(index)).toEqual([
      { runId: runId(1), state: 'RUNNING', startedAt: '2026-01-01T00:00:00.000Z', endedAt: null },
      { runId: runId(2), state: 'COMPLETED', startedAt: '2026-01-01T00:01:00.000Z', endedAt: '2026-01-01T00:02:00.000Z' },
    ]);
    // A late COMPLETE appended for run 1: only it is parsed, and run 1 is rebuilt from both its events.
    fs.appendFileSync(file, line(1, 'COMPLETE', 5));
    await syncRound(index, feed);
    expect((await lineageRuns(index))[0]).toEqual({ runId: runId(1), state: 'COMPLETED', startedAt: '2026-01-01T00:00:00.000Z', endedAt: '2026-01-01T00:05:00.000Z' });
    expect(await storedEvents(index)).toBe(4);

    // The same batch applied again (a crash after storing, before the cursor was saved): nothing is stored twice.
    const replay = await feed.changes(null, { runningRunIds: () => Promise.resolve([]) });
    const { storeFeedEvents } = await import('@/lib/sync/store-feed-events');
    const again = await storeFeedEvents(index.db, index.dialect, 'openlineage-files', replay.lineageEvents!, replay.pass);
    expect(again).toMatchObject({ stored: 0, runs: 0, written: 0 });
    expect(await storedEvents(index)).toBe(4);

    // Copy-truncate: the file now holds only run 3. Run 1 and 2 leave when the new pass completes.
    fs.writeFileSync(file, line(3, 'START', 10) + line(3, 'FAIL', 11) + line(3, 'OTHER', 12));
    await syncRound(index, feed);
    expect(await lineageRuns(index)).toEqual([{ runId: runId(3), state: 'FAILED', startedAt: '2026-01-01T00:10:00.000Z', endedAt: '2026-01-01T00:11:00.000Z' }]);
    expect(await storedEvents(index)).toBe(3);
  }, 60_000);
});
