import 'server-only';
import type { Dataset, DatasetRef, ExactRun, ExperimentRun, JobRef, UpstreamLineage } from '@/lib/model';
import { cached } from '@/lib/cache';
import type { ExperimentSource, LineageSource } from '@/lib/sources';
import type { RunStatus } from '@/lib/model/run-fields';
import { isThrottled, limitedLookup } from './lookup-limit';

/** A finished run never changes: what its upstreams said about it can be served for an hour. */
export const FINISHED_TTL_MS = 60 * 60_000;
/** A running run changes: its answers live shorter than the page's 20 s refresh. */
export const LIVE_TTL_MS = 10_000;
/** A failing upstream is asked again after this, not on every view. */
export const ERROR_TTL_MS = 15_000;

export function isFinished(status: RunStatus): boolean {
  return status === 'COMPLETED' || status === 'FAILED' || status === 'ABORTED';
}

export const ttlFor = (status: RunStatus): number => (isFinished(status) ? FINISHED_TTL_MS : LIVE_TTL_MS);

/**
 * The run rebuilt from its own events (Marquez /events/lineage), cached by the state it was in. For an id
 * the index does not hold (`unknownId`), the upstream call is rate-limited per source (lookup-limit.ts).
 */
export function cachedExactRun(source: LineageSource, runId: string, unknownId = false, known?: { job: JobRef }): Promise<ExactRun | null> {
  const exactRun = source.exactRun?.bind(source);
  if (!exactRun) return Promise.resolve(null);
  return cached({
    namespace: 'exact-run',
    key: `${source.id}:${runId}`,
    load: () => (unknownId ? limitedLookup(source.id, () => exactRun(runId, known)) : exactRun(runId, known)),
    transientError: isThrottled,
    ttlMs: (exact) => (exact === null ? ERROR_TTL_MS : ttlFor(exact.run.state)),
    errorTtlMs: ERROR_TTL_MS,
  });
}

/** The source's own upstream walk (Marquez /runlineage/upstream); failures are remembered briefly too. */
export function cachedUpstream(source: LineageSource, runId: string, depth: number, status: RunStatus): Promise<UpstreamLineage> {
  const upstream = source.upstream?.bind(source);
  if (!upstream) return Promise.reject(new Error(`${source.id} has no run-level lineage`));
  return cached({
    namespace: 'upstream',
    key: `${source.id}:${runId}:${depth}`,
    load: () => upstream(runId, depth),
    ttlMs: () => ttlFor(status),
    errorTtlMs: ERROR_TTL_MS,
  });
}

/**
 * A run asked of an experiment source directly, for an id its snapshot does not hold (yet), rate-limited
 * per source (lookup-limit.ts). Only a bridge until the next snapshot refresh, so found runs are kept as
 * briefly as running ones.
 */
export function cachedExperimentRun(source: ExperimentSource, id: string): Promise<ExperimentRun | null> {
  const run = source.run?.bind(source);
  if (!run) return Promise.resolve(null);
  return cached({
    namespace: 'experiment-run', key: `${source.id}:${id}`, load: () => limitedLookup(source.id, () => run(id)),
    ttlMs: (found) => (found === null ? ERROR_TTL_MS : LIVE_TTL_MS), errorTtlMs: ERROR_TTL_MS, transientError: isThrottled,
  });
}

/**
 * A dataset's version list as a source lists it (Marquez), kept as briefly as a running run's answers: the run,
 * compare and dataset pages all ask for it, and each view asking again made ~40 upstream calls per compare.
 */
export function cachedDataset(source: LineageSource, ref: DatasetRef): Promise<Dataset | null> {
  const dataset = source.dataset?.bind(source);
  if (!dataset) return Promise.resolve(null);
  return cached({
    namespace: 'dataset', key: `${source.id}:${ref.namespace}\u0000${ref.name}`, load: () => dataset(ref),
    ttlMs: () => LIVE_TTL_MS, errorTtlMs: 0,
  });
}
