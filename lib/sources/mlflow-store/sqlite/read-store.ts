import 'server-only';
import type Database from 'better-sqlite3';
import * as q from './queries';
import type { SqliteSchema } from './schema';
import { redactJson } from '@/lib/security/redact-json';

/** A row as SQLite returns it; mappers coerce each column, since SQLite does not enforce declared types. */
export type Row = Record<string, unknown>;

export interface SqliteRows {
  alembicRevision: string | null;
  experiments: Row[];
  runs: Row[];
  params: Row[];
  tags: Row[];
  latestMetrics: Row[];
  datasetInputs: Row[];
  registeredModels: Row[];
  modelVersions: Row[];
  aliases: Row[];
  modelVersionTags: Row[];
  registeredModelTags: Row[];
  /** Null when the database has no logged_models table (before MLflow 3). */
  loggedModels: Row[] | null;
}

/** Prepared statements are cached per SQL text; the schema (and so the text) only changes on migration. */
export class StatementCache {
  private readonly statements = new Map<string, Database.Statement<unknown[], Row>>();

  constructor(private readonly db: Database.Database) {}

  all(sql: string | null, ...params: unknown[]): Row[] {
    if (sql === null) return [];
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare<unknown[], Row>(sql);
      this.statements.set(sql, statement);
    }
    return statement.all(...params);
  }
}

/**
 * Reads every table the snapshot needs inside one read transaction, so all rows come from the same commit.
 * Without `withRuns` the run tables are left out (runs then reach the index through the change feed).
 */
export function readStore(db: Database.Database, statements: StatementCache, schema: SqliteSchema, withRuns = true): SqliteRows {
  const read = db.transaction((): SqliteRows => {
    const alembic = statements.all(q.alembicSql(schema))[0]?.version_num;
    const runTable = (sql: string | null) => (withRuns ? statements.all(sql) : []);
    return {
      alembicRevision: typeof alembic === 'string' ? alembic : null,
      experiments: statements.all(q.experimentsSql(schema)),
      runs: runTable(q.runsSql(schema)),
      // Params and tags under the one redaction rule (lib/security/redact-json.ts), as every source's.
      params: redactJson(runTable(q.keyValueSql(schema, 'params'))),
      tags: redactJson(runTable(q.keyValueSql(schema, 'tags'))),
      latestMetrics: runTable(q.latestMetricsSql(schema)),
      datasetInputs: runTable(q.datasetInputsSql(schema)),
      registeredModels: statements.all(q.registeredModelsSql(schema)),
      modelVersions: statements.all(q.modelVersionsSql(schema)),
      aliases: statements.all(q.aliasesSql(schema)),
      modelVersionTags: redactJson(statements.all(q.modelVersionTagsSql(schema))),
      registeredModelTags: redactJson(statements.all(q.registeredModelTagsSql(schema))),
      loggedModels: q.loggedModelsSql(schema) === null ? null : statements.all(q.loggedModelsSql(schema)),
    };
  });
  return read();
}

/**
 * Some runs with their params, tags, latest metrics and dataset inputs, in one read transaction: `select` picks the
 * runs (a bounded query), and each detail table is read by index for just those ids.
 */
export function readRunSubset(
  db: Database.Database, statements: StatementCache, schema: SqliteSchema, select: { sql: string; params: unknown[] },
): Pick<SqliteRows, 'experiments' | 'runs' | 'params' | 'tags' | 'latestMetrics' | 'datasetInputs'> {
  const read = db.transaction(() => {
    const runs = statements.all(select.sql, ...select.params);
    const ids = JSON.stringify(runs.map((r) => r.run_uuid));
    const detail = (sql: string | null) => (runs.length === 0 ? [] : statements.all(sql, ids));
    return {
      experiments: statements.all(q.experimentsSql(schema)),
      runs,
      params: redactJson(detail(q.keyValueSql(schema, 'params', true))),
      tags: redactJson(detail(q.keyValueSql(schema, 'tags', true))),
      latestMetrics: detail(q.latestMetricsSql(schema, true)),
      datasetInputs: detail(q.datasetInputsSql(schema, true)),
    };
  });
  return read();
}
