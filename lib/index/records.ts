import { sql, SqliteAdapter, type Kysely, type Transaction } from 'kysely';
import { experimentRunKey, type ExperimentRun, type LineageRun } from '@/lib/model';
import { decodeExperimentRun, decodeLineageRunOffThread, digestOf, encodeExperimentRun, finiteMs, lineagePayload } from './payload';
import type { IndexDatabase, RecordDatasetTable } from './schema';

type Db = Kysely<IndexDatabase> | Transaction<IndexDatabase>;

/** A link the record's own evidence names (lib/join derives it; the index only stores it). */
export interface EvidenceLink {
  rule: string;
  lineageKey: string;
  experimentKey: string;
}

/** A source record with the keys lib/join gives it: its own key, its parent's, and its link evidence. */
export interface RecordWrite<R> {
  run: R;
  /** The source's pass carrying it (see removeUnseen). */
  pass: number;
  key: string;
  parentKey: string | null;
  evidence: EvidenceLink[];
}

export interface RecordRef {
  side: 'lineage' | 'experiment';
  source: string;
  key: string;
}

/** SQLite limits bound parameters per statement; rows are inserted in chunks that stay well under it. */
const ROWS_PER_INSERT = 100;

async function insertChunked<T extends keyof IndexDatabase>(db: Db, table: T, rows: readonly Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows are built for this table by the callers below
    await db.insertInto(table).values(rows.slice(i, i + ROWS_PER_INSERT) as any).execute();
  }
}

function evidenceRows(owner: RecordRef, evidence: readonly EvidenceLink[]) {
  return evidence.map((e) => ({ owner_side: owner.side, owner_source: owner.source, owner_key: owner.key, rule: e.rule, lineage_key: e.lineageKey, experiment_key: e.experimentKey }));
}

type RecordDatasetRow = Omit<RecordDatasetTable, 'side' | 'source' | 'run_key' | 'position' | 'produced_by_run_id'> & Partial<Pick<RecordDatasetTable, 'position' | 'produced_by_run_id'>>;

/** A record's datasets, in lists, each item made into its row a chunk at a time (a run may read 100,000). */
interface DatasetLists<T> {
  lists: ReadonlyArray<readonly T[]>;
  row: (item: T, list: number, position: number) => RecordDatasetRow;
}

/**
 * Rows per statement of a long list on SQLite, handed over as one JSON text (see insertAsJson): one statement holds
 * the event loop, and 2,000 rows into record_datasets' indexes took 30–45 ms on a busy machine.
 */
const ROWS_PER_JSON_INSERT = 1_000;

/**
 * A long list's rows inserted from one JSON text per ROWS_PER_JSON_INSERT (SQLite's json_each): built by the query
 * builder, 100 rows a statement, a 100,000-input run's rows made ~100 MB of short-lived objects, the peak of its fold.
 */
async function insertAsJson(db: Db, owner: RecordRef, rows: readonly RecordDatasetRow[]): Promise<void> {
  const json = JSON.stringify(rows.map((r) => [r.namespace, r.name, r.version, r.direction, r.started_ms, r.time_ms, r.position ?? null, r.produced_by_run_id ?? null]));
  await sql`INSERT INTO record_datasets (side, source, run_key, namespace, name, version, direction, started_ms, time_ms, position, produced_by_run_id)
    SELECT ${owner.side}, ${owner.source}, ${owner.key}, value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, value ->> 7
    FROM json_each(${json})`.execute(db);
}

async function replaceSideRows<T>(db: Db, owner: RecordRef, evidence: readonly EvidenceLink[], datasets: DatasetLists<T>): Promise<void> {
  await db.deleteFrom('evidence').where('owner_side', '=', owner.side).where('owner_source', '=', owner.source).where('owner_key', '=', owner.key).execute();
  await db.deleteFrom('record_datasets').where('side', '=', owner.side).where('source', '=', owner.source).where('run_key', '=', owner.key).execute();
  await insertChunked(db, 'evidence', evidenceRows(owner, evidence));
  const side = { side: owner.side, source: owner.source, run_key: owner.key };
  const asJson = db.getExecutor().adapter instanceof SqliteAdapter;
  for (const [n, list] of datasets.lists.entries()) {
    const step = asJson && list.length > ROWS_PER_JSON_INSERT ? ROWS_PER_JSON_INSERT : ROWS_PER_INSERT;
    for (let i = 0; i < list.length; i += step) {
      const rows = list.slice(i, i + step).map((item, j) => datasets.row(item, n, i + j));
      if (step === ROWS_PER_JSON_INSERT) await insertAsJson(db, owner, rows);
      else await insertChunked(db, 'record_datasets', rows.map((row) => ({ ...row, ...side })));
    }
  }
}

const NO_DATASETS: DatasetLists<RecordDatasetRow> = { lists: [], row: (d) => d };

/** Writes lineage runs; returns the refs of those that are new or changed (unchanged ones are skipped by digest). */
export async function upsertLineageRecords(db: Db, writes: readonly RecordWrite<LineageRun>[]): Promise<RecordRef[]> {
  const changed: RecordRef[] = [];
  for (const { run, key, parentKey, evidence, pass } of writes) {
    const { payload, digest } = await lineagePayload(run);
    const ref: RecordRef = { side: 'lineage', source: run.source, key };
    const existing = await db.selectFrom('lineage_records').select(['digest', 'pass']).where('source', '=', ref.source).where('run_key', '=', ref.key).executeTakeFirst();
    if (existing?.digest === digest) {
      if (existing.pass !== pass) await db.updateTable('lineage_records').set({ pass }).where('source', '=', ref.source).where('run_key', '=', ref.key).execute();
      continue;
    }
    const row = {
      source: ref.source, run_key: ref.key, run_id: run.runId, job_namespace: run.job.namespace, job_name: run.job.name, state: run.state,
      started_ms: finiteMs(run.startedAt), ended_ms: finiteMs(run.endedAt), parent_key: parentKey, digest, pass, payload,
    };
    await db.insertInto('lineage_records').values(row).onConflict((oc) => oc.columns(['source', 'run_key']).doUpdateSet(row)).execute();
    const [started, time] = [row.started_ms, row.ended_ms ?? row.started_ms];
    await replaceSideRows(db, ref, evidence, {
      lists: [run.inputs, run.outputs],
      row: (d, n, position) => ({
        namespace: d.namespace, name: d.name, version: d.version, direction: n === 0 ? 'input' : 'output', started_ms: started, time_ms: time,
        position, produced_by_run_id: d.producedByRunId,
      }),
    });
    changed.push(ref);
  }
  return changed;
}

/** Writes experiment runs; returns the refs of those that are new or changed. */
export async function upsertExperimentRecords(db: Db, writes: readonly RecordWrite<ExperimentRun>[]): Promise<RecordRef[]> {
  const changed: RecordRef[] = [];
  for (const { run, key, parentKey, evidence, pass } of writes) {
    const payload = encodeExperimentRun(run);
    const digest = digestOf(payload);
    const ref: RecordRef = { side: 'experiment', source: run.source, key };
    const existing = await db.selectFrom('experiment_records').select(['digest', 'pass']).where('source', '=', ref.source).where('run_key', '=', ref.key).executeTakeFirst();
    if (existing?.digest === digest) {
      if (existing.pass !== pass) await db.updateTable('experiment_records').set({ pass }).where('source', '=', ref.source).where('run_key', '=', ref.key).execute();
      continue;
    }
    const row = {
      source: ref.source, run_key: ref.key, run_id: experimentRunKey(run), experiment_id: run.experimentId, experiment_name: run.experimentName,
      run_name: run.runName, status: run.status, start_ms: run.startTime, end_ms: run.endTime, parent_key: parentKey, digest, pass, payload,
    };
    await db.insertInto('experiment_records').values(row).onConflict((oc) => oc.columns(['source', 'run_key']).doUpdateSet(row)).execute();
    const datasets = run.datasets.flatMap((d) => (d.namespace && d.olName
      ? [{ namespace: d.namespace, name: d.olName, version: d.digest, direction: d.context === 'output' ? 'output' as const : 'input' as const, started_ms: null, time_ms: null }]
      : []));
    await replaceSideRows(db, ref, evidence, { lists: [datasets], row: (d) => d });
    changed.push(ref);
  }
  return changed;
}

/**
 * After a complete pass over a source: its records that the pass did not carry are gone upstream.
 * Removed in bounded chunks; returns their refs so their runs are re-joined. (`pass < n or pass > n`:
 * two ranges of the (source, pass) index, where `pass != n` reads every row of the source.)
 */
export async function removeUnseen(db: Db, source: string, pass: number, limit = 5_000): Promise<RecordRef[]> {
  const gone: RecordRef[] = [];
  for (const side of ['lineage', 'experiment'] as const) {
    const table = side === 'lineage' ? 'lineage_records' : 'experiment_records';
    const rows = await db.selectFrom(table).select('run_key').where('source', '=', source).where((eb) => eb.or([eb('pass', '<', pass), eb('pass', '>', pass)])).limit(limit).execute();
    for (const { run_key: key } of rows) {
      const ref: RecordRef = { side, source, key };
      await db.deleteFrom(table).where('source', '=', source).where('run_key', '=', key).execute();
      await replaceSideRows(db, ref, [], NO_DATASETS);
      gone.push(ref);
    }
  }
  return gone;
}

export async function loadLineageRecords(db: Db, keys: readonly string[]): Promise<LineageRun[]> {
  if (keys.length === 0) return [];
  const rows = await db.selectFrom('lineage_records').select('payload').where('run_key', 'in', [...keys]).execute();
  const runs: LineageRun[] = [];
  for (const row of rows) runs.push(await decodeLineageRunOffThread(row.payload));
  return runs;
}

export async function loadExperimentRecords(db: Db, keys: readonly string[]): Promise<ExperimentRun[]> {
  if (keys.length === 0) return [];
  const rows = await db.selectFrom('experiment_records').select('payload').where('run_key', 'in', [...keys]).execute();
  return rows.map((r) => decodeExperimentRun(r.payload));
}
