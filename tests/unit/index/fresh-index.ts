// Empty run indexes for tests that run on both dialects: a SQLite file, or a new database on one
// throw-away Postgres cluster per test file (started in beforeAll, stopped with every index in afterAll).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll } from 'vitest';
import { openIndex, type IndexDialect, type IndexLocation, type OpenIndex } from '@/lib/index/open';
import { startPostgresServer, type PostgresServer } from '../../stubs/postgres-server';

export interface FreshIndexes {
  (dialect: IndexDialect): Promise<OpenIndex>;
  /** Another connection to the same index, as a second replica has (closed with the rest). */
  reopen(index: OpenIndex): Promise<OpenIndex>;
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
  const fresh = async (dialect: IndexDialect): Promise<OpenIndex> => {
    let location: IndexLocation;
    if (dialect === 'sqlite') location = { kind: 'sqlite', file: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-index-')), 'index.sqlite') };
    else {
      const admin = await openIndex({ kind: 'postgres', url: postgres!.url });
      const name = `t${process.pid}_${++counter}`;
      await sql.raw(`create database ${name}`).execute(admin.db);
      await admin.close();
      location = { kind: 'postgres', url: postgres!.url.replace(/\/runlens$/, `/${name}`) };
    }
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
  return Object.assign(fresh, { reopen });
}
