import { sql, type Kysely } from 'kysely';
import type { Dataset, DatasetRef, Job, JobRef, LineageRunState } from '@/lib/model';
import { entityKey, refFromEntityKey, type StoredDataset, type StoredJob, type StoredVersion } from './lineage-entities';
import type { IndexDatabase } from './schema';

type Db = Kysely<IndexDatabase>;

/** Keys per IN list: well under SQLite's and Postgres's bound-parameter limits. */
const KEYS_PER_QUERY = 500;

const chunks = <T>(list: readonly T[]): T[][] => Array.from({ length: Math.ceil(list.length / KEYS_PER_QUERY) }, (_, i) => list.slice(i * KEYS_PER_QUERY, (i + 1) * KEYS_PER_QUERY));

export interface GraphEdge {
  source: string;
  job: JobRef;
  dataset: DatasetRef;
  direction: 'input' | 'output';
}

/** A job or dataset of the graph, described lightly: no runs, and a dataset's newest version only. */
export type GraphEntity = { source: string; job: Job } | { source: string; dataset: Dataset };

export interface Neighbourhood {
  edges: GraphEdge[];
  /** The walk stopped at `maxNodes`: more lies beyond what was read. */
  truncated: boolean;
}

const refOf = (namespace: string, name: string) => ({ namespace, name });
const jobOfKey = (key: string): JobRef => refFromEntityKey(key);

async function edgesOf(db: Db, jobs: readonly JobRef[], datasets: readonly DatasetRef[]): Promise<GraphEdge[]> {
  const out: GraphEdge[] = [];
  const query = (column: 'job_key' | 'dataset_key', keys: string[]) => db.selectFrom('lineage_edges')
    .select(['source', 'job_key', 'dataset_namespace', 'dataset_name', 'direction']).where(column, 'in', keys).execute();
  for (const [column, keys] of [...chunks(jobs.map(entityKey)).map((k) => ['job_key', k] as const), ...chunks(datasets.map(entityKey)).map((k) => ['dataset_key', k] as const)]) {
    for (const r of await query(column, keys)) out.push({ source: r.source, job: jobOfKey(r.job_key), dataset: refOf(r.dataset_namespace, r.dataset_name), direction: r.direction });
  }
  return out;
}

/**
 * The edges within `depth` hops of the seeds, walked level by level in either direction (a job and the
 * datasets it reads or writes are one hop apart), stopping once `maxNodes` nodes are reached.
 */
export async function neighbourhoodEdges(db: Db, seeds: ReadonlyArray<{ kind: 'job' | 'dataset'; ref: JobRef }>, depth: number, maxNodes: number): Promise<Neighbourhood> {
  const seen = new Set(seeds.map((s) => `${s.kind}:${entityKey(s.ref)}`));
  const edges = new Map<string, GraphEdge>();
  let frontier = [...seeds];
  for (let hop = 0; hop < depth && frontier.length > 0; hop++) {
    const found = await edgesOf(db, frontier.filter((s) => s.kind === 'job').map((s) => s.ref), frontier.filter((s) => s.kind === 'dataset').map((s) => s.ref));
    const next: typeof frontier = [];
    for (const e of found) {
      edges.set(`${e.source}\u0000${entityKey(e.job)}\u0000${entityKey(e.dataset)}\u0000${e.direction}`, e);
      for (const node of [{ kind: 'job' as const, ref: e.job }, { kind: 'dataset' as const, ref: e.dataset }]) {
        const key = `${node.kind}:${entityKey(node.ref)}`;
        if (seen.has(key)) continue;
        if (seen.size >= maxNodes) return { edges: [...edges.values()], truncated: true };
        seen.add(key);
        next.push(node);
      }
    }
    frontier = next;
  }
  return { edges: [...edges.values()], truncated: false };
}

/** Jobs and datasets for drawing: their reports, and each dataset's newest version (its current version). */
export async function graphEntities(db: Db, jobs: readonly JobRef[], datasets: readonly DatasetRef[]): Promise<GraphEntity[]> {
  const out: GraphEntity[] = [];
  for (const keys of chunks(jobs.map(entityKey))) {
    for (const r of await db.selectFrom('lineage_jobs').selectAll().where('job_key', 'in', keys).execute()) {
      const stored = JSON.parse(r.payload) as StoredJob;
      out.push({ source: r.source, job: {
        namespace: r.namespace, name: r.name, type: stored.type, description: stored.description, facets: stored.facets, inputs: [], outputs: [], runIds: [],
        latestRunState: r.latest_state as LineageRunState | null, updatedAt: r.updated_ms === null ? null : new Date(r.updated_ms).toISOString(),
      } });
    }
  }
  for (const keys of chunks(datasets.map(entityKey))) {
    const rows = await db.selectFrom('lineage_datasets').selectAll().where('dataset_key', 'in', keys).execute();
    const newest = await db.selectFrom('dataset_versions as v').select(['v.source', 'v.dataset_key', 'v.version_id', 'v.created_by_run_id', 'v.payload'])
      .where('v.dataset_key', 'in', keys)
      .where('v.created_ms', '=', (eb) => eb.selectFrom('dataset_versions as w').select(sql<number>`max(w.created_ms)`.as('m'))
        .whereRef('w.source', '=', 'v.source').whereRef('w.dataset_key', '=', 'v.dataset_key'))
      .execute();
    const current = new Map(newest.map((v) => [`${v.source}\u0000${v.dataset_key}`, v]));
    for (const r of rows) {
      const stored = JSON.parse(r.payload) as StoredDataset;
      const v = current.get(`${r.source}\u0000${r.dataset_key}`);
      const version = v ? (JSON.parse(v.payload) as StoredVersion) : null;
      out.push({ source: r.source, dataset: {
        namespace: r.namespace, name: r.name, facets: stored.facets, updatedAt: r.updated_ms === null ? null : new Date(r.updated_ms).toISOString(),
        lifecycle: stored.lifecycle, ...(stored.aliases.length > 0 ? { aliases: stored.aliases } : {}),
        versions: v && version ? [{ id: v.version_id, createdByRunId: v.created_by_run_id, ...version }] : [],
      } });
    }
  }
  return out;
}

export interface EntityHit {
  kind: 'job' | 'dataset';
  namespace: string;
  name: string;
}

/** Jobs and datasets whose name (or a dataset's alias) contains the query, case-insensitively; at most `limit` of each. */
export async function searchEntities(db: Db, query: string, limit: number): Promise<EntityHit[]> {
  const pattern = `%${query.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const like = (column: string) => sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
  const [jobs, datasets, aliased] = await Promise.all([
    db.selectFrom('lineage_jobs').select(['namespace', 'name']).distinct().where(like('name')).limit(limit).execute(),
    db.selectFrom('lineage_datasets').select(['namespace', 'name']).distinct().where(like('name')).limit(limit).execute(),
    db.selectFrom('dataset_aliases').innerJoin('lineage_datasets', (j) => j.onRef('lineage_datasets.source', '=', 'dataset_aliases.source').onRef('lineage_datasets.dataset_key', '=', 'dataset_aliases.dataset_key'))
      .select(['lineage_datasets.namespace', 'lineage_datasets.name']).distinct().where(like('dataset_aliases.alias_key')).limit(limit).execute(),
  ]);
  return [...jobs.map((r) => ({ kind: 'job' as const, ...r })), ...[...datasets, ...aliased].map((r) => ({ kind: 'dataset' as const, namespace: r.namespace, name: r.name }))];
}
