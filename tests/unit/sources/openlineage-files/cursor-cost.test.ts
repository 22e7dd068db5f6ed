// What one batch of a directory of one-event files costs in cursor: the cursor holds an entry per file, so it must be
// small, written once per change, and never parsed again by the feed that wrote it (40,000 files parsed, validated
// and cloned every batch took the server past 600 MB RSS).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { FeedContext } from '@/lib/sources/ports';
import * as fileCursor from '@/lib/sources/openlineage-files/file-cursor';
import { createFileChangeFeed } from '@/lib/sources/openlineage-files/change-feed';

vi.mock('@/lib/sources/openlineage-files/file-cursor', async (importOriginal) => {
  const actual = await importOriginal<typeof fileCursor>();
  return { ...actual, parseFilesCursor: vi.fn(actual.parseFilesCursor) };
});

const context: FeedContext = { runningRunIds: () => Promise.resolve([]) };
const FILES = 300;
const runId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const event = (n: number) => JSON.stringify({
  eventType: 'COMPLETE', eventTime: new Date(Date.UTC(2026, 0, 1, 0, 0, n % 60)).toISOString(), producer: 'https://example.com/test',
  schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
  run: { runId: runId(n) }, job: { namespace: 'ns', name: `job-${n}` }, inputs: [], outputs: [{ namespace: 'ns', name: `out-${n}` }],
});

function eventDirectory(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-cursor-cost-'));
  for (let n = 0; n < FILES; n++) fs.writeFileSync(path.join(dir, `event-${String(n).padStart(5, '0')}.json`), event(n));
  return dir;
}
const feedOf = (dir: string) => createFileChangeFeed('openlineage-files', 'OpenLineage events', [dir], 1000, { batchBytes: 1024 * 1024, batchEvents: 50 });
const parses = () => vi.mocked(fileCursor.parseFilesCursor).mock.calls.filter(([raw]) => raw !== null).length;

describe('the files feed cursor', () => {
  beforeEach(() => vi.mocked(fileCursor.parseFilesCursor).mockClear());

  it('is not parsed again by the feed that handed it out, batch after batch; a cursor from elsewhere is', async () => {
    const dir = eventDirectory();
    const feed = feedOf(dir);
    let cursor: string | null = null;
    let batches = 0;
    for (let caughtUp = false; !caughtUp; batches++) {
      const batch = await feed.changes(cursor, context);
      cursor = batch.cursor;
      caughtUp = batch.caughtUp;
    }
    expect(batches).toBe(FILES / 50);
    expect(parses()).toBe(0);
    // Another process (a restart, another replica) reads the stored text: parsed once, and it resumes there.
    const restarted = await feedOf(dir).changes(cursor, context);
    expect(parses()).toBe(1);
    expect(restarted.lineageEvents).toEqual([]);
    expect(restarted.progress).toMatchObject({ phase: 'follow', done: FILES });
  });

  it('holds a directory read whole as one entry, and a follow step over unchanged files hands back the very same text', async () => {
    const dir = eventDirectory();
    const feed = feedOf(dir);
    let batch = await feed.changes(null, context);
    while (!batch.caughtUp) batch = await feed.changes(batch.cursor, context);
    // Version 1 wrote ~320 bytes a file here (96 KB for 300 files); one entry for the directory remains.
    expect(batch.cursor.length).toBeLessThan(1_000);
    expect(Object.keys(JSON.parse(batch.cursor).dirs)).toEqual([dir]);
    expect(feed.state()).toMatchObject({ files: FILES, events: FILES, badEntries: 0 });
    const idle = await feed.changes(batch.cursor, context);
    expect(idle.cursor).toBe(batch.cursor);
    expect(idle.lineageEvents).toEqual([]);
    fs.writeFileSync(path.join(dir, 'event-99999.json'), event(99_999));
    const grown = await feed.changes(idle.cursor, context);
    expect(grown.lineageEvents?.map((e) => e.runId)).toEqual([runId(99_999)]);
    expect(grown.resetLineageEvents).toBeUndefined();
    expect(feed.state()).toMatchObject({ files: FILES + 1, events: FILES + 1 });
    expect(JSON.parse(grown.cursor).dirs[dir].files).toBe(FILES + 1);
  });

  it('starts the pass over when a file of a directory read whole changes or goes, as for any document read', async () => {
    const dir = eventDirectory();
    const feed = feedOf(dir);
    let batch = await feed.changes(null, context);
    while (!batch.caughtUp) batch = await feed.changes(batch.cursor, context);
    fs.writeFileSync(path.join(dir, 'event-00007.json'), event(7_000));
    const changed = await feed.changes(batch.cursor, context);
    expect(changed.resetLineageEvents).toBe(true);
    expect(changed.pass).toBe(batch.pass + 1);
    batch = changed;
    const ids: Array<string | null> = [];
    while (!batch.caughtUp) {
      batch = await feed.changes(batch.cursor, context);
      ids.push(...(batch.lineageEvents ?? []).map((e) => e.runId));
    }
    expect(ids).toHaveLength(FILES);
    expect(ids).toContain(runId(7_000));
    expect(ids).not.toContain(runId(7));
    fs.rmSync(path.join(dir, 'event-00100.json'));
    const gone = await feed.changes(batch.cursor, context);
    expect(gone.resetLineageEvents).toBe(true);
  });

  it('resumes from a version 1 cursor (written by an earlier Runlens) without reading anything twice', async () => {
    const dir = eventDirectory();
    const feed = feedOf(dir);
    const first = await feed.changes(null, context);
    const v2 = JSON.parse(first.cursor) as { v: number; pass: number; complete: boolean; files: Record<string, unknown[]>; problems: unknown[] };
    const files = Object.fromEntries(Object.entries(v2.files).map(([file, [, , dev, ino, size, mtimeMs, prefixBytes, fingerprint, offset, lines, events, bad, skipping, tail]]) => [file, {
      kind: 'document', format: 'document', dev, ino, size, mtimeMs, prefixBytes, fingerprint, offset, lines, events, bad, skipping: skipping === 1, tail,
    }]));
    const v1 = JSON.stringify({ v: 1, pass: v2.pass, complete: v2.complete, files, problems: v2.problems });
    let batch = await feedOf(dir).changes(v1, context);
    const ids = [...(first.lineageEvents ?? []), ...(batch.lineageEvents ?? [])].map((e) => e.runId);
    while (!batch.caughtUp) {
      batch = await feedOf(dir).changes(batch.cursor, context);
      ids.push(...(batch.lineageEvents ?? []).map((e) => e.runId));
    }
    expect(ids.sort()).toEqual(Array.from({ length: FILES }, (_, n) => runId(n)).sort());
    expect(batch.pass).toBe(first.pass);
  });
});

describe('the event file listing', () => {
  it('is the same object while nothing changed, so a batch over 40,000 files makes no new entries; a new file makes a new one', async () => {
    const { EventFileLister } = await import('@/lib/sources/openlineage-files/list-event-files');
    const dir = eventDirectory();
    // Directories modified within the last 2 s are listed again (a file may arrive in the same mtime tick): age this one.
    const past = new Date(Date.now() - 60_000);
    fs.utimesSync(dir, past, past);
    const lister = new EventFileLister([dir]);
    const first = lister.list();
    expect(first.files).toHaveLength(FILES);
    expect(lister.list()).toBe(first);
    fs.writeFileSync(path.join(dir, 'event-99999.json'), event(99_999));
    const grown = lister.list();
    expect(grown).not.toBe(first);
    expect(grown.files.map((f) => f.path)).toEqual([...first.files.map((f) => f.path), path.join(dir, 'event-99999.json')]);
  });
});
