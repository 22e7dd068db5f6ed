import type Database from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';
import { LRUCache } from 'lru-cache';

/** Distinct SQL texts kept compiled (`in (?, ?, …)` lists of other lengths are other texts); the rest are compiled again. */
export const CACHED_STATEMENTS = 500;

/**
 * The database as Kysely's SQLite dialect uses it, with compiled statements kept by their SQL: Kysely
 * prepares every query anew, and compiling was about 40 % of the syncer's time on the event loop.
 * A statement still being iterated (a streamed query) is never handed out twice: a fresh one is compiled.
 */
export function withStatementCache(database: Database.Database, max = CACHED_STATEMENTS): SqliteDatabase {
  const statements = new LRUCache<string, Database.Statement>({ max });
  return {
    close: () => {
      statements.clear();
      database.close();
    },
    prepare(sql: string): SqliteStatement {
      const cached = statements.get(sql);
      if (cached !== undefined && !cached.busy) return cached;
      const statement = database.prepare(sql);
      if (cached === undefined) statements.set(sql, statement);
      return statement;
    },
  };
}
