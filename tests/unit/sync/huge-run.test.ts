import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openIndex, type OpenIndex } from '@/lib/index/open';
import { pageOfRuns } from '@/lib/index/run-page';
import { restQueriesWith } from '@/lib/index/resting-sqlite-dialect';
import type { IndexDatabase } from '@/lib/index/schema';
import { offThreadCounts } from '@/lib/model/json-off-thread';
import { parseEventLine, type LoadedEvent } from '@/lib/openlineage/parse-text';
import { OFF_THREAD_CHARS, parseEventLineOffThread } from '@/lib/sources/parse-event-off-thread';
import { restAfter } from '@/lib/sources/event-loop-rest';
import { createFileChangeFeed } from '@/lib/sources/openlineage-files/change-feed';
import type { FeedLineageEvent } from '@/lib/sources/ports';
import { startSyncer } from '@/lib/sync/syncer';
import { storeFeedEvents } from '@/lib/sync/store-feed-events';

const PRODUCER = 'https://example.com/test';
const SCHEMA = 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent';
const FOLLOW_MS = 60_000;
const runId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();
const dataset = (name: string) => ({ namespace: 'wide', name });

/** One COMPLETE event of run n reading `inputs` and writing `outputs`. */
const complete = (n: number, minute: number, inputs: object[], outputs: object[]) => JSON.stringify({
  eventType: 'COMPLETE', eventTime: at(minute), producer: PRODUCER, schemaURL: SCHEMA, run: { runId: runId(n) }, job: { namespace: 'ns', name: `job-${n}` }, inputs, outputs,
});
const feedEvent = (body: string): FeedLineageEvent => ({ body, runId: (JSON.parse(body) as { run: { runId: string } }).run.runId, eventTimeMs: (parseEventLine(body) as LoadedEvent).time });

const dirs: string[] = [];
const indexes: OpenIndex[] = [];
afterAll(async () => {
  for (const index of indexes) await index.close();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-huge-'));
  dirs.push(dir);
  return dir;
};

describe('a run reading thousands of datasets', () => {
  afterEach(() => restQueriesWith(null));

  it('finds the producers of the few inputs anyone wrote with a query per 100 inputs, not two per input', async () => {
    const file = path.join(tempDir(), 'index.sqlite');
    await (await openIndex({ kind: 'sqlite', file })).close();
    const statements: string[] = [];
    const db = new Kysely<IndexDatabase>({ dialect: new SqliteDialect({ database: new Database(file) }), log: (event) => void statements.push(event.query.sql) });
    await storeFeedEvents(db, 'sqlite', 'openlineage-files', [feedEvent(complete(1, 0, [], [dataset('in-7'), dataset('in-900')]))], 1);
    statements.length = 0;
    const inputs = Array.from({ length: 2_000 }, (_, i) => dataset(`in-${i}`));
    await storeFeedEvents(db, 'sqlite', 'openlineage-files', [feedEvent(complete(2, 10, inputs, []))], 1);

    const page = await pageOfRuns(db, 'sqlite', { limit: 10, after: null, sort: { kind: 'time', descending: true } });
    const reader = page.runs.find((r) => r.lineage?.runId === runId(2))!.lineage!;
    const produced = reader.inputs.flatMap((d) => (d.producedByRunId === null ? [] : [[d.name, d.producedByRunId]]));
    expect(produced).toEqual([['in-7', runId(1)], ['in-900', runId(1)]]);
    const writesAsked = statements.filter((s) => /from "record_datasets"/i.test(s) && /"direction" = \?/.test(s) && !/^insert|^delete/i.test(s));
    // 20 look-ups of which inputs were written, then the writes of the two that were (before: 2,000 queries).
    expect(writesAsked.length).toBeLessThanOrEqual(2_000 / 100 + 2 * 2 + 1);
    await db.destroy();
  });

  it('writes its input rows at most 1,000 a statement: one statement of a long list holds the event loop briefly', async () => {
    const file = path.join(tempDir(), 'index.sqlite');
    await (await openIndex({ kind: 'sqlite', file })).close();
    const rowsPerInsert: number[] = [];
    const db = new Kysely<IndexDatabase>({
      dialect: new SqliteDialect({ database: new Database(file) }),
      log: (event) => {
        if (/^insert into record_datasets/i.test(event.query.sql.trim())) {
          const json = event.query.parameters.find((p) => typeof p === 'string' && p.startsWith('[['));
          rowsPerInsert.push(json === undefined ? event.query.parameters.length / 11 : (JSON.parse(json as string) as unknown[]).length);
        }
      },
    });
    await storeFeedEvents(db, 'sqlite', 'openlineage-files', [feedEvent(complete(5, 0, Array.from({ length: 4_500 }, (_, i) => dataset(`in-${i}`)), []))], 1);
    expect(rowsPerInsert.reduce((a, b) => a + b, 0)).toBe(4_500);
    expect(Math.max(...rowsPerInsert)).toBeLessThanOrEqual(1_000);
    await db.destroy();
  });

  it("writes the run whole in one transaction with at most 2,000 of its edges, the others in transactions of their own", async () => {
    const file = path.join(tempDir(), 'index.sqlite');
    await (await openIndex({ kind: 'sqlite', file })).close();
    // Edge rows inserted per transaction, and which transaction wrote the run's record.
    const transactions: Array<{ edges: number; record: boolean }> = [];
    let current: { edges: number; record: boolean } | null = null;
    const db = new Kysely<IndexDatabase>({
      dialect: new SqliteDialect({ database: new Database(file) }),
      log: (event) => {
        const text = event.query.sql.trim().toLowerCase();
        if (text === 'begin') current = { edges: 0, record: false };
        else if (text === 'commit' && current) transactions.push(current);
        else if (current && text.startsWith('insert into "lineage_edges"')) current.edges += event.query.parameters.length / 6;
        else if (current && text.startsWith('insert into "lineage_records"')) current.record = true;
      },
    });
    const INPUTS = 5_000;
    await storeFeedEvents(db, 'sqlite', 'openlineage-files', [feedEvent(complete(6, 0, Array.from({ length: INPUTS }, (_, i) => dataset(`in-${i}`)), [dataset('out')]))], 1);
    const withRecord = transactions.filter((t) => t.record);
    expect(withRecord).toHaveLength(1);
    expect(withRecord[0]!.edges).toBe(0);
    expect(Math.max(...transactions.map((t) => t.edges))).toBeLessThanOrEqual(2_000);
    expect(transactions.reduce((n, t) => n + t.edges, 0)).toBe(INPUTS + 1);
    expect(Number((await db.selectFrom('lineage_edges').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBe(INPUTS + 1);
    await db.destroy();
  });

  it('is rebuilt from the event the feed parsed: its long body is not parsed a second time', async () => {
    const file = path.join(tempDir(), 'index.sqlite');
    await (await openIndex({ kind: 'sqlite', file })).close();
    const db = new Kysely<IndexDatabase>({ dialect: new SqliteDialect({ database: new Database(file) }) });
    const body = complete(4, 0, Array.from({ length: 30_000 }, (_, i) => dataset(`in-${i}`)), []);
    expect(body.length).toBeGreaterThan(OFF_THREAD_CHARS);
    const loaded = await parseEventLineOffThread(body) as LoadedEvent;
    const parsesBefore = offThreadCounts().textsParsed;
    await storeFeedEvents(db, 'sqlite', 'openlineage-files', [{ ...feedEvent(body), loaded }], 1);
    expect(offThreadCounts().textsParsed).toBe(parsesBefore);
    const page = await pageOfRuns(db, 'sqlite', { limit: 10, after: null, sort: { kind: 'time', descending: true } });
    const run = page.runs.find((r) => r.lineage?.runId === runId(4))!.lineage!;
    expect(run.inputs.map((d) => d.name).slice(0, 2)).toEqual(['in-0', 'in-1']);
    await db.destroy();
  });

  it('is indexed whole through the files feed with queries resting: every input a dataset, an edge and a record dataset', async () => {
    restQueriesWith(restAfter);
    const index = await openIndex({ kind: 'sqlite', file: path.join(tempDir(), 'index.sqlite') });
    indexes.push(index);
    const events = path.join(tempDir(), 'events.jsonl');
    const INPUTS = 5_000;
    fs.writeFileSync(events, `${complete(3, 0, Array.from({ length: INPUTS }, (_, i) => dataset(`in-${i}`)), [dataset('out')])}\n`);
    const feed = createFileChangeFeed('openlineage-files', 'OpenLineage events', [events], FOLLOW_MS);
    let caughtUp!: () => void;
    const done = new Promise<void>((resolve) => (caughtUp = resolve));
    const syncer = startSyncer(index.db, feed, {
      owner: 'test', dialect: 'sqlite', errorBackoffMs: 10,
      sleep: (ms, signal) => (ms >= FOLLOW_MS ? (caughtUp(), new Promise<void>((r) => signal.addEventListener('abort', () => r(), { once: true }))) : Promise.resolve()),
    });
    await done;
    await syncer.stop();
    const count = async (table: 'lineage_edges' | 'lineage_datasets' | 'record_datasets') =>
      Number((await index.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    expect(await count('lineage_edges')).toBe(INPUTS + 1);
    expect(await count('lineage_datasets')).toBe(INPUTS + 1);
    expect(await count('record_datasets')).toBe(INPUTS + 1);
  });
});
