import Database from 'better-sqlite3';
import { Kysely, sql, SqliteDialect } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { withStatementCache } from '@/lib/index/statement-cache';

/** A real in-memory SQLite whose prepare() calls are counted, by SQL text. */
function countingDatabase() {
  const database = new Database(':memory:');
  const prepared: string[] = [];
  const prepare = database.prepare.bind(database);
  return { database, prepared, counted: { prepare: (text: string) => (prepared.push(text), prepare(text)), close: () => database.close() } };
}

const open: Array<Kysely<unknown>> = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.destroy();
});

describe('withStatementCache', () => {
  it('compiles each query text once and answers every execution with current rows', async () => {
    const { counted, prepared } = countingDatabase();
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: withStatementCache(counted) }) });
    open.push(db);
    await sql`create table runs (id text primary key, state text)`.execute(db);
    for (const [id, state] of [['a', 'RUNNING'], ['b', 'COMPLETED'], ['c', 'FAILED']]) await sql`insert into runs values (${id}, ${state})`.execute(db);
    const states = async (id: string) => (await sql<{ state: string }>`select state from runs where id = ${id}`.execute(db)).rows.map((r) => r.state);
    expect(await states('a')).toEqual(['RUNNING']);
    expect(await states('b')).toEqual(['COMPLETED']);
    await sql`update runs set state = ${'COMPLETED'} where id = ${'a'}`.execute(db);
    expect(await states('a')).toEqual(['COMPLETED']);
    const select = prepared.filter((text) => text.startsWith('select state'));
    expect(select).toHaveLength(1);
    expect(prepared.filter((text) => text.startsWith('insert'))).toHaveLength(1);
  });

  it('keeps a bounded number of statements, compiling an evicted one again', async () => {
    const { counted, prepared } = countingDatabase();
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: withStatementCache(counted, 2) }) });
    open.push(db);
    for (const n of [1, 2, 3, 1]) await sql.raw(`select ${n} as n`).execute(db);
    expect(prepared).toEqual(['select 1 as n', 'select 2 as n', 'select 3 as n', 'select 1 as n']);
  });

  it('a cached statement still answers after the schema changed under it', async () => {
    const { counted } = countingDatabase();
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: withStatementCache(counted) }) });
    open.push(db);
    await sql`create table t (a integer)`.execute(db);
    await sql`insert into t values (1)`.execute(db);
    const rows = async () => (await sql<Record<string, unknown>>`select * from t`.execute(db)).rows;
    expect(await rows()).toEqual([{ a: 1 }]);
    await sql`alter table t add column b text default 'x'`.execute(db);
    expect(await rows()).toEqual([{ a: 1, b: 'x' }]);
  });
});
