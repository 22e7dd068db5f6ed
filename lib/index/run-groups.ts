import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { RunSort } from './run-page';
import type { IndexDatabase } from './schema';

type Db = Kysely<IndexDatabase>;

/** Stages listed under one pipeline execution at most; the row says how many there are and links to all. */
export const STAGES_PER_PARENT = 25;

/** The stages a page shows under one parent, in the list's order, and how many it has in all. */
export interface StageIds {
  ids: string[];
  total: number;
}

interface OrderKey {
  expr: RawBuilder<unknown>;
  descending: boolean;
}

/** The list's order applied to one parent's stages: by the sort value (runs without one last), then newest, then id. */
function stageOrder(sort: RunSort): { join: RawBuilder<unknown>; keys: OrderKey[] } {
  const id = { expr: sql`r.id`, descending: false };
  // Ties in time go by id against the time's direction, so either direction is one walk of (parent_id, sort_ms desc, id).
  if (sort.kind === 'time') return { join: sql``, keys: [{ expr: sql`r.sort_ms`, descending: sort.descending }, { ...id, descending: !sort.descending }] };
  if (sort.kind === 'name') return { join: sql``, keys: [{ expr: sql`coalesce(r.run_name, r.job_name, r.id)`, descending: sort.descending }, id] };
  const table = sql.table(sort.kind === 'metric' ? 'run_metrics' : 'run_params');
  return {
    join: sql`left join ${table} v on v.run_id = r.id and v.key = ${sort.key} and v.value is not null`,
    keys: [
      { expr: sql`case when v.value is null then 1 else 0 end`, descending: false },
      { expr: sql`v.value`, descending: sort.descending },
      { expr: sql`r.sort_ms`, descending: true },
      id,
    ],
  };
}

const orderBy = (keys: OrderKey[], name: (k: OrderKey, i: number) => RawBuilder<unknown>) =>
  sql.join(keys.map((k, i) => sql`${name(k, i)} ${k.descending ? sql`desc` : sql`asc`}`));

/**
 * The first `perParent` stages of each parent, sorted as the list is, and each parent's stage count. One
 * statement per answer: a `union all` of one limited, index-served subquery per parent, so a parent with
 * 100,000 stages costs what one with 25 does (plus its count, read from the parent_id index alone; a
 * metric or param sort reads each of its stages' value once).
 */
export async function stagesOfParents(db: Db, parentIds: readonly string[], sort: RunSort, perParent = STAGES_PER_PARENT): Promise<Map<string, StageIds>> {
  const out = new Map<string, StageIds>();
  if (parentIds.length === 0) return out;
  const counts = await sql<{ parent_id: string; n: number | string }>`select parent_id, count(*) as n from runs
    where parent_id in (${sql.join([...parentIds])}) group by parent_id`.execute(db);
  const parents = counts.rows.filter((row) => Number(row.n) > 0);
  for (const row of parents) out.set(row.parent_id, { ids: [], total: Number(row.n) });
  if (parents.length === 0) return out;
  const { join, keys } = stageOrder(sort);
  const selected = sql.join(keys.map((k, i) => sql`${k.expr} as ${sql.ref(`k${i}`)}`));
  const inner = orderBy(keys, (k) => k.expr);
  const outer = orderBy(keys, (_, i) => sql.ref(`k${i}`));
  // Each parent's stages come limited from the index; the union is then put in the same order again (at most
  // perParent rows a parent), which costs far less to prepare than numbering rows inside each piece.
  const pieces = parents.map((p, i) => sql`select * from (select ${sql.lit(i)} as grp, r.id, r.parent_id, ${selected} from runs r ${join}
    where r.parent_id = ${p.parent_id} order by ${inner} limit ${perParent}) as ${sql.raw(`l${i}`)}`);
  const { rows } = await sql<{ id: string; parent_id: string }>`select * from (${sql.join(pieces, sql` union all `)}) as u order by grp, ${outer}`.execute(db);
  for (const row of rows) out.get(row.parent_id)?.ids.push(row.id);
  return out;
}

/** Top-level runs and stages (runs whose parent is indexed): a plain count of runs, and a range of the parent_id index. */
export async function countRunsAndStages(db: Db): Promise<{ topLevel: number; stages: number }> {
  const { rows } = await sql<{ runs: number | string; stages: number | string }>`select (select count(*) from runs) as runs,
    (select count(*) from runs where parent_id is not null) as stages`.execute(db);
  const runs = Number(rows[0]?.runs ?? 0);
  const stages = Number(rows[0]?.stages ?? 0);
  return { topLevel: runs - stages, stages };
}
