import type { Kysely, Transaction } from 'kysely';
import type { ExperimentRun, LineageRun, RunDataset } from '@/lib/model';
import type { IndexDatabase } from './schema';

type Db = Kysely<IndexDatabase> | Transaction<IndexDatabase>;

/** Dataset versions looked up per query (SQLite bounds bound parameters per statement). */
const KEYS_PER_QUERY = 100;

/** Whether the run's `inputs` is a block of a longer list (a record keeps its first inputs: payload.ts STORED_INPUTS). */
export const holdsPartOfInputs = (run: LineageRun): boolean => (run.inputsTotal ?? run.inputs.length) > run.inputs.length;

/** An input as its row keeps it: name, version and producer; facets and statistics are kept for the first inputs only. */
const inputOf = (row: { namespace: string; name: string; version: string | null; produced_by_run_id: string | null }): RunDataset => ({
  namespace: row.namespace, name: row.name, version: row.version, facets: {}, ioFacets: {}, rowCount: null, size: null, producedByRunId: row.produced_by_run_id,
});

/** The record's input rows; `key` is its run_key (lib/join lineageRecordKeys). */
const inputRows = (db: Db, run: LineageRun, key: string) => db.selectFrom('record_datasets')
  .select(['namespace', 'name', 'version', 'produced_by_run_id', 'position'])
  .where('run_key', '=', key).where('source', '=', run.source).where('side', '=', 'lineage').where('direction', '=', 'input');

/**
 * The run with `inputs` the block of at most `limit` of its whole input list from `offset`, read from its rows by
 * position (`inputsFrom` says where the block starts); a run whose record holds that block already is returned as is.
 */
export async function withInputsBlock(db: Db, run: LineageRun, key: string, offset: number, limit: number): Promise<LineageRun> {
  const from = run.inputsFrom ?? 0;
  const total = run.inputsTotal ?? run.inputs.length;
  const start = Math.max(0, Math.min(offset, total - 1));
  if (!holdsPartOfInputs(run) || (start >= from && Math.min(start + limit, total) <= from + run.inputs.length)) return run;
  const rows = await inputRows(db, run, key).where('position', '>=', start).orderBy('position').limit(limit).execute();
  return { ...run, inputs: rows.map(inputOf), inputsFrom: start, inputsTotal: total };
}

/** Rows read per query when a whole input list is read back. */
const ROWS_PER_READ = 5_000;

/**
 * The run with its whole input list: the record's first inputs, then every other one from its rows by position
 * (name, version, producer), read ROWS_PER_READ at a time. For views that compare or list them all (compare, audit).
 */
export async function withAllInputs(db: Db, run: LineageRun, key: string): Promise<LineageRun> {
  if (!holdsPartOfInputs(run) || (run.inputsFrom ?? 0) !== 0) return run;
  const inputs = [...run.inputs];
  const total = run.inputsTotal ?? inputs.length;
  while (inputs.length < total) {
    const rows = await inputRows(db, run, key).where('position', '>=', inputs.length).orderBy('position').limit(ROWS_PER_READ).execute();
    if (rows.length === 0) break;
    for (const row of rows) inputs.push(inputOf(row));
  }
  return { ...run, inputs, inputsTotal: inputs.length };
}

/**
 * The bounded runs with the inputs their records left out that read a dataset version one of `experimentRuns` logged
 * appended: all the `dataset` rule compares (lib/join/dataset-suggestion.ts), looked up by version, not read whole.
 */
export async function withSharedInputs(db: Db, runs: readonly LineageRun[], keyOf: (run: LineageRun) => string, experimentRuns: readonly ExperimentRun[]): Promise<LineageRun[]> {
  const logged = [...new Map(experimentRuns.flatMap((e) => e.datasets.flatMap((d) => (d.namespace && d.olName && d.digest
    ? [[`${d.namespace}\u0000${d.olName}\u0000${d.digest}`, { namespace: d.namespace, name: d.olName, version: d.digest }] as const] : [])))).values()];
  if (logged.length === 0) return [...runs];
  const out: LineageRun[] = [];
  for (const run of runs) {
    if (!holdsPartOfInputs(run)) {
      out.push(run);
      continue;
    }
    const shared: Array<RunDataset & { position: number }> = [];
    const stored = (run.inputsFrom ?? 0) + run.inputs.length;
    for (let i = 0; i < logged.length; i += KEYS_PER_QUERY) {
      const keys = logged.slice(i, i + KEYS_PER_QUERY);
      const rows = await inputRows(db, run, keyOf(run)).where('position', '>=', stored)
        .where((eb) => eb.or(keys.map((k) => eb.and([eb('namespace', '=', k.namespace), eb('name', '=', k.name), eb('version', '=', k.version)]))))
        .execute();
      for (const row of rows) shared.push({ ...inputOf(row), position: row.position ?? 0 });
    }
    shared.sort((a, b) => a.position - b.position);
    out.push({ ...run, inputs: [...run.inputs, ...shared.map(({ position: _, ...d }) => d)] });
  }
  return out;
}
