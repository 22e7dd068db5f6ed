import type { Kysely, Transaction } from 'kysely';
import type { Dataset, DatasetLifecycleEvent, DatasetRef, DatasetVersion, Facets, Job, JobRef, LineageRun } from '@/lib/model';
import { digestOf, finiteMs } from './payload';
import type { IndexDatabase, LineageEdgeTable } from './schema';

type Db = Kysely<IndexDatabase> | Transaction<IndexDatabase>;

/** A job's or dataset's key in the index: namespace and name, unambiguous (Postgres text holds no NUL, so not refKey). */
export const entityKey = (ref: { namespace: string; name: string }): string => JSON.stringify([ref.namespace, ref.name]);

/** The namespace and name an entityKey was made of. */
export function refFromEntityKey(key: string): { namespace: string; name: string } {
  const [namespace, name] = JSON.parse(key) as [string, string];
  return { namespace, name };
}

/** What a job row keeps besides its columns; its runs and datasets live in `runs` and `lineage_edges`. */
export interface StoredJob {
  type: string | null;
  description: string | null;
  facets: Facets;
  /** The datasets of the newest report naming any (its latest run, or a JobEvent), bounded, with their counts. */
  inputs: DatasetRef[];
  outputs: DatasetRef[];
  inputsTotal: number;
  outputsTotal: number;
}

export interface StoredDataset {
  facets: Facets;
  lifecycle: DatasetLifecycleEvent[];
  aliases: DatasetRef[];
}

export interface StoredVersion {
  namespace: string;
  name: string;
  version: string | null;
  createdAt: string;
  facets: Facets;
  rowCount: number | null;
  /** Runs that read this version (their input's producer is its writer), newest reports merged; bounded. */
  consumedByRunIds: string[];
}

/** Lists kept inside one row stay this long at most (a hot dataset's lifecycle, a version's readers). */
export const MAX_ROW_LIST = 1_000;

const ROWS_PER_INSERT = 100;

/** A report at least as new as the stored one replaces it; facets merge by name, the newer report's winning. */
function newer(incomingMs: number | null, storedMs: number | null): boolean {
  return storedMs === null || (incomingMs !== null && incomingMs >= storedMs);
}

function mergeFacets(stored: Facets, incoming: Facets, incomingIsNewer: boolean): Facets {
  return incomingIsNewer ? { ...stored, ...incoming } : { ...incoming, ...stored };
}

const union = <T>(a: readonly T[], b: readonly T[], key: (t: T) => string): T[] => [...new Map([...a, ...b].map((t) => [key(t), t])).values()];

/**
 * Adds the job's edges (dataset→job for reads, job→dataset for writes) that the index lacks: the graph is the
 * union over every run and report of the job, as the lineage model draws it; they leave with the job.
 */
export async function addEdges(db: Db, source: string, job: JobRef, inputs: readonly DatasetRef[], outputs: readonly DatasetRef[]): Promise<void> {
  await insertEdges(db, edgeRows(source, job, inputs, outputs));
}

type EdgeRow = LineageEdgeTable;

/** A job's edge rows, made as they are inserted: all of a run reading 100,000 datasets at once was a long GC pause. */
function* edgeRows(source: string, job: JobRef, inputs: readonly DatasetRef[], outputs: readonly DatasetRef[]): Generator<EdgeRow> {
  const key = entityKey(job);
  for (const [direction, list] of [['input', inputs], ['output', outputs]] as const) {
    for (const d of list) yield { source, job_key: key, dataset_key: entityKey(d), dataset_namespace: d.namespace, dataset_name: d.name, direction };
  }
}

async function insertEdges(db: Db, rows: Iterable<EdgeRow>): Promise<void> {
  const insert = (chunk: EdgeRow[]) => db.insertInto('lineage_edges').values(chunk)
    .onConflict((oc) => oc.columns(['source', 'job_key', 'dataset_key', 'direction']).doNothing()).execute();
  let chunk: EdgeRow[] = [];
  for (const row of rows) {
    chunk.push(row);
    if (chunk.length === ROWS_PER_INSERT) {
      await insert(chunk);
      chunk = [];
    }
  }
  if (chunk.length > 0) await insert(chunk);
}

/**
 * The edges of lineage runs written to the index: what each read, and what it wrote (a DROP writes nothing);
 * all the runs' edges in inserts of ROWS_PER_INSERT rows (one insert per run was a tenth of a batch's statements).
 */
export async function addRunEdges(db: Db, runs: readonly LineageRun[]): Promise<void> {
  await insertEdges(db, (function* () {
    for (const run of runs) yield* edgeRows(run.source, run.job, run.inputs, run.outputs.filter((d) => d.lifecycleChange !== 'DROP'));
  })());
}

/**
 * Writes jobs as a source reported them; returns how many rows changed. A report older than the stored
 * one only adds the facets it names that the row lacks; the job's datasets are the newest report's that names
 * any (a JobEvent without them keeps the latest run's), and every report's add to its edges (the graph).
 */
export async function upsertJobs(db: Db, source: string, jobs: readonly Job[], pass: number): Promise<number> {
  let changed = 0;
  const known = new Map<string, { digest: string; pass: number; updated_ms: number | null; latest_state: string | null; payload: string }>();
  // The written jobs, whose edges are inserted ROWS_PER_INSERT at a time once the jobs are written (edges only ever add).
  const written: Job[] = [];
  for (const [i, job] of jobs.entries()) {
    const key = entityKey(job);
    // The stored rows of the next ROWS_PER_INSERT jobs in one query (one per job was a third of a batch's queries).
    if (i % ROWS_PER_INSERT === 0) {
      known.clear();
      const keys = jobs.slice(i, i + ROWS_PER_INSERT).map(entityKey);
      const rows = await db.selectFrom('lineage_jobs').select(['job_key', 'digest', 'pass', 'updated_ms', 'latest_state', 'payload']).where('source', '=', source).where('job_key', 'in', keys).execute();
      for (const { job_key: rowKey, ...row } of rows) known.set(rowKey, row);
    }
    const digest = digestOf(JSON.stringify({ ...job, runIds: [] }));
    const existing = known.get(key);
    if (existing?.digest === digest) {
      if (existing.pass !== pass) {
        await db.updateTable('lineage_jobs').set({ pass }).where('source', '=', source).where('job_key', '=', key).execute();
        existing.pass = pass;
      }
      continue;
    }
    const updatedMs = finiteMs(job.updatedAt);
    const isNewer = newer(updatedMs, existing?.updated_ms ?? null);
    const stored = existing ? (JSON.parse(existing.payload) as StoredJob) : null;
    const names = job.inputs.length + job.outputs.length > 0;
    const datasets = (isNewer && names) || !stored
      ? { inputs: job.inputs.slice(0, MAX_ROW_LIST), outputs: job.outputs.slice(0, MAX_ROW_LIST), inputsTotal: job.inputs.length, outputsTotal: job.outputs.length }
      : { inputs: stored.inputs, outputs: stored.outputs, inputsTotal: stored.inputsTotal, outputsTotal: stored.outputsTotal };
    const payload: StoredJob = isNewer || !stored
      ? { type: job.type ?? stored?.type ?? null, description: job.description ?? stored?.description ?? null, facets: mergeFacets(stored?.facets ?? {}, job.facets, true), ...datasets }
      : { ...stored, facets: mergeFacets(stored.facets, job.facets, false), ...datasets };
    const row = {
      source, job_key: key, namespace: job.namespace, name: job.name,
      latest_state: isNewer ? (job.latestRunState ?? existing?.latest_state ?? null) : (existing?.latest_state ?? null),
      updated_ms: isNewer ? updatedMs : (existing?.updated_ms ?? null), digest, pass, payload: JSON.stringify(payload),
    };
    await db.insertInto('lineage_jobs').values(row).onConflict((oc) => oc.columns(['source', 'job_key']).doUpdateSet(row)).execute();
    known.set(key, row); // the same job again in these ROWS_PER_INSERT (one report per slice) sees this one
    written.push(job);
    changed++;
  }
  await insertEdges(db, (function* () {
    for (const job of written) yield* edgeRows(source, job, job.inputs, job.outputs);
  })());
  return changed;
}

function versionPayload(v: DatasetVersion, stored: StoredVersion | null): StoredVersion {
  const consumed = union(stored?.consumedByRunIds ?? [], v.consumedByRunIds, (id) => id).slice(0, MAX_ROW_LIST);
  return { namespace: v.namespace, name: v.name, version: v.version, createdAt: v.createdAt, facets: v.facets, rowCount: v.rowCount, consumedByRunIds: consumed };
}

async function upsertVersions(db: Db, source: string, datasetKey: string, versions: readonly DatasetVersion[], pass: number): Promise<void> {
  if (versions.length === 0) return;
  const stored = new Map<string, { digest: string; pass: number; payload: string }>();
  for (let i = 0; i < versions.length; i += ROWS_PER_INSERT) {
    const ids = versions.slice(i, i + ROWS_PER_INSERT).map((v) => v.id);
    const rows = await db.selectFrom('dataset_versions').select(['version_id', 'digest', 'pass', 'payload'])
      .where('source', '=', source).where('dataset_key', '=', datasetKey).where('version_id', 'in', ids).execute();
    for (const r of rows) stored.set(r.version_id, r);
  }
  for (const v of versions) {
    const digest = digestOf(JSON.stringify(v));
    const existing = stored.get(v.id);
    if (existing?.digest === digest) {
      if (existing.pass !== pass) await db.updateTable('dataset_versions').set({ pass }).where('source', '=', source).where('dataset_key', '=', datasetKey).where('version_id', '=', v.id).execute();
      continue;
    }
    const payload = versionPayload(v, existing ? (JSON.parse(existing.payload) as StoredVersion) : null);
    const row = {
      source, dataset_key: datasetKey, version_id: v.id, version: v.version, created_by_run_id: v.createdByRunId,
      created_ms: finiteMs(v.createdAt), digest, pass, payload: JSON.stringify(payload),
    };
    await db.insertInto('dataset_versions').values(row).onConflict((oc) => oc.columns(['source', 'dataset_key', 'version_id']).doUpdateSet(row)).execute();
  }
}

async function replaceAliases(db: Db, source: string, datasetKey: string, aliases: readonly DatasetRef[]): Promise<void> {
  await db.deleteFrom('dataset_aliases').where('source', '=', source).where('dataset_key', '=', datasetKey).execute();
  const rows = aliases.map((a) => ({ source, alias_key: entityKey(a), dataset_key: datasetKey }));
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) await db.insertInto('dataset_aliases').values(rows.slice(i, i + ROWS_PER_INSERT)).execute();
}

const lifecycleKey = (e: DatasetLifecycleEvent) => `${e.runId}\u0000${e.change}\u0000${e.at}`;

/**
 * Writes datasets as a source reported them, with their versions (one row each, so a new version is one
 * insert); returns how many datasets changed. Facets merge as for jobs; lifecycle events and aliases add up.
 */
export async function upsertDatasets(db: Db, source: string, datasets: readonly Dataset[], pass: number): Promise<number> {
  let changed = 0;
  const known = new Map<string, { digest: string; pass: number; updated_ms: number | null; payload: string }>();
  for (const [i, dataset] of datasets.entries()) {
    const key = entityKey(dataset);
    // The stored rows of the next ROWS_PER_INSERT datasets in one query, as for jobs.
    if (i % ROWS_PER_INSERT === 0) {
      known.clear();
      const keys = datasets.slice(i, i + ROWS_PER_INSERT).map(entityKey);
      const rows = await db.selectFrom('lineage_datasets').select(['dataset_key', 'digest', 'pass', 'updated_ms', 'payload']).where('source', '=', source).where('dataset_key', 'in', keys).execute();
      for (const { dataset_key: rowKey, ...row } of rows) known.set(rowKey, row);
    }
    const digest = digestOf(JSON.stringify(dataset));
    const existing = known.get(key);
    if (existing?.digest === digest) {
      if (existing.pass !== pass) {
        await db.updateTable('lineage_datasets').set({ pass }).where('source', '=', source).where('dataset_key', '=', key).execute();
        existing.pass = pass;
        for (let i = 0; i < dataset.versions.length; i += ROWS_PER_INSERT) {
          const ids = dataset.versions.slice(i, i + ROWS_PER_INSERT).map((v) => v.id);
          await db.updateTable('dataset_versions').set({ pass }).where('source', '=', source).where('dataset_key', '=', key).where('version_id', 'in', ids).execute();
        }
      }
      continue;
    }
    const updatedMs = finiteMs(dataset.updatedAt);
    const isNewer = newer(updatedMs, existing?.updated_ms ?? null);
    const stored = existing ? (JSON.parse(existing.payload) as StoredDataset) : null;
    const lifecycle = union(dataset.lifecycle ?? [], stored?.lifecycle ?? [], lifecycleKey)
      .sort((a, b) => (Date.parse(b.at) || 0) - (Date.parse(a.at) || 0)).slice(0, MAX_ROW_LIST);
    const aliases = union(stored?.aliases ?? [], dataset.aliases ?? [], entityKey);
    const payload: StoredDataset = { facets: mergeFacets(stored?.facets ?? {}, dataset.facets, isNewer), lifecycle, aliases };
    const row = {
      source, dataset_key: key, namespace: dataset.namespace, name: dataset.name,
      updated_ms: isNewer ? updatedMs : (existing?.updated_ms ?? null), digest, pass, payload: JSON.stringify(payload),
    };
    await db.insertInto('lineage_datasets').values(row).onConflict((oc) => oc.columns(['source', 'dataset_key']).doUpdateSet(row)).execute();
    known.set(key, row);
    // `aliases` holds every stored one: as many means none is new, and the stored rows stay as they are.
    if (aliases.length !== (stored?.aliases ?? []).length) await replaceAliases(db, source, key, aliases);
    await upsertVersions(db, source, key, dataset.versions, pass);
    changed++;
  }
  return changed;
}

/** After a complete pass: the source's jobs, datasets and versions the pass did not carry are gone upstream (bounded per call). */
export async function removeUnseenEntities(db: Db, source: string, pass: number, limit = 5_000): Promise<number> {
  let removed = 0;
  const jobs = await db.selectFrom('lineage_jobs').select('job_key').where('source', '=', source).where((eb) => eb.or([eb('pass', '<', pass), eb('pass', '>', pass)])).limit(limit).execute();
  for (const { job_key: key } of jobs) {
    await db.deleteFrom('lineage_jobs').where('source', '=', source).where('job_key', '=', key).execute();
    await db.deleteFrom('lineage_edges').where('source', '=', source).where('job_key', '=', key).execute();
  }
  const datasets = await db.selectFrom('lineage_datasets').select('dataset_key').where('source', '=', source).where((eb) => eb.or([eb('pass', '<', pass), eb('pass', '>', pass)])).limit(limit).execute();
  for (const { dataset_key: key } of datasets) {
    await db.deleteFrom('lineage_datasets').where('source', '=', source).where('dataset_key', '=', key).execute();
    await db.deleteFrom('dataset_aliases').where('source', '=', source).where('dataset_key', '=', key).execute();
  }
  const versions = await db.deleteFrom('dataset_versions').where('source', '=', source).where((eb) => eb.or([eb('pass', '<', pass), eb('pass', '>', pass)])).executeTakeFirst();
  removed += jobs.length + datasets.length + Number(versions.numDeletedRows);
  return removed;
}
