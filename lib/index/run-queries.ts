import { sql, type Kysely } from 'kysely';
import type { UnifiedRun } from '@/lib/model';
import { runsByIds } from './run-rows';
import type { IndexDatabase } from './schema';

type Db = Kysely<IndexDatabase>;

/** Runs by any id a user may paste (their idKeys), each once, with their children's ids. */
export async function runsByIdKeys(db: Db, idKeys: readonly string[]): Promise<{ runs: UnifiedRun[]; idOfKey: Map<string, string> }> {
  const keys = [...new Set(idKeys)];
  if (keys.length === 0) return { runs: [], idOfKey: new Map() };
  const mapping = await db.selectFrom('run_ids').select(['id_key', 'run_id']).where('id_key', 'in', keys).execute();
  // An id that is one run's canonical id wins over another run's bare W&B id.
  const idOfKey = new Map<string, string>();
  for (const m of mapping) if (!idOfKey.has(m.id_key) || m.run_id === m.id_key) idOfKey.set(m.id_key, m.run_id);
  return { runs: await runsByIds(db, [...new Set(idOfKey.values())]), idOfKey };
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
