import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChangeBatch, FeedContext } from '@/lib/sources/ports';
import { createFileChangeFeed, type FileFeedLimits } from '@/lib/sources/openlineage-files/change-feed';
import { MAX_LINE_BYTES } from '@/lib/sources/openlineage-files/read-step';

const context: FeedContext = { runningRunIds: () => Promise.resolve([]) };
const PRODUCER = 'https://example.com/test';
const SCHEMA = 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent';

const runId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
function event(n: number, type = 'START', second = 0): string {
  return JSON.stringify({
    eventType: type, eventTime: new Date(Date.UTC(2026, 0, 1, 0, 0, n % 60, second)).toISOString(), producer: PRODUCER, schemaURL: SCHEMA,
    run: { runId: runId(n) }, job: { namespace: 'ns', name: `job-${n}` }, inputs: [], outputs: [{ namespace: 'ns', name: `out-${n}` }],
  });
}
const lines = (from: number, to: number, type = 'START') => Array.from({ length: to - from }, (_, i) => `${event(from + i, type)}\n`).join('');

function tempFile(content: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-feed-'));
  const file = path.join(dir, 'events.jsonl');
  fs.writeFileSync(file, content);
  return file;
}

async function drain(feed: ReturnType<typeof createFileChangeFeed>, cursor: string | null, max = 100): Promise<{ batches: ChangeBatch[]; cursor: string | null }> {
  const batches: ChangeBatch[] = [];
  for (let i = 0; i < max; i++) {
    const batch = await feed.changes(cursor, context);
    batches.push(batch);
    cursor = batch.cursor;
    if (batch.caughtUp) return { batches, cursor };
  }
  throw new Error('the feed never caught up');
}

const ids = (batches: readonly ChangeBatch[]) => batches.flatMap((b) => (b.lineageEvents ?? []).map((e) => e.runId));
const feedOf = (file: string, limits?: FileFeedLimits) => createFileChangeFeed('openlineage-files', 'OpenLineage events', [file], 1000, limits);

describe('the local files change feed', () => {
  it('reads a history in bounded batches, oldest first, and completes its pass once', async () => {
    const file = tempFile(lines(0, 5_000));
    const { batches } = await drain(feedOf(file, { batchBytes: 2 * 1024 * 1024, batchEvents: 2_000 }), null);
    expect(batches.map((b) => b.lineageEvents?.length)).toEqual([2_000, 2_000, 1_000]);
    expect(ids(batches)).toEqual(Array.from({ length: 5_000 }, (_, i) => runId(i)));
    expect(batches.map((b) => b.passComplete)).toEqual([false, false, true]);
    expect(batches.map((b) => b.caughtUp)).toEqual([false, false, true]);
    expect(batches[0]!.progress).toMatchObject({ phase: 'backfill', done: 2_000 });
    expect(batches[0]!.progress.estimatedTotal).toBeGreaterThan(4_000);
    expect(batches[2]!.progress).toMatchObject({ phase: 'follow', done: 5_000, estimatedTotal: 5_000 });
    // The jobs and datasets the events describe ride along.
    expect(batches[0]!.jobs).toHaveLength(2_000);
    expect(batches[0]!.datasets).toHaveLength(2_000);
  });

  it('bounds a batch by bytes too', async () => {
    const file = tempFile(lines(0, 300));
    const size = fs.statSync(file).size;
    const { batches } = await drain(feedOf(file, { batchBytes: Math.ceil(size / 3), batchEvents: 10_000 }), null);
    expect(batches.length).toBeGreaterThanOrEqual(3);
    for (const batch of batches) expect(batch.lineageEvents!.length).toBeLessThanOrEqual(101);
    expect(ids(batches)).toHaveLength(300);
  });

  it('parses only appended lines, and a late COMPLETE arrives on its own', async () => {
    const file = tempFile(lines(0, 10));
    const feed = feedOf(file);
    const first = await drain(feed, null);
    expect(ids(first.batches)).toHaveLength(10);
    const idle = await feed.changes(first.cursor, context);
    expect(idle.lineageEvents).toEqual([]);
    expect(idle.caughtUp).toBe(true);
    expect(idle.passComplete).toBe(false);
    fs.appendFileSync(file, `${event(3, 'COMPLETE', 500)}\n`);
    const next = await feed.changes(idle.cursor, context);
    expect(next.lineageEvents!.map((e) => [e.runId, JSON.parse(e.body).eventType])).toEqual([[runId(3), 'COMPLETE']]);
    expect(next.resetLineageEvents).toBeUndefined();
    expect(next.pass).toBe(first.batches[0]!.pass);
  });

  it('hands over a last line without its newline when it parses, without consuming it; a half-written one waits', async () => {
    const file = tempFile(lines(0, 2));
    const feed = feedOf(file);
    let { cursor } = await drain(feed, null);
    fs.appendFileSync(file, event(2));
    const tail = await feed.changes(cursor, context);
    expect(ids([tail])).toEqual([runId(2)]);
    fs.appendFileSync(file, `\n${event(3).slice(0, 40)}`);
    const completed = await feed.changes(tail.cursor, context);
    // The line is read again now that it is complete (stored once: same body); the half line waits, not counted as bad.
    expect(ids([completed])).toEqual([runId(2)]);
    expect(completed.lineageEvents![0]!.body).toBe(tail.lineageEvents![0]!.body);
    expect(feed.state()!.badEntries).toBe(0);
    fs.appendFileSync(file, `${event(3).slice(40)}\n`);
    cursor = completed.cursor;
    const rest = await feed.changes(cursor, context);
    expect(ids([rest])).toEqual([runId(3)]);
    expect(feed.state()).toMatchObject({ events: 4, badEntries: 0 });
  });

  it('counts bad lines with their line numbers and keeps going', async () => {
    const file = tempFile(`${event(0)}\nnot json\n{"eventTime":"2026-01-01T00:00:00Z"}\n${event(1)}\n`);
    const feed = feedOf(file);
    const { batches } = await drain(feed, null);
    expect(ids(batches)).toEqual([runId(0), runId(1)]);
    const state = feed.state()!;
    expect(state.badEntries).toBe(2);
    expect(state.problems.map((p) => [p.where, p.line])).toEqual([[file, 2], [file, 3]]);
  });

  it('skips a line longer than the limit once, reads on after it, and never starts the pass over (the skip stops mid-line)', async () => {
    const overlong = `{"eventType":"START","pad":"${'x'.repeat(MAX_LINE_BYTES + 1024)}"}\n`;
    const file = tempFile(lines(0, 2) + overlong + lines(2, 4));
    const feed = feedOf(file);
    const { batches } = await drain(feed, null, 20);
    expect(batches.some((b) => b.resetLineageEvents === true)).toBe(false);
    expect(new Set(batches.map((b) => b.pass))).toEqual(new Set([1]));
    expect(ids(batches)).toEqual([runId(0), runId(1), runId(2), runId(3)]);
    const state = feed.state()!;
    expect(state.badEntries).toBe(1);
    expect(state.problems.map((p) => [p.line, p.message])).toEqual([[3, `line longer than ${MAX_LINE_BYTES / 1024 / 1024} MB: skipped`]]);
  });

  it('resumes mid-file after a restart from the stored cursor, reading nothing twice', async () => {
    const file = tempFile(lines(0, 3_000));
    const limits = { batchBytes: 2 * 1024 * 1024, batchEvents: 1_000 };
    const first = await feedOf(file, limits).changes(null, context);
    expect(first.lineageEvents).toHaveLength(1_000);
    // A new process: a new feed object, the cursor from the index.
    const rest = await drain(feedOf(file, limits), first.cursor);
    expect(ids([first, ...rest.batches])).toEqual(Array.from({ length: 3_000 }, (_, i) => runId(i)));
    expect(rest.batches.some((b) => b.resetLineageEvents)).toBe(false);
  });

  it('starts over when the file is rewritten in place to a longer length (copy-truncate), or truncated', async () => {
    const file = tempFile(lines(0, 5));
    const feed = feedOf(file);
    const first = await drain(feed, null);
    fs.writeFileSync(file, lines(100, 110)); // same inode, longer, other first bytes
    const reset = await feed.changes(first.cursor, context);
    expect(reset.resetLineageEvents).toBe(true);
    expect(reset.pass).toBe(first.batches[0]!.pass + 1);
    expect(reset.lineageEvents).toEqual([]);
    const again = await drain(feed, reset.cursor);
    expect(ids(again.batches)).toEqual(Array.from({ length: 10 }, (_, i) => runId(100 + i)));
    expect(again.batches.at(-1)!.passComplete).toBe(true);
    fs.truncateSync(file, 0);
    fs.appendFileSync(file, lines(200, 201));
    const truncated = await feed.changes(again.cursor, context);
    expect(truncated.resetLineageEvents).toBe(true);
    expect(ids((await drain(feed, truncated.cursor)).batches)).toEqual([runId(200)]);
  });

  it('reads a directory of one-event files, new files as they come, and starts over when one that was read changes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-feed-dir-'));
    fs.writeFileSync(path.join(dir, 'a.json'), event(1));
    fs.writeFileSync(path.join(dir, 'b.json'), JSON.stringify([JSON.parse(event(2)), JSON.parse(event(3))]));
    const feed = createFileChangeFeed('openlineage-files', 'OpenLineage events', [dir], 1000);
    const first = await drain(feed, null);
    expect(ids(first.batches)).toEqual([runId(1), runId(2), runId(3)]);
    fs.writeFileSync(path.join(dir, 'c.json'), event(4));
    const added = await drain(feed, first.cursor);
    expect(ids(added.batches)).toEqual([runId(4)]);
    fs.writeFileSync(path.join(dir, 'b.json'), event(5));
    const changed = await feed.changes(added.cursor, context);
    expect(changed.resetLineageEvents).toBe(true);
    expect(ids((await drain(feed, changed.cursor)).batches).sort()).toEqual([runId(1), runId(4), runId(5)]);
  });
});
