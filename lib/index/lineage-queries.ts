import { sql, type Kysely } from 'kysely';
import { refKey, type Dataset, type DatasetRef, type DatasetVersion, type Job, type JobRef, type LineageRunState } from '@/lib/model';
import { entityKey, type StoredDataset, type StoredJob, type StoredVersion } from './lineage-entities';
import type { IndexDatabase } from './schema';

type Db = Kysely<IndexDatabase>;

/** A job as the index holds it: the newest report of it, its newest runs and its datasets, each list bounded and counted. */
export interface IndexedJob {
  source: string;
  job: Job;
  runsTotal: number;
  inputsTotal: number;
  outputsTotal: number;
}

export interface IndexedDataset {
  source: string;
  dataset: Dataset;
  versionsTotal: number;
}

const isoOf = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** Of rows keyed the same in several sources, the most recently updated. */
function newestPerKey<R extends { updated_ms: number | null }>(rows: readonly R[], key: (r: R) => string): R[] {
  const best = new Map<string, R>();
  for (const r of rows) {
    const known = best.get(key(r));
    if (!known || (r.updated_ms ?? -Infinity) > (known.updated_ms ?? -Infinity)) best.set(key(r), r);
  }
  return [...best.values()];
}

async function countWhere(db: Db, ref: JobRef): Promise<number> {
  const row = await db.selectFrom('runs').select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('job_namespace', '=', ref.namespace).where('job_name', '=', ref.name).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Jobs, each with at most `runs` run ids (newest first) and `datasets` inputs and outputs. */
export async function jobsByRefs(db: Db, refs: readonly JobRef[], bounds = { runs: 1_000, datasets: 1_000 }): Promise<IndexedJob[]> {
  if (refs.length === 0) return [];
  const keys = refs.map(entityKey);
  const rows = newestPerKey(await db.selectFrom('lineage_jobs').selectAll().where('job_key', 'in', [...keys]).execute(), (r) => r.job_key);
  return Promise.all(rows.map(async (row): Promise<IndexedJob> => {
    const stored = JSON.parse(row.payload) as StoredJob;
    const ref = { namespace: row.namespace, name: row.name };
    const [runs, runsTotal] = await Promise.all([
      db.selectFrom('runs').select('id').where('job_namespace', '=', ref.namespace).where('job_name', '=', ref.name)
        .orderBy('sort_ms', 'desc').orderBy('id').limit(bounds.runs).execute(),
      countWhere(db, ref),
    ]);
    const job: Job = {
      ...ref, type: stored.type, description: stored.description, facets: stored.facets,
      inputs: stored.inputs.slice(0, bounds.datasets), outputs: stored.outputs.slice(0, bounds.datasets), runIds: runs.map((r) => r.id),
      latestRunState: row.latest_state as LineageRunState | null, updatedAt: isoOf(row.updated_ms),
    };
    return { source: row.source, job, runsTotal, inputsTotal: stored.inputsTotal, outputsTotal: stored.outputsTotal };
  }));
}

/** The dataset keys these keys name: a dataset's own key, or one of its aliases' (`symlinks`). */
async function canonicalKeys(db: Db, keys: readonly string[]): Promise<Map<string, string>> {
  const aliases = await db.selectFrom('dataset_aliases').select(['alias_key', 'dataset_key']).where('alias_key', 'in', [...keys]).execute();
  const canonical = new Map(keys.map((k) => [k, k]));
  const own = new Set((await db.selectFrom('lineage_datasets').select('dataset_key').where('dataset_key', 'in', [...keys]).execute()).map((r) => r.dataset_key));
  for (const a of aliases) if (!own.has(a.alias_key)) canonical.set(a.alias_key, a.dataset_key);
  return canonical;
}

function toVersion(row: { version_id: string; created_by_run_id: string | null; payload: string }): DatasetVersion {
  const stored = JSON.parse(row.payload) as StoredVersion;
  return {
    id: row.version_id, namespace: stored.namespace, name: stored.name, version: stored.version, createdByRunId: row.created_by_run_id,
    createdAt: stored.createdAt, facets: stored.facets, rowCount: stored.rowCount, consumedByRunIds: stored.consumedByRunIds,
  };
}

/**
 * Datasets by name (or an alias's), with `versions` of their versions newest first, from the `versionsFrom`-th
 * (0: the newest); keyed by refKey of the ref asked. A dataset two sources report is the most recently updated one's.
 */
export async function datasetsByRefs(db: Db, refs: readonly DatasetRef[], versions = 200, versionsFrom = 0): Promise<Map<string, IndexedDataset>> {
  const out = new Map<string, IndexedDataset>();
  if (refs.length === 0) return out;
  const asked = new Map(refs.map((r) => [entityKey(r), refKey(r)]));
  const keys = [...asked.keys()];
  const canonical = await canonicalKeys(db, keys);
  const rows = newestPerKey(await db.selectFrom('lineage_datasets').selectAll().where('dataset_key', 'in', [...new Set(canonical.values())]).execute(), (r) => r.dataset_key);
  const found = new Map(await Promise.all(rows.map(async (row): Promise<[string, IndexedDataset]> => {
    const stored = JSON.parse(row.payload) as StoredDataset;
    const [newest, total] = await Promise.all([
      db.selectFrom('dataset_versions').select(['version_id', 'created_by_run_id', 'payload']).where('source', '=', row.source).where('dataset_key', '=', row.dataset_key)
        .orderBy('created_ms', 'desc').orderBy('version_id', 'desc').limit(versions).offset(versionsFrom).execute(),
      db.selectFrom('dataset_versions').select((eb) => eb.fn.countAll<string | number>().as('n')).where('source', '=', row.source).where('dataset_key', '=', row.dataset_key).executeTakeFirstOrThrow(),
    ]);
    const dataset: Dataset = {
      namespace: row.namespace, name: row.name, facets: stored.facets, versions: newest.map(toVersion), updatedAt: isoOf(row.updated_ms),
      lifecycle: stored.lifecycle, ...(stored.aliases.length > 0 ? { aliases: stored.aliases } : {}),
    };
    return [row.dataset_key, { source: row.source, dataset, versionsTotal: Number(total.n) }];
  })));
  for (const [key, target] of canonical) {
    const hit = found.get(target);
    if (hit) out.set(asked.get(key) ?? key, hit);
  }
  return out;
}

export interface JobListEntry extends JobRef {
  latestRunState: LineageRunState | null;
  updatedAt: string | null;
}

/** The most recently updated jobs (one per key across sources), and how many jobs there are. */
export async function newestJobs(db: Db, limit: number): Promise<{ jobs: JobListEntry[]; total: number }> {
  const [rows, total] = await Promise.all([
    db.selectFrom('lineage_jobs').select(['job_key', 'namespace', 'name', 'latest_state', 'updated_ms'])
      .orderBy(sql`coalesce(updated_ms, -1)`, 'desc').orderBy('name').limit(limit * 2).execute(),
    db.selectFrom('lineage_jobs').select(sql<string | number>`count(distinct job_key)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  const jobs = newestPerKey(rows, (r) => r.job_key).slice(0, limit)
    .map((r) => ({ namespace: r.namespace, name: r.name, latestRunState: r.latest_state as LineageRunState | null, updatedAt: isoOf(r.updated_ms) }));
  return { jobs, total: Number(total.n) };
}

export interface LineageEdgeRow {
  job: JobRef;
  dataset: DatasetRef;
  direction: 'input' | 'output';
}

/** The job↔dataset edges touching these jobs and datasets, at most `limit`. */
export async function edgesTouching(db: Db, refs: { jobs: readonly JobRef[]; datasets: readonly DatasetRef[] }, limit: number): Promise<LineageEdgeRow[]> {
  if (refs.jobs.length + refs.datasets.length === 0) return [];
  const keys = { jobs: refs.jobs.map(entityKey), datasets: refs.datasets.map(entityKey) };
  const rows = await db.selectFrom('lineage_edges').innerJoin('lineage_jobs', (j) => j.onRef('lineage_jobs.source', '=', 'lineage_edges.source').onRef('lineage_jobs.job_key', '=', 'lineage_edges.job_key'))
    .select(['lineage_edges.job_key', 'lineage_jobs.namespace', 'lineage_jobs.name', 'lineage_edges.dataset_namespace', 'lineage_edges.dataset_name', 'lineage_edges.direction'])
    .where((eb) => eb.or([
      ...(keys.jobs.length > 0 ? [eb('lineage_edges.job_key', 'in', [...keys.jobs])] : []),
      ...(keys.datasets.length > 0 ? [eb('lineage_edges.dataset_key', 'in', [...keys.datasets])] : []),
    ])).limit(limit).execute();
  return rows.map((r) => ({
    job: { namespace: r.namespace, name: r.name },
    dataset: { namespace: r.dataset_namespace, name: r.dataset_name }, direction: r.direction,
  }));
}

/** How many jobs and datasets one source reported (its /health card). */
export async function entityCounts(db: Db, source: string): Promise<{ jobs: number; datasets: number }> {
  const [jobs, datasets] = await Promise.all([
    db.selectFrom('lineage_jobs').select((eb) => eb.fn.countAll<string | number>().as('n')).where('source', '=', source).executeTakeFirstOrThrow(),
    db.selectFrom('lineage_datasets').select((eb) => eb.fn.countAll<string | number>().as('n')).where('source', '=', source).executeTakeFirstOrThrow(),
  ]);
  return { jobs: Number(jobs.n), datasets: Number(datasets.n) };
}
