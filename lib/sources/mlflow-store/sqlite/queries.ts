import 'server-only';
import { hasColumn, hasTable, type SqliteSchema } from './schema';

/** Whole-table queries built for the schema at hand; a missing column reads as NULL instead of failing. */

function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

function col(schema: SqliteSchema, table: string, column: string, alias = column, fallback = 'NULL'): string {
  const expr = hasColumn(schema, table, column) ? `${quote(table)}.${quote(column)}` : fallback;
  return `${expr} AS ${quote(alias)}`;
}

export const experimentsSql = (s: SqliteSchema): string =>
  `SELECT ${col(s, 'experiments', 'experiment_id')}, ${col(s, 'experiments', 'name')},
     ${col(s, 'experiments', 'lifecycle_stage')} FROM experiments`;

const RUN_COLUMNS = [
  'run_uuid',
  'name',
  'status',
  'start_time',
  'end_time',
  'lifecycle_stage',
  'user_id',
  'artifact_uri',
  'experiment_id',
];

export const runsSql = (s: SqliteSchema): string =>
  `SELECT ${RUN_COLUMNS.map((c) => col(s, 'runs', c)).join(', ')} FROM runs`;

/**
 * The row filter of a table's run column: every run, or (subset) only the ids in the JSON array given as the one
 * parameter; json_each keeps one prepared statement for any number of ids.
 */
const runFilter = (column: string, subset: boolean): string => (subset ? `${column} IN (SELECT value FROM json_each(?))` : 'TRUE');

/** The runs whose ids are in the JSON array parameter. */
export const runsByIdsSql = (s: SqliteSchema): string => `${runsSql(s)} WHERE ${runFilter('run_uuid', true)}`;

/** Start time with a missing one read as 0 (MLflow always sets it; a hand-made row may not). */
const START = 'COALESCE(start_time, 0)';

/** The next runs down the history, newest first, strictly after the keyset (start time, run id) given. */
export const runsBelowSql = (s: SqliteSchema): string =>
  `${runsSql(s)} WHERE ${START} < ? OR (${START} = ? AND run_uuid < ?) ORDER BY ${START} DESC, run_uuid DESC LIMIT ?`;

/** Runs started at or after a time, oldest first (the follow step's new runs). */
export const runsStartedSinceSql = (s: SqliteSchema): string =>
  `${runsSql(s)} WHERE ${START} >= ? ORDER BY ${START}, run_uuid LIMIT ?`;

export const runCountSql = 'SELECT COUNT(*) AS runs FROM runs';

/**
 * params and tags as one JSON object per run: SQLite builds it in C and JSON.parse in V8, ~3× faster than one
 * JS row per pair. Only text goes through JSON (exact); metric values never do (json() keeps 15 digits).
 */
export const keyValueSql = (s: SqliteSchema, table: 'params' | 'tags', subset = false): string | null =>
  hasTable(s, table)
    ? `SELECT run_uuid, json_group_object(CAST("key" AS TEXT), COALESCE(CAST(value AS TEXT), '')) AS entries
       FROM ${table} WHERE "key" IS NOT NULL AND ${runFilter('run_uuid', subset)} GROUP BY run_uuid`
    : null;

/**
 * Latest value per (run, key). MLflow keeps it in latest_metrics since 1.x; older databases lack the table,
 * so apply MLflow's rule (greatest step, timestamp, value) over the full history instead.
 */
export function latestMetricsSql(s: SqliteSchema, subset = false): string | null {
  if (hasTable(s, 'latest_metrics')) {
    return `SELECT run_uuid, "key", value, ${col(s, 'latest_metrics', 'timestamp')},
      ${col(s, 'latest_metrics', 'step', 'step', '0')}, ${col(s, 'latest_metrics', 'is_nan', 'is_nan', '0')}
      FROM latest_metrics WHERE ${runFilter('run_uuid', subset)}`;
  }
  if (!hasTable(s, 'metrics')) return null;
  const step = hasColumn(s, 'metrics', 'step') ? 'step' : '0';
  const isNan = hasColumn(s, 'metrics', 'is_nan') ? 'is_nan' : '0';
  return `SELECT run_uuid, "key", value, timestamp, step, is_nan FROM (
      SELECT run_uuid, "key", value, timestamp, ${step} AS step, ${isNan} AS is_nan,
        ROW_NUMBER() OVER (PARTITION BY run_uuid, "key" ORDER BY ${step} DESC, timestamp DESC, value DESC) AS rn
      FROM metrics WHERE ${runFilter('run_uuid', subset)}) WHERE rn = 1`;
}

/**
 * One run's history of one key. Without statistics SQLite prefers the primary key (key, timestamp, …), which
 * walks that key across every run; the run_uuid index reads only this run's points, so `+` steers it there.
 */
export function metricHistorySql(s: SqliteSchema): string | null {
  if (!hasTable(s, 'metrics')) return null;
  const step = hasColumn(s, 'metrics', 'step') ? 'step' : '0';
  const isNan = hasColumn(s, 'metrics', 'is_nan') ? 'is_nan' : '0';
  const keyFilter = s.metricsIndexedByRun ? '+"key" = ?' : '"key" = ?';
  // LIMIT -1 is SQLite's "no limit": the caller bounds the read (lib/catalog/metric-history.ts).
  return `SELECT value, timestamp, ${step} AS step, ${isNan} AS is_nan FROM metrics
    WHERE run_uuid = ? AND ${keyFilter} ORDER BY ${step}, timestamp LIMIT ?`;
}

/** Datasets logged with mlflow.log_input (MLflow ≥ 2.4); the context comes from the input tag. */
export function datasetInputsSql(s: SqliteSchema, subset = false): string | null {
  if (!hasTable(s, 'datasets') || !hasTable(s, 'inputs')) return null;
  const context = hasTable(s, 'input_tags') ? 't.value' : 'NULL';
  const join = hasTable(s, 'input_tags')
    ? `LEFT JOIN input_tags t ON t.input_uuid = i.input_uuid AND t.name = 'mlflow.data.context'`
    : '';
  return `SELECT i.destination_id AS run_uuid, d.name AS name, d.digest AS digest,
      d.dataset_source_type AS source_type, d.dataset_source AS source, ${context} AS context
    FROM inputs i JOIN datasets d ON d.dataset_uuid = i.source_id ${join}
    WHERE i.source_type = 'DATASET' AND i.destination_type = 'RUN' AND ${runFilter('i.destination_id', subset)}`;
}

export const registeredModelsSql = (s: SqliteSchema): string | null =>
  hasTable(s, 'registered_models')
    ? `SELECT ${['name', 'creation_time', 'last_updated_time', 'description']
        .map((c) => col(s, 'registered_models', c))
        .join(', ')} FROM registered_models`
    : null;

export const modelVersionsSql = (s: SqliteSchema): string | null =>
  hasTable(s, 'model_versions')
    ? `SELECT ${['name', 'version', 'creation_time', 'description', 'current_stage', 'source', 'run_id', 'status', 'model_id']
        .map((c) => col(s, 'model_versions', c))
        .join(', ')} FROM model_versions`
    : null;

/** MLflow 3's logged models; null (no table) means the store predates them. */
export const loggedModelsSql = (s: SqliteSchema): string | null =>
  hasTable(s, 'logged_models')
    ? `SELECT ${['model_id', 'experiment_id', 'name', 'artifact_location', 'creation_timestamp_ms', 'status', 'source_run_id']
        .map((c) => col(s, 'logged_models', c))
        .join(', ')} FROM logged_models`
    : null;

/** registered_model_aliases appeared in MLflow 2.3. */
export const aliasesSql = (s: SqliteSchema): string | null =>
  hasTable(s, 'registered_model_aliases') ? 'SELECT name, alias, version FROM registered_model_aliases' : null;

export const modelVersionTagsSql = (s: SqliteSchema): string | null =>
  hasTable(s, 'model_version_tags') ? 'SELECT name, version, "key", value FROM model_version_tags' : null;

export const registeredModelTagsSql = (s: SqliteSchema): string | null =>
  hasTable(s, 'registered_model_tags') ? 'SELECT name, "key", value FROM registered_model_tags' : null;

export const alembicSql = (s: SqliteSchema): string | null =>
  hasTable(s, 'alembic_version') ? 'SELECT version_num FROM alembic_version' : null;
