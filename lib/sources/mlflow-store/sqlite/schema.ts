import 'server-only';
import type Database from 'better-sqlite3';

/** Tables and columns actually present: MLflow 1.x, 2.x and 3.x databases differ, so nothing is assumed. */
export interface SqliteSchema {
  readonly tables: ReadonlyMap<string, ReadonlySet<string>>;
  /** An index on metrics starting with run_uuid (MLflow's index_metrics_run_uuid), for metricHistory. */
  readonly metricsIndexedByRun: boolean;
}

export function hasTable(schema: SqliteSchema, table: string): boolean {
  return schema.tables.has(table);
}

export function hasColumn(schema: SqliteSchema, table: string, column: string): boolean {
  return schema.tables.get(table)?.has(column) ?? false;
}

function nameOf(row: unknown): string | null {
  if (typeof row !== 'object' || row === null || !('name' in row)) return null;
  return typeof row.name === 'string' ? row.name : null;
}

export function readSchema(db: Database.Database): SqliteSchema {
  const tableNames = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
    .all()
    .map(nameOf)
    .filter((n): n is string => n !== null);
  const columnsOf = db.prepare('SELECT name FROM pragma_table_info(?)');
  const tables = new Map<string, ReadonlySet<string>>();
  for (const table of tableNames) {
    const columns = columnsOf.all(table).map(nameOf).filter((n): n is string => n !== null);
    tables.set(table, new Set(columns));
  }
  const runLedIndexes = tables.has('metrics')
    ? db
        .prepare(
          `SELECT l.name FROM pragma_index_list('metrics') l, pragma_index_info(l.name) i
           WHERE i.seqno = 0 AND i.name = 'run_uuid'`,
        )
        .all()
    : [];
  return { tables, metricsIndexedByRun: runLedIndexes.length > 0 };
}

/** Why a database cannot be read as an MLflow tracking store, or null when it can. */
export function missingCoreTables(schema: SqliteSchema): string | null {
  const missing = ['experiments', 'runs'].filter((t) => !hasTable(schema, t));
  if (missing.length === 0) return null;
  return `not an MLflow tracking database (no ${missing.join(' or ')} table)`;
}
