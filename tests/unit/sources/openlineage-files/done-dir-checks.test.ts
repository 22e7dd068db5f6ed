// Directories read whole are checked against their files (a stat each) at most every DONE_DIR_CHECK_WHILE_READING_MS
// while a pass reads: every batch of a backfill stat'ed every file read so far, so a batch's time and garbage grew
// with the history (40,000 stats a batch at the end of the bench's, part of the server's peak RSS, issue #11).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChangeBatch, FeedContext } from '@/lib/sources/ports';
import * as documentFile from '@/lib/sources/openlineage-files/document-file';
import { createFileChangeFeed } from '@/lib/sources/openlineage-files/change-feed';
import { DONE_DIR_CHECK_WHILE_READING_MS } from '@/lib/sources/openlineage-files/done-dir-checks';

vi.mock('@/lib/sources/openlineage-files/document-file', async (importOriginal) => {
  const actual = await importOriginal<typeof documentFile>();
  return { ...actual, statOrUndefined: vi.fn(actual.statOrUndefined) };
});

const context: FeedContext = { runningRunIds: () => Promise.resolve([]) };
const DIRS = 6;
const FILES_PER_DIR = 40;
const runId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const event = (n: number) => JSON.stringify({
  eventType: 'COMPLETE', eventTime: new Date(Date.UTC(2026, 0, 1, 0, 0, n % 60)).toISOString(), producer: 'https://example.com/test',
  run: { runId: runId(n) }, job: { namespace: 'ns', name: `job-${n}` }, inputs: [], outputs: [{ namespace: 'ns', name: `out-${n}` }],
});

/** DIRS day folders of FILES_PER_DIR one-event files, as the file transport writes them. */
function history(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-done-dirs-'));
  for (let d = 0; d < DIRS; d++) {
    fs.mkdirSync(path.join(root, `day-${d}`));
    for (let f = 0; f < FILES_PER_DIR; f++) fs.writeFileSync(path.join(root, `day-${d}`, `event-${String(f).padStart(3, '0')}.json`), event(d * FILES_PER_DIR + f));
    // Written a minute ago: the lister lists a directory modified in the last 2 s again on every call.
    const past = new Date(Date.now() - 60_000);
    fs.utimesSync(path.join(root, `day-${d}`), past, past);
  }
  return root;
}
// One directory a batch.
const feedOf = (root: string) => createFileChangeFeed('openlineage-files', 'OpenLineage events', [root], 1000, { batchBytes: 1024 * 1024, batchEvents: FILES_PER_DIR });
/** Event files stat'ed (not opened and read) since the last call. */
function fileStats(): number {
  const calls = vi.mocked(documentFile.statOrUndefined).mock.calls.filter(([file]) => file.endsWith('.json')).length;
  vi.mocked(documentFile.statOrUndefined).mockClear();
  return calls;
}

describe('directories read whole, while the pass reads', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['performance'] });
    vi.mocked(documentFile.statOrUndefined).mockClear();
  });
  afterEach(() => vi.useRealTimers());

  it('are checked once within the interval, not by every batch: a batch stats at most one directory of files', async () => {
    const feed = feedOf(history());
    let batch: ChangeBatch | null = null;
    const stats: number[] = [];
    do {
      batch = await feed.changes(batch?.cursor ?? null, context);
      stats.push(fileStats());
    } while (!batch.caughtUp);
    expect(batch.progress).toMatchObject({ phase: 'follow', done: DIRS * FILES_PER_DIR });
    // Each directory is checked by the batch after the one that read it (before: 40, 80, … 200 stats a batch).
    expect(stats).toEqual([0, ...Array.from({ length: DIRS - 1 }, () => FILES_PER_DIR)]);
    // The pass complete, every step checks every file (a follow step sees a change at once).
    await feed.changes(batch.cursor, context);
    expect(fileStats()).toBe(DIRS * FILES_PER_DIR);
  });

  it('still see a file of theirs that changed, once the interval has passed, and the pass starts over', async () => {
    const root = history();
    const feed = feedOf(root);
    let batch = await feed.changes(null, context);
    batch = await feed.changes(batch.cursor, context); // checks day-0, reads day-1
    fs.writeFileSync(path.join(root, 'day-0', 'event-000.json'), `${event(999)}\n`);
    batch = await feed.changes(batch.cursor, context);
    expect(batch.resetLineageEvents).toBeUndefined();
    vi.advanceTimersByTime(DONE_DIR_CHECK_WHILE_READING_MS);
    batch = await feed.changes(batch.cursor, context);
    expect(batch.resetLineageEvents).toBe(true);
    expect(batch.pass).toBe(2);
  });
});
