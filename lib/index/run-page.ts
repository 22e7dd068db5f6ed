import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { UnifiedRun } from '@/lib/model';
import type { IndexDialect } from './open';
import { runsByIds } from './run-rows';
import type { IndexDatabase } from './schema';

type Db = Kysely<IndexDatabase>;

/** A sort the list understands: newest first by default, or by one metric, param or the run's name. */
export type RunSort =
  | { kind: 'time'; descending: boolean }
  | { kind: 'metric' | 'param'; key: string; descending: boolean }
  | { kind: 'name'; descending: boolean };

export interface RunFilters {
  q?: string;
  status?: string;
  job?: string;
  experiment?: string;
  /** Only runs with no parent (pipeline executions and standalone runs). */
  topLevel?: boolean;
  parentId?: string;
}

export interface RunPageQuery extends RunFilters {
  limit: number;
  /** The keyset position after which the page starts (from the previous page's last row). */
  after: RunPosition | null;
  sort: RunSort;
}

/** Where a row sits in the order: its sort value (null: it has none and sorts last), start time and id. */
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

const likePattern = (needle: string) => `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Substring search: SQLite's FTS5 trigram index answers needles of 3+ characters; shorter ones (and Postgres, via pg_trgm) use LIKE. */
function searchCondition(dialect: IndexDialect, needle: string): RawBuilder<boolean> {
  if (dialect === 'sqlite' && [...needle].length >= 3) {
    const phrase = `"${needle.replaceAll('"', '""')}"`;
    return sql<boolean>`r.rowid in (select rowid from runs_search where runs_search match ${phrase})`;
  }
  return sql<boolean>`r.search like ${likePattern(needle)} escape '\\'`;
}

/** The filters as one SQL condition over `runs r` (every one served by an index). */
function filterCondition(dialect: IndexDialect, f: RunFilters): RawBuilder<boolean> {
  const parts: RawBuilder<unknown>[] = [sql`1 = 1`];
  if (f.status) parts.push(sql`r.status = ${f.status}`);
  if (f.job) parts.push(sql`r.stage = ${f.job}`);
  if (f.experiment) parts.push(sql`(r.experiment_name = ${f.experiment} or r.experiment_id = ${f.experiment})`);
  // Written so no index serves it: top-level runs are many (a fifth to all of the index), and picking them by the
  // parent_id index means sorting them all, where walking the sort's own index (newest, a metric) stops after a page.
  if (f.topLevel) parts.push(sql`(r.parent_id || '') is null`);
  if (f.parentId) parts.push(sql`r.parent_id = ${f.parentId}`);
  // Control characters (NUL, newlines pasted along) are never part of an id or a name: they are spaces here.
  const needle = f.q?.replace(/\p{Cc}/gu, ' ').trim().toLowerCase();
  if (needle) parts.push(searchCondition(dialect, needle));
  return sql<boolean>`(${sql.join(parts, sql` and `)})`;
}

interface Positioned {
  id: string;
  sort_ms: number;
  value: number | string | null;
}

/** Newest (or oldest) first, ties by id: the runs_newest index in either direction. */
async function byTime(db: Db, where: RawBuilder<boolean>, q: RunPageQuery, n: number): Promise<Positioned[]> {
  const a = q.after;
  const desc = q.sort.descending;
  const after = a === null ? sql`1 = 1`
    : desc ? sql`(r.sort_ms < ${a.sortMs} or (r.sort_ms = ${a.sortMs} and r.id > ${a.id}))`
      : sql`(r.sort_ms > ${a.sortMs} or (r.sort_ms = ${a.sortMs} and r.id > ${a.id}))`;
  const { rows } = await sql<Positioned>`select r.id, r.sort_ms, null as value from runs r where ${where} and ${after}
    order by r.sort_ms ${desc ? sql`desc` : sql`asc`}, r.id asc limit ${n}`.execute(db);
  return rows;
}

/** The name a person reads (run name, else job, else id): the expression of the runs_name_sort index (migration 0007). */
export const NAME_SORT = sql`coalesce(r.run_name, r.job_name, r.id)`;

/** By the name a person reads, ties by id. */
async function byName(db: Db, where: RawBuilder<boolean>, q: RunPageQuery, n: number): Promise<Positioned[]> {
  const name = NAME_SORT;
  const a = q.after;
  const beyond = q.sort.descending ? sql`<` : sql`>`;
  const after = a === null ? sql`1 = 1` : sql`(${name} ${beyond} ${a.value} or (${name} = ${a.value} and r.id > ${a.id}))`;
  const { rows } = await sql<Positioned>`select r.id, r.sort_ms, ${name} as value from runs r where ${where} and ${after}
    order by ${name} ${q.sort.descending ? sql`desc` : sql`asc`}, r.id asc limit ${n}`.execute(db);
  return rows;
}

/**
 * By one metric's latest value or one param: walked along the (key, value, run_id) index, so a page
 * costs the same at any size; then the runs without it (or with NaN/±Infinity), newest first.
 */
async function byValue(db: Db, where: RawBuilder<boolean>, q: RunPageQuery & { sort: { kind: 'metric' | 'param'; key: string } }, n: number): Promise<Positioned[]> {
  const table = sql.table(q.sort.kind === 'metric' ? 'run_metrics' : 'run_params');
  const desc = q.sort.descending;
  const a = q.after;
  const rows: Positioned[] = [];
  if (a === null || a.value !== null) {
    const beyond = desc ? sql`<` : sql`>`;
    const after = a === null ? sql`1 = 1` : sql`(m.value ${beyond} ${a.value} or (m.value = ${a.value} and m.run_id ${beyond} ${a.id}))`;
    const direction = desc ? sql`desc` : sql`asc`;
    const valued = await sql<Positioned>`select r.id, r.sort_ms, m.value as value from ${table} m join runs r on r.id = m.run_id
      where m.key = ${q.sort.key} and m.value is not null and ${where} and ${after}
      order by m.value ${direction}, m.run_id ${direction} limit ${n}`.execute(db);
    rows.push(...valued.rows);
  }
  if (rows.length < n) {
    const after = a === null || a.value !== null ? sql`1 = 1` : sql`(r.sort_ms < ${a.sortMs} or (r.sort_ms = ${a.sortMs} and r.id > ${a.id}))`;
    const without = await sql<Positioned>`select r.id, r.sort_ms, null as value from runs r
      where not exists (select 1 from ${table} x where x.run_id = r.id and x.key = ${q.sort.key} and x.value is not null) and ${where} and ${after}
      order by r.sort_ms desc, r.id asc limit ${n - rows.length}`.execute(db);
    rows.push(...without.rows);
  }
  return rows;
}

/** One page of the runs list: the order's keyset query picks at most `limit + 1` ids, then those runs are read by id. */
export async function pageOfRuns(db: Db, dialect: IndexDialect, query: RunPageQuery): Promise<RunPageResult> {
  const where = filterCondition(dialect, query);
  const n = query.limit + 1;
  const { sort } = query;
  const picked = sort.kind === 'time' ? await byTime(db, where, query, n)
    : sort.kind === 'name' ? await byName(db, where, query, n)
      : await byValue(db, where, { ...query, sort }, n);
  const page = picked.slice(0, query.limit);
  return {
    runs: await runsByIds(db, page.map((r) => r.id)),
    positions: page.map((r) => ({ value: r.value, sortMs: Number(r.sort_ms), id: r.id })),
    more: picked.length > query.limit,
  };
}

/** How many runs match the filters: an index count, no payload read. */
export async function countRuns(db: Db, dialect: IndexDialect, filters: RunFilters): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from runs r where ${filterCondition(dialect, filters)}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}
