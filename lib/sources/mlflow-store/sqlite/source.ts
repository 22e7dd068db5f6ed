import 'server-only';
import type Database from 'better-sqlite3';
import type { MetricPoint, SourceHealth, SourceProblem } from '@/lib/model';
import type { ExperimentSnapshot, ExperimentSource } from '@/lib/sources/ports';
import { asNumber } from '../shared/coerce';
import { fromSqlMetricValue } from '../shared/metric-values';
import { ProblemList } from '../shared/problems';
import { buildHealth, emptySnapshot } from '../shared/snapshot';
import { dataVersion, errorCode, errorMessage, fileState, openReadOnly } from './connection';
import { mapRegistry } from './map-registry';
import { mapRuns } from './map-runs';
import { metricHistorySql } from './queries';
import { readStore, StatementCache } from './read-store';
import { hasTable, missingCoreTables, readSchema, type SqliteSchema } from './schema';

export const SQLITE_SOURCE_ID = 'mlflow-sqlite';
export const SQLITE_SOURCE_LABEL = 'MLflow (SQLite)';

/** Tables some MLflow versions lack; listed on /health so a 1.x database explains its missing panels. */
const OPTIONAL_TABLES = [
  'latest_metrics',
  'datasets',
  'inputs',
  'input_tags',
  'registered_models',
  'registered_model_aliases',
];

interface Loaded {
  snapshot: ExperimentSnapshot;
  problems: SourceProblem[];
  error: string | null;
  details: Record<string, string>;
}

interface Connection {
  db: Database.Database;
  inode: number;
  statements: StatementCache;
  schema: SqliteSchema | null;
}

class SqliteStoreSource implements ExperimentSource {
  readonly id = SQLITE_SOURCE_ID;
  private connection: Connection | null = null;
  private stamp: string | null = null;
  private version = 0;
  private loaded: Loaded = { snapshot: emptySnapshot(0), problems: [], error: null, details: {} };

  constructor(private readonly file: string) {}

  async snapshot(): Promise<ExperimentSnapshot> {
    return this.refresh().snapshot;
  }

  async health(): Promise<SourceHealth> {
    const { snapshot, problems, error, details } = this.refresh();
    const label = SQLITE_SOURCE_LABEL;
    return buildHealth({ id: this.id, label, location: this.file, snapshot, problems, error, details });
  }

  async metricHistory(runId: string, key: string, maxPoints?: number): Promise<MetricPoint[]> {
    const loaded = this.refresh();
    const connection = this.connection;
    const sql = connection?.schema ? metricHistorySql(connection.schema) : null;
    if (loaded.error !== null || !connection || sql === null) return [];
    return connection.statements.all(sql, runId, key, maxPoints === undefined ? -1 : Math.max(0, Math.floor(maxPoints))).map((row) => ({
      step: asNumber(row.step) ?? 0,
      timestamp: asNumber(row.timestamp) ?? 0,
      value: fromSqlMetricValue(row.value, row.is_nan),
    }));
  }

  /** Re-reads only when the database changed; a failure leaves an empty snapshot and a clear error, never a throw. */
  private refresh(): Loaded {
    try {
      const file = fileState(this.file);
      if (file === null) return this.fail('file not found');
      if (this.connection && this.connection.inode !== file.inode) this.close();
      const connection = (this.connection ??= this.open(file.inode));
      const stamp = `${dataVersion(connection.db)}|${file.stamp}`;
      if (stamp === this.stamp && this.loaded.error === null) return this.loaded;
      this.loaded = this.read(connection);
      this.stamp = this.loaded.error === null ? stamp : null;
      return this.loaded;
    } catch (error) {
      if (errorCode(error) === 'SQLITE_BUSY' && this.loaded.error === null && this.stamp !== null) {
        // A long MLflow write holds the lock: keep showing the last good snapshot and retry next call.
        const busy = { where: this.file, message: 'database is busy; showing the previous read' };
        return { ...this.loaded, problems: [...this.loaded.problems, busy] };
      }
      return this.fail(errorMessage(error));
    }
  }

  private open(inode: number): Connection {
    const db = openReadOnly(this.file);
    return { db, inode, statements: new StatementCache(db), schema: null };
  }

  private read(connection: Connection): Loaded {
    const schema = readSchema(connection.db);
    connection.schema = schema;
    const missing = missingCoreTables(schema);
    if (missing !== null) return this.fail(missing);
    const rows = readStore(connection.db, connection.statements, schema);
    const problems = new ProblemList();
    const { runs, experiments } = mapRuns(rows, this.id, (p) => problems.add(p));
    const details: Record<string, string> = {};
    if (rows.alembicRevision !== null) details.alembicRevision = rows.alembicRevision;
    const absent = OPTIONAL_TABLES.filter((t) => !hasTable(schema, t));
    if (absent.length > 0) details.missingTables = absent.join(', ');
    this.version += 1;
    const snapshot = { version: this.version, runs, experiments, models: mapRegistry(rows) };
    return { snapshot, problems: problems.toArray(), error: null, details };
  }

  /** Closes the connection so the next call opens the file afresh (it may be created or repaired later). */
  private fail(reason: string): Loaded {
    this.close();
    const error = `${this.file}: ${reason}`;
    if (this.loaded.error !== error) {
      this.version += 1;
      this.loaded = { snapshot: emptySnapshot(this.version), problems: [], error, details: {} };
    }
    return this.loaded;
  }

  private close(): void {
    try {
      this.connection?.db.close();
    } catch {
      // Closing a connection to a broken file can itself fail; there is nothing left to release.
    }
    this.connection = null;
    this.stamp = null;
  }
}

export function createSqliteSource(file: string): ExperimentSource {
  return new SqliteStoreSource(file);
}
