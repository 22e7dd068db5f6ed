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

/** Reads every table the snapshot needs inside one read transaction, so all rows come from the same commit. */
export function readStore(db: Database.Database, statements: StatementCache, schema: SqliteSchema): SqliteRows {
  const read = db.transaction((): SqliteRows => {
    const alembic = statements.all(q.alembicSql(schema))[0]?.version_num;
    return {
      alembicRevision: typeof alembic === 'string' ? alembic : null,
      experiments: statements.all(q.experimentsSql(schema)),
      runs: statements.all(q.runsSql(schema)),
      // Params and tags under the one redaction rule (lib/security/redact-json.ts), as every source's.
      params: redactJson(statements.all(q.keyValueSql(schema, 'params'))),
      tags: redactJson(statements.all(q.keyValueSql(schema, 'tags'))),
      latestMetrics: statements.all(q.latestMetricsSql(schema)),
      datasetInputs: statements.all(q.datasetInputsSql(schema)),
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
