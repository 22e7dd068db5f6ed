import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { ensureTrigramIndex, migrationProvider } from './migrations';
import { withStatementCache } from './statement-cache';
import type { IndexDatabase } from './schema';

export type IndexDialect = 'sqlite' | 'postgres';

export type IndexLocation = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

export interface OpenIndex {
  db: Kysely<IndexDatabase>;
  dialect: IndexDialect;
  /** For /health: the file, or the Postgres host and database without credentials. */
  location: string;
  /** Something that works but less well than it should (e.g. search unindexed); null when all is well. */
  problem: string | null;
  close(): Promise<void>;
}

/** postgres://user:secret@host:5432/db → postgres://host:5432/db: credentials never leave the server. */
export function describePostgresUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return 'postgres (URL not shown)';
  }
}

function openSqlite(file: string): Kysely<IndexDatabase> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const database = new Database(file, { timeout: 5_000 });
  // WAL: readers never wait for the syncer's writes; NORMAL is durable across process crashes in WAL mode.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  return new Kysely<IndexDatabase>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
}

function openPostgres(url: string): Kysely<IndexDatabase> {
  const pool = new pg.Pool({ connectionString: url, max: 8, connectionTimeoutMillis: 5_000 });
  // An idle client that loses its server emits 'error'; without a listener that would end the process.
  pool.on('error', () => {});
  return new Kysely<IndexDatabase>({ dialect: new PostgresDialect({ pool }) });
}

/** Opens the index and brings its schema up to date (replicas migrating at once are serialised by Kysely's lock). */
export async function openIndex(location: IndexLocation): Promise<OpenIndex> {
  const dialect: IndexDialect = location.kind;
  const db = location.kind === 'sqlite' ? openSqlite(location.file) : openPostgres(location.url);
  const { error, results } = await new Migrator({ db, provider: migrationProvider(dialect) }).migrateToLatest();
  if (error) {
    await db.destroy();
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`run index: migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  const problem = dialect === 'postgres' ? await ensureTrigramIndex(db as Kysely<unknown>) : null;
  return {
    db,
    dialect,
    location: location.kind === 'sqlite' ? location.file : describePostgresUrl(location.url),
    problem,
    close: () => db.destroy(),
  };
}
