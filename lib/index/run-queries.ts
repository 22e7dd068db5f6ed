import { sql, type Kysely, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import type { RunLink, UnifiedRun } from '@/lib/model';
import { decodeExperimentRun, decodeLineageRun } from './payload';
import type { ExperimentRecordTable, IndexDatabase, LineageRecordTable, RunTable } from './schema';
import type { IndexDialect } from './open';

type Db = Kysely<IndexDatabase>;

/** A sort the list understands: newest first by default, or by one metric, param or field. */
export type RunSort =
  | { kind: 'time'; descending: boolean }
  | { kind: 'metric' | 'param'; key: string; descending: boolean }
  | { kind: 'name'; descending: boolean };

export interface RunPageQuery {
  limit: number;
  /** The keyset position after which the page starts (from the previous page's last row). */
  after: RunPosition | null;
  q?: string;
  status?: string;
  job?: string;
  experiment?: string;
  /** Only runs with no parent (pipeline executions and standalone runs); their stages are listed under them. */
  topLevel?: boolean;
  parentId?: string;
  sort: RunSort;
}

/** Where a row sits in the order: the sort value (null sorts last) and the tie-breakers. */
export interface RunPosition {
  value: number | string | null;
  sortMs: number;
  id: string;
}

export interface RunPageResult {
  runs: UnifiedRun[];
  positions: RunPosition[];
  more: boolean;
}

const RUN_COLUMNS = ['r.id', 'r.sort_ms', 'r.parent_id', 'r.link', 'r.notes', 'l.payload as lineage_payload', 'e.payload as experiment_payload'] as const;

function withPayloads(db: Db) {
  return db.selectFrom('runs as r')
    .leftJoin('lineage_records as l', (j) => j.onRef('l.source', '=', 'r.lineage_source').onRef('l.run_key', '=', 'r.lineage_key'))
    .leftJoin('experiment_records as e', (j) => j.onRef('e.source', '=', 'r.experiment_source').onRef('e.run_key', '=', 'r.experiment_key'));
}

interface RunRow {
  id: string;
  parent_id: string | null;
  link: string | null;
  notes: string;
  lineage_payload: string | null;
  experiment_payload: string | null;
}

function toUnifiedRun(row: RunRow, childIds: string[]): UnifiedRun {
  return {
    id: row.id,
    lineage: row.lineage_payload === null ? null : decodeLineageRun(row.lineage_payload),
    experiment: row.experiment_payload === null ? null : decodeExperimentRun(row.experiment_payload),
    link: row.link === null ? null : (JSON.parse(row.link) as RunLink),
    parentId: row.parent_id,
    childIds,
    notes: JSON.parse(row.notes) as string[],
  };
}

/** Children of each run, oldest first (stages in the order they ran), at most `limit` each. */
async function childIdsOf(db: Db, ids: readonly string[], limit: number): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (ids.length === 0) return out;
  const rows = await db.selectFrom('runs').select(['id', 'parent_id']).where('parent_id', 'in', [...ids]).orderBy('sort_ms').orderBy('id').execute();
  for (const r of rows) {
    const list = out.get(r.parent_id!) ?? [];
    if (list.length < limit) list.push(r.id);
    out.set(r.parent_id!, list);
  }
  return out;
}

/** Runs by any id a user may paste (their idKeys), each once, with their children's ids. */
export async function runsByIdKeys(db: Db, idKeys: readonly string[], childLimit = 500): Promise<{ runs: UnifiedRun[]; idOfKey: Map<string, string> }> {
  const keys = [...new Set(idKeys)];
  if (keys.length === 0) return { runs: [], idOfKey: new Map() };
  const mapping = await db.selectFrom('run_ids').select(['id_key', 'run_id']).where('id_key', 'in', keys).execute();
  // An id that is one run's canonical id wins over another run's bare W&B id.
  const idOfKey = new Map<string, string>();
  for (const m of mapping) if (!idOfKey.has(m.id_key) || m.run_id === m.id_key) idOfKey.set(m.id_key, m.run_id);
  const ids = [...new Set(idOfKey.values())];
  if (ids.length === 0) return { runs: [], idOfKey };
  const rows = await withPayloads(db).select(RUN_COLUMNS).where('r.id', 'in', ids).execute();
  const children = await childIdsOf(db, ids, childLimit);
  return { runs: rows.map((row) => toUnifiedRun(row, children.get(row.id) ?? [])), idOfKey };
}

/** The list query's tables by alias; `m` is the sorted metric or param, joined only when sorting by one. */
interface ListTables {
  r: RunTable;
  l: LineageRecordTable;
  e: ExperimentRecordTable;
  m: { run_id: string; key: string; value: number | string | null };
}
type ListQuery = SelectQueryBuilder<ListTables, 'r' | 'l' | 'e' | 'm', object>;

/** One page of runs in the asked order, filters and search applied in SQL; the caller never sees more than `limit + 1` rows. */
export async function pageOfRuns(db: Db, dialect: IndexDialect, query: RunPageQuery): Promise<RunPageResult> {
  const { sort } = query;
  let q = withPayloads(db) as unknown as ListQuery;
  if (sort.kind === 'metric' || sort.kind === 'param') {
    const table = sort.kind === 'metric' ? 'run_metrics' : 'run_params';
    q = (withPayloads(db).leftJoin(`${table} as m` as 'run_metrics as m', (j) => j.onRef('m.run_id', '=', 'r.id').on('m.key', '=', sort.key))) as unknown as ListQuery;
  }
  q = applyFilters(q, dialect, query);
  const value = sort.kind === 'metric' || sort.kind === 'param' ? sql<number | string | null>`m.value`
    : sort.kind === 'name' ? sql<string | null>`coalesce(r.run_name, r.job_name, r.id)` : sql<number>`r.sort_ms`;
  if (query.after) q = q.where(afterPosition(value, sort, query.after));
  const direction = sort.descending ? sql`desc` : sql`asc`;
  const rows = await q.select([...RUN_COLUMNS, value.as('sort_value')])
    // Nulls last in both dialects and both directions; then newest first and id, so the order is total.
    .orderBy(sql`case when ${value} is null then 1 else 0 end`)
    .orderBy(sql`${value} ${direction}`)
    .orderBy('r.sort_ms', 'desc')
    .orderBy('r.id')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const children = await childIdsOf(db, page.map((r) => r.id), 500);
  return {
    runs: page.map((row) => toUnifiedRun(row, children.get(row.id) ?? [])),
    positions: page.map((row) => ({ value: (row as { sort_value: number | string | null }).sort_value, sortMs: row.sort_ms, id: row.id })),
    more: rows.length > query.limit,
  };
}

function applyFilters(q: ListQuery, dialect: IndexDialect, query: RunPageQuery): ListQuery {
  let out = q;
  if (query.status) out = out.where('r.status', '=', query.status);
  if (query.job) out = out.where('r.stage', '=', query.job);
  if (query.experiment) out = out.where((eb) => eb.or([eb('r.experiment_name', '=', query.experiment!), eb('r.experiment_id', '=', query.experiment!)]));
  if (query.topLevel) out = out.where('r.parent_id', 'is', null);
  if (query.parentId) out = out.where('r.parent_id', '=', query.parentId);
  const needle = query.q?.trim().toLowerCase();
  if (needle) out = out.where(searchCondition(dialect, needle));
  return out;
}

const likePattern = (needle: string) => `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Substring search: SQLite's FTS5 trigram index answers needles of 3+ characters; shorter ones (and Postgres, via pg_trgm) use LIKE. */
function searchCondition(dialect: IndexDialect, needle: string) {
  if (dialect === 'sqlite' && [...needle].length >= 3) {
    const phrase = `"${needle.replaceAll('"', '""')}"`;
    return sql<boolean>`r.rowid in (select rowid from runs_search where runs_search match ${phrase})`;
  }
  return sql<boolean>`r.search like ${likePattern(needle)} escape '\\'`;
}

/** Rows strictly after `p` in the order (value with nulls last, then sort_ms desc, then id asc). */
function afterPosition(value: RawBuilder<unknown>, sort: RunSort, p: RunPosition): RawBuilder<boolean> {
  const tie = sql`(r.sort_ms < ${p.sortMs} or (r.sort_ms = ${p.sortMs} and r.id > ${p.id}))`;
  if (sort.kind === 'time') {
    // The value is sort_ms itself.
    return sort.descending ? sql<boolean>`${tie}` : sql<boolean>`(r.sort_ms > ${p.sortMs} or (r.sort_ms = ${p.sortMs} and r.id > ${p.id}))`;
  }
  if (p.value === null) return sql<boolean>`(${value} is null and ${tie})`;
  const beyond = sort.descending ? sql`${value} < ${p.value}` : sql`${value} > ${p.value}`;
  return sql<boolean>`(${value} is null or ${beyond} or (${value} = ${p.value} and ${tie}))`;
}

/** Every indexed run's count, and the ones matching nothing but the search; cheap (an index scan). */
export async function countRuns(db: Db, dialect: IndexDialect, query: Omit<RunPageQuery, 'limit' | 'after' | 'sort'>): Promise<number> {
  const q = applyFilters(withPayloads(db) as unknown as ListQuery, dialect, { ...query, limit: 0, after: null, sort: { kind: 'time', descending: true } });
  const row = await q.select(sql<number>`count(*)`.as('n')).executeTakeFirst();
  return Number((row as { n: number | string } | undefined)?.n ?? 0);
}

/** Distinct values for the filter and column pickers, most common first, bounded. */
export async function listChoices(db: Db, limit = 200): Promise<{ jobs: string[]; experiments: string[]; metricKeys: string[]; paramKeys: string[] }> {
  const distinct = async (table: 'runs' | 'run_metrics' | 'run_params', column: 'stage' | 'experiment_name' | 'key') => {
    const rows = await db.selectFrom(table).select(sql<string>`${sql.ref(column)}`.as('v')).where(sql.ref(column), 'is not', null)
      .groupBy(sql.ref(column)).orderBy(sql`count(*)`, 'desc').limit(limit).execute();
    return rows.map((r) => r.v).sort((a, b) => a.localeCompare(b));
  };
  const [jobs, experiments, metricKeys, paramKeys] = await Promise.all([
    distinct('runs', 'stage'), distinct('runs', 'experiment_name'), distinct('run_metrics', 'key'), distinct('run_params', 'key'),
  ]);
  return { jobs, experiments, metricKeys, paramKeys };
}

/** Canonical ids of runs whose lineage read this dataset (any version), newest first; and how many there are. */
export async function readersOfDataset(db: Db, namespace: string, name: string, limit: number): Promise<{ ids: string[]; total: number }> {
  const base = db.selectFrom('record_datasets as d')
    .innerJoin('runs as r', (j) => j.onRef('r.lineage_source', '=', 'd.source').onRef('r.lineage_key', '=', 'd.run_key'))
    .where('d.side', '=', 'lineage').where('d.direction', '=', 'input').where('d.namespace', '=', namespace).where('d.name', '=', name);
  const [rows, count] = await Promise.all([
    base.select('r.id').distinct().orderBy('r.id').limit(limit * 4).execute(),
    base.select(sql<number>`count(distinct r.id)`.as('n')).executeTakeFirst(),
  ]);
  const ids = [...new Set(rows.map((r) => r.id))];
  const ordered = ids.length === 0 ? [] : await db.selectFrom('runs').select('id').where('id', 'in', ids).orderBy('sort_ms', 'desc').limit(limit).execute();
  return { ids: ordered.map((r) => r.id), total: Number(count?.n ?? 0) };
}

/** The earliest start of a lineage run that read each exact version: how a raw input's versions are dated. */
export async function firstReadTimes(db: Db, versions: ReadonlyArray<{ namespace: string; name: string; version: string }>): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const v of versions.slice(0, 500)) {
    const row = await db.selectFrom('record_datasets as d')
      .innerJoin('lineage_records as l', (j) => j.onRef('l.source', '=', 'd.source').onRef('l.run_key', '=', 'd.run_key'))
      .select(sql<number | null>`min(l.started_ms)`.as('first'))
      .where('d.side', '=', 'lineage').where('d.direction', '=', 'input')
      .where('d.namespace', '=', v.namespace).where('d.name', '=', v.name).where('d.version', '=', v.version)
      .executeTakeFirst();
    if (row?.first !== null && row?.first !== undefined) out.set(`${v.namespace}\u0000${v.name}\u0000${v.version}`, Number(row.first));
  }
  return out;
}


/** The lineage run (its OpenLineage runId) that wrote each exact version, keyed `namespace␀name␀version`. */
export async function writersOfVersions(db: Db, versions: ReadonlyArray<{ namespace: string; name: string; version: string }>): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const v of versions.slice(0, 500)) {
    const row = await db.selectFrom('record_datasets as d')
      .innerJoin('lineage_records as l', (j) => j.onRef('l.source', '=', 'd.source').onRef('l.run_key', '=', 'd.run_key'))
      .select('l.run_id')
      .where('d.side', '=', 'lineage').where('d.direction', '=', 'output')
      .where('d.namespace', '=', v.namespace).where('d.name', '=', v.name).where('d.version', '=', v.version)
      .orderBy('l.started_ms').limit(1)
      .executeTakeFirst();
    if (row) out.set(`${v.namespace}\u0000${v.name}\u0000${v.version}`, row.run_id);
  }
  return out;
}
