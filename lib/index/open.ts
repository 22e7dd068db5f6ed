import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect } from 'kysely';
import { ensureTrigramIndex, migrationProvider } from './migrations';
import { withStatementCache } from './statement-cache';
import { RestingSqliteDialect } from './resting-sqlite-dialect';
import { MAIN_CONNECTION_CHECKPOINT_PAGES, startWalCheckpointer, type WalCheckpointer } from './wal-checkpointer';
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

/** The SQLite page cache of the index connection, KiB (SQLite's own default is 2 MB). */
export const PAGE_CACHE_KIB = 4_000;

function openSqlite(file: string): { db: Kysely<IndexDatabase>; checkpointer: WalCheckpointer } {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const database = new Database(file, { timeout: 5_000 });
  // WAL: readers never wait for the syncer's writes; NORMAL is durable across process crashes in WAL mode.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  // better-sqlite3's 16 MB page cache kept a 100,000-input run's pages dirty until COMMIT (71–83 ms of held event
  // loop); at 4 MB most spill to the WAL during the statements (COMMIT 56 ms), and the process holds 12 MB less.
  database.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
  // Checkpoints run in a worker (see wal-checkpointer.ts); without it, this connection checkpoints as SQLite does.
  database.pragma(`wal_autocheckpoint = ${MAIN_CONNECTION_CHECKPOINT_PAGES}`);
  const checkpointer = startWalCheckpointer(file, (error) => {
    process.emitWarning(`run index: the WAL checkpoint worker stopped (${error.message}); the index connection checkpoints itself again`);
    if (database.open) database.pragma('wal_autocheckpoint = 1000');
  });
  const db = new Kysely<IndexDatabase>({ dialect: new RestingSqliteDialect({ database: withStatementCache(database) }) });
  checkpointers.set(db, checkpointer);
  return { db, checkpointer };
}

// Each SQLite index's checkpoint worker, by its query builder: writers ask it for room in the WAL (untilWalHasRoom).
const checkpointers = new WeakMap<Kysely<IndexDatabase>, WalCheckpointer>();

/**
 * Writers call this between transactions: it resolves once the WAL has room (at once for Postgres, or while the
 * WAL is small), so the WAL is copied off the event loop and never by a COMMIT. See WalCheckpointer.roomToWrite.
 */
export function untilWalHasRoom(db: Kysely<IndexDatabase>): Promise<void> {
  return checkpointers.get(db)?.roomToWrite() ?? Promise.resolve();
}

/** pg is loaded only when a database URL is set: a SQLite index never pays for loading it at start. */
async function openPostgres(url: string): Promise<Kysely<IndexDatabase>> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: 8, connectionTimeoutMillis: 5_000 });
  // An idle client that loses its server emits 'error'; without a listener that would end the process.
  pool.on('error', () => {});
  return new Kysely<IndexDatabase>({ dialect: new PostgresDialect({ pool }) });
}

/** Opens the index and brings its schema up to date (replicas migrating at once are serialised by Kysely's lock). */
export async function openIndex(location: IndexLocation): Promise<OpenIndex> {
  const dialect: IndexDialect = location.kind;
  const { db, checkpointer } = location.kind === 'sqlite' ? openSqlite(location.file) : { db: await openPostgres(location.url), checkpointer: null };
  const close = async () => {
    await checkpointer?.stop();
    await db.destroy();
  };
  const { error, results } = await new Migrator({ db, provider: migrationProvider(dialect) }).migrateToLatest();
  if (error) {
    await close();
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`run index: migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  const problem = dialect === 'postgres' ? await ensureTrigramIndex(db as Kysely<unknown>) : null;
  return {
    db,
    dialect,
    location: location.kind === 'sqlite' ? location.file : describePostgresUrl(location.url),
    problem,
    close,
  };
}
