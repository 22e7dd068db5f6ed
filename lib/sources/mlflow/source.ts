import 'server-only';
import { mlflowRunUrl } from './run-url';
import { createHash } from 'node:crypto';
import type { ExperimentRun, SourceHealth, SourceProblem } from '@/lib/model';
import { SourceError, isSourceError } from '@/lib/http/source-error';
import { ProblemList } from '@/lib/sources/mlflow-store/shared/problems';
import { RecentProblems } from '@/lib/sources/recent-problems';
import { emptySnapshot, snapshotCounts } from '@/lib/sources/mlflow-store/shared/snapshot';
import type { ChangeFeed, ExperimentSnapshot, ExperimentSource } from '@/lib/sources/ports';
import { createMlflowChangeFeed, type FeedPacing } from './change-feed';
import { MLFLOW_LABEL, createMlflowClient, displayUrl, type MlflowCredentials } from './client';
import { configProblems } from './config-problems';
import { DEFAULT_LIMITS, fetchExperiments, fetchSnapshotWire, type SnapshotLimits, type SnapshotWire } from './fetch-snapshot';
import { BulkHistories, listArtifacts, runById, runsByIds, type LookupContext, type MetricHistories } from './lookups';
import { metricHistory } from './metric-history';
import type { RunArtifacts } from './map-artifacts';
import { mapRegistry } from './map-registry';
import { MLFLOW_SOURCE_ID, mapExperiments, mapRun, type ExperimentIndex } from './map-run';
import { freshSharedCopy, nextReadInMs, processSharedReads, readShared, type SharedRead, type SharedReadStore } from '@/lib/sources/shared-reads';
import { SNAPSHOT_WIRE_JSON, plainRegistry } from './snapshot-wire-json';

export const MLFLOW_SOURCE_LABEL = 'MLflow tracking server';

export interface MlflowRestSourceOptions extends MlflowCredentials {
  /** Tracking server URL, possibly with a path prefix: https://host/mlflow. */
  baseUrl: string;
  /** MLFLOW_TRACKING_INSECURE_TLS: certificates of this server are not verified (and /health says so). */
  insecureTls?: boolean;
  /** Deadline of each request. Default 10 000 ms. */
  timeoutMs?: number;
  /** At most one refresh per interval; 0 refreshes on every snapshot(). Default 15 000 ms. */
  refreshIntervalMs?: number;
  /** Retries of GET requests (network errors, timeouts, 429, 5xx). Default 2. */
  retries?: number;
  backoffMs?: number;
  /** max_results of every list call (tests use small pages to exercise paging). Default: MLflow's maxima. */
  pageSize?: number;
  limits?: Partial<SnapshotLimits>;
  /** Once a snapshot exists, answer with it while a due refresh runs (pages never wait for one). Default false. */
  serveStaleWhileRefreshing?: boolean;
  /** False: snapshot() holds experiments and the registry only; runs reach the index through changeFeed(). Default true. */
  snapshotRuns?: boolean;
  /** How the change feed paces itself (tests shorten it). */
  pacing?: Partial<FeedPacing>;
  /** The change feed's clock (tests simulate minutes). */
  feedClock?: () => number;
  /** Where replicas share the experiments and registry they read; default the process's (the run index). */
  sharedReads?: () => SharedReadStore | null;
}

/** The port plus what only a tracking server answers cheaply. */
export interface MlflowRestSource extends ExperimentSource {
  /** Runs by id with one runs/search per 100 ids; ids the server does not know are absent. */
  runsByIds(ids: readonly string[]): Promise<Map<string, ExperimentRun>>;
  run(runId: string): Promise<ExperimentRun | null>;
  /** One metric of many runs for charts: sampled when the server has get-history-bulk-interval, else each run's first 100,000 points (`truncated` names the runs with more). */
  metricHistories(runIds: readonly string[], key: string, options?: { maxResults?: number }): Promise<MetricHistories>;
  artifacts(runId: string, path?: string): Promise<RunArtifacts | null>;
  /** The runs as a change feed for the run index (backfill newest first, then follow). */
  changeFeed(): ChangeFeed;
}

interface Loaded {
  snapshot: ExperimentSnapshot;
  index: ExperimentIndex;
  problems: SourceProblem[];
  fingerprint: string;
  /** performance.now() of the read. */
  at: number;
}

function asSourceError(error: unknown): SourceError {
  if (isSourceError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new SourceError({ source: MLFLOW_LABEL, kind: 'parse', message: `${MLFLOW_LABEL}: ${message}`, cause: error });
}

/** Same answers, same fingerprint: the snapshot version moves only when the server's data did. */
function fingerprint(wire: SnapshotWire): string {
  return createHash('sha1').update(JSON.stringify([wire.experiments, wire.runs, plainRegistry(wire.registry)])).digest('hex');
}

/**
 * Experiments, runs and the model registry of an MLflow tracking server (2.x and 3.x) over its REST API.
 * snapshot() refreshes at most every `refreshIntervalMs`; when the server fails it keeps serving the
 * last good snapshot (health says degraded, and since when) and throws a SourceError only when there is none.
 */
export function createMlflowRestSource(options: MlflowRestSourceOptions): MlflowRestSource {
  const client = createMlflowClient(options);
  const limits: SnapshotLimits = { ...DEFAULT_LIMITS, ...(options.pageSize ? { pageSize: options.pageSize } : {}), ...options.limits };
  const interval = options.refreshIntervalMs ?? 15_000;
  const location = displayUrl(options.baseUrl);
  const setup = configProblems(options, location);
  let loaded: Loaded | null = null;
  let version = 0;
  // performance.now() before which snapshot() answers with what it has.
  let nextAttemptAt = -Infinity;
  // Replicas on one index share the experiments and registry they read (shared-reads.ts): one key per server.
  const sharedKey = `mlflow-snapshot:v1:${createHash('sha1').update(location).digest('hex').slice(0, 16)}`;
  const withRuns = options.snapshotRuns ?? true;
  const sharedReads = options.sharedReads ?? processSharedReads;
  let sharedCopyAgeMs: number | null = null;
  let checkedAt = new Date();
  let lastSuccess: Date | null = null;
  let failingSince: Date | null = null;
  let error: SourceError | null = null;
  let pending: Promise<ExperimentSnapshot> | null = null;
  let loggedModelSupport: string | null = null;

  function build(wire: SnapshotWire, print: string, at: number): Loaded {
    const problems = new ProblemList();
    for (const p of wire.problems) problems.add(p);
    const index = mapExperiments(wire.experiments);
    const runs = new Map<string, ExperimentRun>();
    for (const w of wire.runs) {
      const run = mapRun(w, index, (p) => problems.add(p));
      if (run) runs.set(run.runId, run);
    }
    // A registry that could not be read keeps the models of the last read rather than showing none.
    const models = wire.registry ? mapRegistry(wire.registry) : (loaded?.snapshot.models ?? []);
    version += 1;
    const snapshot: ExperimentSnapshot = { version, runs, experiments: index.experiments, models };
    return { snapshot, index, problems: problems.toArray(), fingerprint: print, at };
  }

  /** Takes a read (this replica's, or another's shared copy `ageMs` old) as the current snapshot. */
  function adopt({ value: wire, ageMs }: SharedRead<SnapshotWire>): Loaded {
    loggedModelSupport = wire.registry?.loggedModelSupport ?? loggedModelSupport;
    const print = fingerprint(wire);
    const at = performance.now() - ageMs;
    loaded = loaded !== null && loaded.fingerprint === print ? { ...loaded, at } : build(wire, print, at);
    lastSuccess = new Date(Date.now() - ageMs);
    sharedCopyAgeMs = ageMs > 0 ? ageMs : null;
    failingSince = null;
    error = null;
    nextAttemptAt = performance.now() + nextReadInMs(ageMs, interval);
    return loaded;
  }

  function readWire(): Promise<SharedRead<SnapshotWire>> {
    const ask = () => fetchSnapshotWire(client, limits, { withRuns });
    // Runs are one replica's own (with the index they come through the feed, and the snapshot holds none).
    return withRuns ? ask().then((value) => ({ value, ageMs: 0 })) : readShared(sharedReads(), sharedKey, interval, ask, SNAPSHOT_WIRE_JSON);
  }

  async function refresh(): Promise<ExperimentSnapshot> {
    try {
      return adopt(await readWire()).snapshot;
    } catch (caught) {
      error = asSourceError(caught);
      failingSince ??= new Date();
      nextAttemptAt = performance.now() + interval;
      if (loaded !== null) return loaded.snapshot;
      throw error;
    } finally {
      checkedAt = new Date();
    }
  }

  function snapshot(): Promise<ExperimentSnapshot> {
    if (performance.now() < nextAttemptAt) {
      if (loaded !== null) return Promise.resolve(loaded.snapshot);
      // Down and nothing to show: answer with the last failure instead of knocking again at once.
      if (error !== null) return Promise.reject(error);
    }
    // Concurrent callers share one refresh.
    pending ??= refresh().finally(() => {
      pending = null;
    });
    return options.serveStaleWhileRefreshing && loaded !== null ? Promise.resolve(loaded.snapshot) : pending;
  }

  // Experiments read for lookups and the change feed when the snapshot is not fresh (no page asked for it lately).
  let ownExperiments: { index: ExperimentIndex; at: number } | null = null;
  let readingExperiments: Promise<ExperimentIndex> | null = null;

  /** The experiments, read at most once per refresh interval by the snapshot and the feed together. */
  async function experimentIndex(): Promise<ExperimentIndex> {
    // A fresh snapshot knows every experiment; an older one may miss a new experiment's runs.
    if (loaded !== null && performance.now() - loaded.at < interval) return loaded.index;
    if (ownExperiments !== null && performance.now() - ownExperiments.at < interval) return ownExperiments.index;
    // A replica that serves no page lately still finds the experiments another one read.
    const shared = withRuns ? null : await freshSharedCopy(sharedReads(), sharedKey, interval, SNAPSHOT_WIRE_JSON);
    if (shared !== null) return adopt(shared).index;
    readingExperiments ??= fetchExperiments(client, limits, []).then((wire) => {
      ownExperiments = { index: mapExperiments(wire), at: performance.now() };
      return ownExperiments.index;
    }).finally(() => {
      readingExperiments = null;
    });
    return readingExperiments;
  }

  const ctx: LookupContext = {
    client,
    pageSize: limits.pageSize,
    // get-history pages may hold up to 25 000 points (MAX_RESULTS_GET_METRIC_HISTORY).
    historyPageSize: options.pageSize ?? 25_000,
    experimentsPerSearch: limits.experimentsPerSearch,
    concurrency: limits.concurrency,
    experimentIndex,
  };
  const bulk = new BulkHistories(ctx);
  // What the change feed's mapping found (a run without an id, an unknown status): on /health.
  const feedProblems = new RecentProblems();

  async function health(): Promise<SourceHealth> {
    const snap = await snapshot().catch(() => null);
    const problems = [...setup.problems, ...(loaded?.problems ?? []), ...feedProblems.list(location)];
    const details: Record<string, string> = { ...setup.details, metricHistoryBulkInterval: bulk.support };
    if (loggedModelSupport !== null) details.loggedModels = loggedModelSupport;
    if (lastSuccess !== null) details.lastSuccess = lastSuccess.toISOString();
    if (failingSince !== null) details.failingSince = failingSince.toISOString();
    if (sharedCopyAgeMs !== null) details.experimentsAndRegistry = `from the index: read by a replica ${Math.round(sharedCopyAgeMs / 1000)} s earlier`;
    const since = failingSince === null ? '' : ` (failing since ${failingSince.toISOString()}${snap === null ? '' : '; showing what it answered last'})`;
    return {
      id: MLFLOW_SOURCE_ID,
      label: MLFLOW_SOURCE_LABEL,
      kind: 'experiment',
      configured: true,
      location,
      status: error !== null ? (snap === null ? 'unavailable' : 'degraded') : problems.length > 0 ? 'degraded' : 'ok',
      counts: snapshotCounts(snap ?? emptySnapshot(0), options.snapshotRuns ?? true),
      problems,
      error: error === null ? null : `${error.message}${since}${setup.errorHint(error)}`,
      details,
      checkedAt: checkedAt.toISOString(),
    };
  }

  return {
    id: MLFLOW_SOURCE_ID,
    snapshot,
    health,
    metricHistory: (runId, key, maxPoints) => metricHistory(ctx, runId, key, maxPoints),
    runsByIds: (ids) => runsByIds(ctx, ids),
    run: (runId) => runById(ctx, runId),
    metricHistories: (runIds, key, o) => bulk.get(runIds, key, o?.maxResults),
    artifacts: (runId, path) => listArtifacts(ctx, runId, path),
    runUrl: (run) => mlflowRunUrl(options.baseUrl, run.experimentId, run.runId),
    changeFeed: () => createMlflowChangeFeed(MLFLOW_SOURCE_ID, MLFLOW_SOURCE_LABEL, { client, lookups: ctx, pacing: options.pacing, now: options.feedClock, report: (p) => feedProblems.add(p) }),
  };
}
