import type { SqliteDatabase, SqliteStatement } from 'kysely';
import { LRUCache } from 'lru-cache';

/** Compiled statements kept per SQLite connection: the pages' queries are a few dozen shapes (IN lists vary by length). */
export const STATEMENTS_KEPT = 500;

interface PreparingDatabase {
  prepare(sql: string): SqliteStatement;
  close(): void;
}

/**
 * The database as Kysely sees it, with each statement compiled once: Kysely prepares every query anew and
 * better-sqlite3 compiles on each prepare, which was half the index's CPU time under load (issue #13).
 * Safe to share: Kysely runs one query at a time per connection; SQLite recompiles a statement after a schema change.
 */
export function withStatementCache(database: PreparingDatabase, max = STATEMENTS_KEPT): SqliteDatabase {
  const statements = new LRUCache<string, SqliteStatement>({ max });
  return {
    prepare(sql) {
      let statement = statements.get(sql);
      if (statement === undefined) {
        statement = database.prepare(sql);
        statements.set(sql, statement);
      }
      return statement;
    },
    close: () => database.close(),
  };
}
