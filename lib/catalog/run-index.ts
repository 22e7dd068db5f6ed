import 'server-only';
import { cache } from 'react';
import { refKey, type DatasetRef, type JobRef, type UnifiedRun } from '@/lib/model';
import type { IndexedDataset, IndexedJob } from '@/lib/index/lineage-queries';
import { idKey, pastableIdKeys } from '@/lib/join';
import { createSingleflight } from '@/lib/cache/singleflight';
import { isSourceError } from '@/lib/http/source-error';
import { getSources, type ExperimentSnapshot } from '@/lib/sources';
import type { OpenIndex } from '@/lib/index/open';
import { getProcessIndex, syncProgress, type SyncProgressView } from '@/lib/index/process-index';
import { runStoreOf, type RunStore } from './run-store';
import { within } from './within';

export interface SourceFailure {
  source: string;
  error: string;
  /** ISO time the source started failing, when it knows (remote sources do). */
  since?: string | null;
}

/** A source that loaded but skipped some input (malformed files, lines or rows): never hidden. */
export interface SourceWarning {
  source: string;
  label: string;
  problemCount: number;
}

/**
 * One request's view of the run index: the store answers queries (lists, lookups by id); runs the
 * request loaded are kept in `loaded` so the pure page code can look them up synchronously (findRun);
 * likewise the jobs and datasets it loaded (findJob, findDataset). Experiment snapshots hold
 * experiments and the model registry (runs come from the index).
 */
export interface RunIndex {
  store: RunStore;
  loaded: Map<string, UnifiedRun>;
  /** idKey of any id a user may paste (OpenLineage runId, MLflow run_id, W&B entity/project/runId) → canonical id, for loaded runs. */
  lookup: Map<string, string>;
  /** Jobs and datasets the request loaded, by refKey (a dataset also under the alias it was asked by). */
  jobs: Map<string, IndexedJob>;
  datasets: Map<string, IndexedDataset>;
  experiment: ExperimentSnapshot[];
  failures: SourceFailure[];
  warnings: SourceWarning[];
  /** Where each source's syncer is (backfill progress, errors), for banners. */
  sync: SyncProgressView[];
}

/** What a banner says about a source whose load threw: its message and, from lib/http, since when it fails. */
export function sourceFailure(source: string, reason: unknown): SourceFailure {
  const error = reason instanceof Error ? reason.message : String(reason);
  return { source, error, since: isSourceError(reason) ? reason.failingSince : null };
}

async function settle<S extends { id: string }, T>(sources: S[], load: (s: S) => Promise<T>) {
  const settled = await Promise.allSettled(sources.map(load));
  const ok: T[] = [];
  const failures: SourceFailure[] = [];
  settled.forEach((result, i) => {
    if (result.status === 'fulfilled') ok.push(result.value);
    else failures.push(sourceFailure(sources[i]?.id ?? 'unknown', result.reason));
  });
  return { ok, failures };
}

/** Sources that answered but report an error (e.g. an unreadable file) fail too; problems become warnings. */
async function sourceStates(failed: SourceFailure[]) {
  const sources = getSources();
  const all = [...sources.lineage, ...sources.experiment].filter((s) => !failed.some((f) => f.source === s.id));
  const healths = await Promise.all(all.map((s) => within(s.health(), SOURCE_WAIT_MS, () => null).catch(() => null)));
  const failures = [...failed];
  const warnings: SourceWarning[] = [];
  for (const h of healths) {
    if (!h) continue;
    if (h.error) failures.push({ source: h.id, error: h.error, since: h.details.failingSince ?? null });
    if (h.problems.length > 0) warnings.push({ source: h.id, label: h.label, problemCount: h.problems.length });
  }
  for (const u of sources.unusable) failures.push({ source: u.id, error: u.error ?? 'not usable' });
  return { failures, warnings };
}

const refreshes = createSingleflight();

/**
 * Every page waits for the sources' snapshots and states (one shared refresh): a source that never answers
 * must not hold every page with it. Past this it is shown as failing; its answer still arrives for later pages.
 */
export const SOURCE_WAIT_MS = 15_000;

const unanswered = (id: string) => () => Promise.reject(new Error(`${id} did not answer within ${SOURCE_WAIT_MS / 1000} s`));

/**
 * The request's view of the run index: the sources' snapshots and states are shared by concurrent
 * requests; the runs loaded are the request's own, and every part of one request (layout checks,
 * the page, its metadata) shares the view (React's per-request cache; outside a request, a new view).
 */
export const getRunIndex = cache(async (): Promise<RunIndex> => {
  const shared = await refreshes('run-index', loadShared);
  return { ...shared, loaded: new Map(), lookup: new Map(), jobs: new Map(), datasets: new Map() };
});

/** A fresh start waits this long at most for each source's first batch (the newest runs), so the first page is not empty. */
const FIRST_BATCH_WAIT_MS = 10_000;

/**
 * The syncers' states, once every source's syncer has written (or failed) its first batch, or after
 * `maxMs`: one read of sync_state per request once they have.
 */
async function firstBatches(index: OpenIndex, sources: readonly string[], maxMs: number): Promise<SyncProgressView[]> {
  const deadline = Date.now() + maxMs;
  for (;;) {
    const states = await syncProgress(index);
    const pending = sources.filter((id) => !states.some((s) => s.source === id && (s.phase === 'follow' || s.indexed > 0 || s.lastError !== null)));
    if (pending.length === 0 || Date.now() >= deadline) return states;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function loadShared(): Promise<Omit<RunIndex, 'loaded' | 'lookup' | 'jobs' | 'datasets'>> {
  const sources = getSources();
  const [experiment, { opened, sync }] = await Promise.all([
    settle(sources.experiment, (s) => within(s.snapshot(), SOURCE_WAIT_MS, unanswered(s.id))),
    getProcessIndex().then(async (index) => ({
      opened: index,
      sync: await firstBatches(index, sources.feeds.map((f) => f.id), FIRST_BATCH_WAIT_MS).catch((): SyncProgressView[] => []),
    })),
  ]);
  const { failures, warnings } = await sourceStates(experiment.failures);
  return { store: runStoreOf(opened), experiment: experiment.ok, failures, warnings, sync };
}

/** Remembers runs in the request's view, under every id a user may paste for them. */
export function rememberRuns(index: RunIndex, runs: readonly UnifiedRun[]): void {
  for (const run of runs) {
    index.loaded.set(run.id, run);
    for (const key of pastableIdKeys(run)) if (!index.lookup.has(key) || key === idKey(run.id)) index.lookup.set(key, run.id);
  }
}

/** Loads runs by any ids into the request's view (one query for all); returns those found, in no particular order. */
export async function loadRuns(index: RunIndex, ids: ReadonlyArray<string | null | undefined>): Promise<UnifiedRun[]> {
  const wanted = [...new Set(ids.filter((id): id is string => typeof id === 'string' && id !== '').map(idKey))];
  const missing = wanted.filter((key) => !index.lookup.has(key));
  if (missing.length > 0) rememberRuns(index, await index.store.byIdKeys(missing));
  return wanted.flatMap((key) => {
    const run = findRunByKey(index, key);
    return run ? [run] : [];
  });
}

/**
 * Loads runs and what the pages draw around them: parents, children, and the producers of their
 * inputs, `depth` levels out (bounded by `max` runs).
 */
export async function loadNeighbourhood(index: RunIndex, ids: ReadonlyArray<string | null | undefined>, depth = 1, max = 1_000): Promise<UnifiedRun[]> {
  const found = await loadRuns(index, ids);
  let frontier = found;
  for (let level = 0; level < depth && frontier.length > 0 && index.loaded.size < max; level++) {
    const next = frontier.flatMap((r) => [r.parentId, ...r.childIds, ...(r.lineage?.inputs ?? []).map((d) => d.producedByRunId)]);
    frontier = await loadRuns(index, next.slice(0, max - index.loaded.size));
  }
  return found;
}

function findRunByKey(index: RunIndex, key: string): UnifiedRun | null {
  const canonical = index.lookup.get(key);
  return canonical === undefined ? null : (index.loaded.get(canonical) ?? null);
}

/** A run this request has loaded (loadRuns, resolveRun), by any id; null when it is not loaded. */
export function findRun(index: RunIndex, id: string): UnifiedRun | null {
  return findRunByKey(index, idKey(id));
}

/** Loads jobs into the request's view (one query for all); each then answers findJob. */
export async function loadJobs(index: RunIndex, refs: ReadonlyArray<JobRef | null | undefined>): Promise<void> {
  const missing = [...new Map(refs.flatMap((r) => (r ? [[refKey(r), r] as const] : []))).entries()].filter(([key]) => !index.jobs.has(key));
  for (const found of await index.store.jobs(missing.map(([, ref]) => ref))) index.jobs.set(refKey(found.job), found);
}

/** A job this request has loaded (loadJobs), with its newest runs and datasets; null when not loaded or unknown. */
export function findJob(index: RunIndex, ref: JobRef): IndexedJob | null {
  return index.jobs.get(refKey(ref)) ?? null;
}

/** Loads datasets (by name or alias) into the request's view, with their newest versions. */
export async function loadDatasets(index: RunIndex, refs: ReadonlyArray<DatasetRef | null | undefined>): Promise<void> {
  const missing = [...new Map(refs.flatMap((r) => (r ? [[refKey(r), r] as const] : []))).entries()].filter(([key]) => !index.datasets.has(key));
  for (const [key, found] of await index.store.datasets(missing.map(([, ref]) => ref))) index.datasets.set(key, found);
}

/** A dataset this request has loaded (loadDatasets), by its name or an alias; null when not loaded or unknown. */
export function findDataset(index: RunIndex, ref: DatasetRef): IndexedDataset | null {
  return index.datasets.get(refKey(ref)) ?? null;
}
