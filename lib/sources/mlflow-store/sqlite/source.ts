import 'server-only';
import type Database from 'better-sqlite3';
import type { ExperimentRun, MetricPoint, SourceHealth, SourceProblem } from '@/lib/model';
import { LRUCache } from 'lru-cache';
import type { ChangeFeed, ExperimentSnapshot, ExperimentSource } from '@/lib/sources/ports';
import { asNumber } from '../shared/coerce';
import { fromSqlMetricValue, LOCAL_HISTORY_READ_LIMIT } from '../shared/metric-values';
import { MAX_LISTED_PROBLEMS, ProblemList } from '../shared/problems';
import { buildHealth, emptySnapshot, snapshotCounts } from '../shared/snapshot';
import { dataVersion, errorCode, errorMessage, fileState, openReadOnly } from './connection';
import { mapRegistry } from './map-registry';
import { createSqliteChangeFeed, type Keyset, type SqliteRunReader } from './change-feed';
import { mapRuns } from './map-runs';
import { metricHistorySql, runCountSql, runsBelowSql, runsByIdsSql, runsStartedSinceSql } from './queries';
import { readRunSubset, readStore, StatementCache } from './read-store';
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

export interface SqliteSourceOptions {
  /** False: snapshot() holds experiments and the registry only; runs reach the index through changeFeed(). Default true. */
  snapshotRuns?: boolean;
}

/** Above any start time in epoch ms: the keyset of "from the newest". */
const NEWEST: Keyset = { startMs: Number.MAX_SAFE_INTEGER, runId: '' };

class SqliteStoreSource implements ExperimentSource, SqliteRunReader {
  readonly id = SQLITE_SOURCE_ID;
  private connection: Connection | null = null;
  private stamp: string | null = null;
  private version = 0;
  private loaded: Loaded = { snapshot: emptySnapshot(0), problems: [], error: null, details: {} };
  // What mapping the feed's runs noticed, by place: a run read again replaces its entry rather than adding one.
  private readonly feedProblems = new LRUCache<string, SourceProblem>({ max: MAX_LISTED_PROBLEMS });
  private readonly snapshotRuns: boolean;

  constructor(private readonly file: string, options: SqliteSourceOptions = {}) {
    this.snapshotRuns = options.snapshotRuns ?? true;
  }

  changeFeed(followIntervalMs: number): ChangeFeed {
    return createSqliteChangeFeed(this.id, SQLITE_SOURCE_LABEL, this, { followIntervalMs });
  }

  state(): { inode: number; stamp: string } | { error: string } {
    const loaded = this.refresh();
    if (loaded.error !== null || !this.connection || this.stamp === null) return { error: loaded.error ?? `${this.file}: not read yet` };
    return { inode: this.connection.inode, stamp: this.stamp };
  }

  below(after: Keyset | null, limit: number): ExperimentRun[] {
    const from = after ?? NEWEST;
    return this.readRuns((schema) => ({ sql: runsBelowSql(schema), params: [from.startMs, from.startMs, from.runId, limit] }));
  }

  startedSince(ms: number, limit: number): ExperimentRun[] {
    return this.readRuns((schema) => ({ sql: runsStartedSinceSql(schema), params: [ms, limit] }));
  }

  byIds(ids: readonly string[]): ExperimentRun[] {
    return ids.length === 0 ? [] : this.readRuns((schema) => ({ sql: runsByIdsSql(schema), params: [JSON.stringify(ids)] }));
  }

  /** A run the index does not hold yet (the backfill has not reached it): one indexed read by id. */
  async run(id: string): Promise<ExperimentRun | null> {
    if (this.snapshotRuns) return (await this.snapshot()).runs.get(id) ?? null;
    return 'error' in this.state() ? null : (this.byIds([id])[0] ?? null);
  }

  count(): number {
    const connection = this.connection;
    return connection ? Number(connection.statements.all(runCountSql)[0]?.runs ?? 0) : 0;
  }

  /** Some runs, mapped in the order the query gave them; their mapping problems replace the ones last seen for them. */
  private readRuns(select: (schema: SqliteSchema) => { sql: string; params: unknown[] }): ExperimentRun[] {
    const connection = this.connection;
    const schema = connection?.schema;
    if (!connection || !schema) throw new Error(`${this.file}: not read yet`);
    const rows = readRunSubset(connection.db, connection.statements, schema, select(schema));
    const { runs } = mapRuns(rows, this.id, (problem) => this.feedProblems.set(problem.where, problem));
    return [...runs.values()];
  }

  async snapshot(): Promise<ExperimentSnapshot> {
    return this.refresh().snapshot;
  }

  async health(): Promise<SourceHealth> {
    const { snapshot, problems, error, details } = this.refresh();
    const label = SQLITE_SOURCE_LABEL;
    if (this.snapshotRuns) return buildHealth({ id: this.id, label, location: this.file, snapshot, problems, error, details });
    // Runs are not held here: count them in the store, and list what the feed's mapping noticed.
    const health = buildHealth({ id: this.id, label, location: this.file, snapshot, problems: [...problems, ...this.feedProblems.values()], error, details });
    if (error === null) health.counts = { ...snapshotCounts(snapshot, false), runs: this.count() };
    return health;
  }

  async metricHistory(runId: string, key: string, maxPoints = LOCAL_HISTORY_READ_LIMIT): Promise<MetricPoint[]> {
    const loaded = this.refresh();
    const connection = this.connection;
    const sql = connection?.schema ? metricHistorySql(connection.schema) : null;
    if (loaded.error !== null || !connection || sql === null) return [];
    return connection.statements.all(sql, runId, key, Math.max(0, Math.floor(maxPoints))).map((row) => ({
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
    const rows = readStore(connection.db, connection.statements, schema, this.snapshotRuns);
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

export function createSqliteSource(file: string, options: SqliteSourceOptions = {}): ExperimentSource & { changeFeed(followIntervalMs: number): ChangeFeed } {
  return new SqliteStoreSource(file, options);
}
