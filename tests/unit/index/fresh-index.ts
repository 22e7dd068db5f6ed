// Empty run indexes for tests that run on both dialects: a SQLite file, or a new database on one
// throw-away Postgres cluster per test file (started in beforeAll, stopped with every index in afterAll).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, sql, SqliteDialect } from 'kysely';
import pg from 'pg';
import { migrationProvider } from '@/lib/index/migrations';
import type { IndexDatabase } from '@/lib/index/schema';
import { afterAll, beforeAll } from 'vitest';
import { openIndex, type IndexDialect, type IndexLocation, type OpenIndex } from '@/lib/index/open';
import { startPostgresServer, type PostgresServer } from '../../stubs/postgres-server';

export interface FreshIndexes {
  (dialect: IndexDialect): Promise<OpenIndex>;
  /** Another connection to the same index, as a second replica has (closed with the rest). */
  reopen(index: OpenIndex): Promise<OpenIndex>;
  /**
   * An index as an older version left it: migrated up to `migration` only. `open()` then opens it as this
   * version does (the later migrations run), closing the old connection first.
   */
  asOf(dialect: IndexDialect, migration: string): Promise<{ db: Kysely<IndexDatabase>; open(): Promise<OpenIndex> }>;
}

export function withFreshIndexes(): FreshIndexes {
  let postgres: PostgresServer | null = null;
  const opened: OpenIndex[] = [];
  const locations = new WeakMap<OpenIndex, IndexLocation>();
  let counter = 0;
  beforeAll(async () => {
    postgres = await startPostgresServer();
  }, 60_000);
  afterAll(async () => {
    for (const index of opened) await index.close();
    await postgres?.stop();
  });
  const newLocation = async (dialect: IndexDialect): Promise<IndexLocation> => {
    if (dialect === 'sqlite') return { kind: 'sqlite', file: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-index-')), 'index.sqlite') };
    const admin = await openIndex({ kind: 'postgres', url: postgres!.url });
    const name = `t${process.pid}_${++counter}`;
    await sql.raw(`create database ${name}`).execute(admin.db);
    await admin.close();
    return { kind: 'postgres', url: postgres!.url.replace(/\/runlens$/, `/${name}`) };
  };
  const fresh = async (dialect: IndexDialect): Promise<OpenIndex> => {
    const location = await newLocation(dialect);
    const index = await openIndex(location);
    opened.push(index);
    locations.set(index, location);
    return index;
  };
  const reopen = async (index: OpenIndex): Promise<OpenIndex> => {
    const again = await openIndex(locations.get(index)!);
    opened.push(again);
    return again;
  };
  const asOf = async (dialect: IndexDialect, migration: string) => {
    const location = await newLocation(dialect);
    const db = new Kysely<IndexDatabase>({
      dialect: location.kind === 'sqlite' ? new SqliteDialect({ database: new Database(location.file) }) : new PostgresDialect({ pool: new pg.Pool({ connectionString: location.url }) }),
    });
    const { error } = await new Migrator({ db, provider: migrationProvider(dialect) }).migrateTo(migration);
    if (error) throw error;
    const open = async (): Promise<OpenIndex> => {
      await db.destroy();
      const index = await openIndex(location);
      opened.push(index);
      return index;
    };
    return { db, open };
  };
  return Object.assign(fresh, { reopen, asOf });
}
