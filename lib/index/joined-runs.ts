import type { Kysely, Transaction } from 'kysely';
import { experimentRunKey, type UnifiedRun } from '@/lib/model';
import { runEndMs, runSortTime, runStartMs, runStatus } from '@/lib/model/run-fields';
import type { IndexDatabase } from './schema';

type Db = Kysely<IndexDatabase> | Transaction<IndexDatabase>;

/** A joined run and the keys lib/join gave its sides and its parent, ready to be written. */
export interface JoinedRunWrite {
  run: UnifiedRun;
  lineageKey: string | null;
  experimentKey: string | null;
  parentLineageKey: string | null;
  parentExperimentKey: string | null;
  /** idKeys of every id a user may paste for this run. */
  idKeys: string[];
}

const ROWS_PER_INSERT = 100;

function searchText(run: UnifiedRun): string {
  const { lineage, experiment } = run;
  return [run.id, lineage?.runId, lineage?.job.namespace, lineage?.job.name, experiment?.runId, experiment && experimentRunKey(experiment),
    experiment?.runName, experiment?.experimentName].filter((v): v is string => typeof v === 'string' && v !== '').join('\n').toLowerCase();
}

function runRow(w: JoinedRunWrite) {
  const { run } = w;
  return {
    id: run.id,
    lineage_source: run.lineage?.source ?? null,
    lineage_key: w.lineageKey,
    experiment_source: run.experiment?.source ?? null,
    experiment_key: w.experimentKey,
    job_namespace: run.lineage?.job.namespace ?? null,
    job_name: run.lineage?.job.name ?? null,
    experiment_id: run.experiment?.experimentId ?? null,
    experiment_name: run.experiment?.experimentName ?? null,
    run_name: run.experiment?.runName ?? null,
    stage: run.lineage?.job.name ?? run.experiment?.tags.stage ?? null,
    status: runStatus(run),
    sort_ms: runSortTime(run),
    start_ms: runStartMs(run),
    end_ms: runEndMs(run),
    parent_id: null,
    parent_lineage_key: w.parentLineageKey,
    parent_experiment_key: w.parentExperimentKey,
    link: run.link === null ? null : JSON.stringify(run.link),
    notes: JSON.stringify(run.notes),
    search: searchText(run),
  };
}

async function insertRows<T extends keyof IndexDatabase>(db: Db, table: T, rows: readonly Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows are built for this table below
    await db.insertInto(table).values(rows.slice(i, i + ROWS_PER_INSERT) as any).execute();
  }
}

/** The joined runs that hold any of these record keys: their pairing is about to be recomputed. */
export async function runsHoldingKeys(db: Db, lineageKeys: readonly string[], experimentKeys: readonly string[]) {
  if (lineageKeys.length === 0 && experimentKeys.length === 0) return [];
  return db.selectFrom('runs').select(['id', 'lineage_key', 'experiment_key'])
    .where((eb) => eb.or([
      ...(lineageKeys.length > 0 ? [eb('lineage_key', 'in', [...lineageKeys])] : []),
      ...(experimentKeys.length > 0 ? [eb('experiment_key', 'in', [...experimentKeys])] : []),
    ]))
    .execute();
}

/**
 * Replaces the joined runs holding these record keys by the new join of those records. Parents are
 * resolved by key, and children that named one of these runs as parent are pointed at its (new) id.
 */
export async function replaceJoinedRuns(db: Db, lineageKeys: readonly string[], experimentKeys: readonly string[], writes: readonly JoinedRunWrite[]): Promise<void> {
  const old = await runsHoldingKeys(db, lineageKeys, experimentKeys);
  const oldIds = old.map((r) => r.id);
  for (let i = 0; i < oldIds.length; i += ROWS_PER_INSERT) {
    const chunk = oldIds.slice(i, i + ROWS_PER_INSERT);
    await db.deleteFrom('runs').where('id', 'in', chunk).execute();
    await db.deleteFrom('run_ids').where('run_id', 'in', chunk).execute();
    await db.deleteFrom('run_metrics').where('run_id', 'in', chunk).execute();
    await db.deleteFrom('run_params').where('run_id', 'in', chunk).execute();
    await db.updateTable('runs').set({ parent_id: null }).where('parent_id', 'in', chunk).execute();
  }
  await insertRows(db, 'runs', writes.map(runRow));
  await insertRows(db, 'run_ids', writes.flatMap((w) => [...new Set(w.idKeys)].map((id_key) => ({ id_key, run_id: w.run.id }))));
  await insertRows(db, 'run_metrics', writes.flatMap((w) => Object.entries(w.run.experiment?.metrics ?? {})
    .map(([key, p]) => ({ run_id: w.run.id, key, value: Number.isFinite(p.value) ? p.value : null }))));
  await insertRows(db, 'run_params', writes.flatMap((w) => Object.entries(w.run.experiment?.params ?? {}).map(([key, value]) => ({ run_id: w.run.id, key, value }))));
  for (const w of writes) await linkParent(db, w);
}

/** nestRuns' rule, by key: the OpenLineage parent when that run is indexed, else the MLflow parent tag's. */
async function linkParent(db: Db, w: JoinedRunWrite): Promise<void> {
  const byLineage = w.parentLineageKey === null ? undefined
    : await db.selectFrom('runs').select('id').where('lineage_key', '=', w.parentLineageKey).executeTakeFirst();
  const byExperiment = byLineage || w.parentExperimentKey === null ? undefined
    : await db.selectFrom('runs').select('id').where('experiment_key', '=', w.parentExperimentKey).executeTakeFirst();
  const parentId = (byLineage ?? byExperiment)?.id ?? null;
  if (parentId !== null && parentId !== w.run.id) await db.updateTable('runs').set({ parent_id: parentId }).where('id', '=', w.run.id).execute();
  // Children indexed before this run: the lineage parent always wins; the MLflow tag only where no lineage parent is indexed.
  if (w.lineageKey !== null) {
    await db.updateTable('runs').set({ parent_id: w.run.id }).where('parent_lineage_key', '=', w.lineageKey).where('id', '!=', w.run.id).execute();
  }
  if (w.experimentKey !== null) {
    await db.updateTable('runs').set({ parent_id: w.run.id }).where('parent_experiment_key', '=', w.experimentKey)
      .where('parent_id', 'is', null).where('id', '!=', w.run.id).execute();
  }
}
