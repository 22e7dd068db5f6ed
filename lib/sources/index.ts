import 'server-only';
import type { SourceHealth } from '@/lib/model';
import { readEnv, type EnvProblem } from '@/lib/env';
import { createOpenLineageFileSource } from '@/lib/sources/openlineage-files';
import { createMlflowStoreSource } from '@/lib/sources/mlflow-store';
import { createSqliteSource } from '@/lib/sources/mlflow-store/sqlite/source';
import { createMarquezSource } from '@/lib/sources/marquez';
import { DEFAULT_MARQUEZ_FEED_PACING } from '@/lib/sources/marquez/change-feed';
import { createMlflowRestSource } from '@/lib/sources/mlflow';
import { createWandbSource, WANDB_SOURCE_LABEL } from '@/lib/sources/wandb';
import { WANDB_SOURCE_ID } from '@/lib/model';
import type { ChangeFeed, ExperimentSource, LineageSource } from '@/lib/sources/ports';
import { snapshotFeed } from '@/lib/sources/snapshot-feed';

export type { ChangeFeed, ExperimentSource, LineageSource, LineageSnapshot, ExperimentSnapshot } from '@/lib/sources/ports';

export interface ConfiguredSources {
  lineage: LineageSource[];
  experiment: ExperimentSource[];
  /** Sources that are configured but cannot be used yet; reported on /health as they are. */
  unusable: SourceHealth[];
  envProblems: EnvProblem[];
  /** One change feed per source, for the run index's syncers (lib/sync). */
  feeds: ChangeFeed[];
}

/**
 * MLflow has no "registry changed since": its experiments and registered models are re-read this often
 * (~150 KB from a server with 200 experiments and a few models: 15 KB a minute of the idle budget).
 */
const MLFLOW_REGISTRY_REFRESH_MS = 10 * 60_000;
/** W&B's snapshot only tells which projects exist and are readable (a one-run query each); the feed carries the runs. */
const WANDB_PROJECTS_REFRESH_MS = 10 * 60_000;
function buildSources(): ConfiguredSources {
  const env = readEnv();
  const lineage: LineageSource[] = [];
  const experiment: ExperimentSource[] = [];
  const unusable: SourceHealth[] = [];
  const feeds: ChangeFeed[] = [];
  if (env.marquez) {
    // Marquez's runs, jobs and datasets reach the index through its event feed; pages ask it per view only.
    const { url, apiKey, timeoutMs } = env.marquez;
    // Asked what changed every 20 s, or every RUNLENS_REFRESH_INTERVAL_MS when that is longer.
    const feedPacing = { ...DEFAULT_MARQUEZ_FEED_PACING, followIntervalMs: Math.max(env.refreshIntervalMs, DEFAULT_MARQUEZ_FEED_PACING.followIntervalMs) };
    const marquez = createMarquezSource({ url, apiKey: apiKey ?? undefined, timeoutMs, feedPacing });
    lineage.push(marquez);
    feeds.push(marquez.changeFeed());
  }
  if (env.openLineageEvents.length > 0) {
    const files = createOpenLineageFileSource(env.openLineageEvents, { refreshIntervalMs: env.refreshIntervalMs, healthFromFeedOnly: true });
    lineage.push(files);
    feeds.push(files.changeFeed());
  }
  if (env.mlflow?.kind === 'sqlite') {
    // Runs come through the store's change feed (newest first, then what each commit changed); the snapshot holds experiments and the registry.
    const store = createSqliteSource(env.mlflow.path, { snapshotRuns: false });
    experiment.push(store);
    feeds.push(store.changeFeed(Math.max(env.refreshIntervalMs, 1_000)));
  } else if (env.mlflow?.kind === 'file') {
    experiment.push(createMlflowStoreSource(env.mlflow));
  } else if (env.mlflow?.kind === 'http') {
    const mlflow = createMlflowRestSource({
      // The snapshot holds experiments and the model registry only (runs come through the feed): read it every 10 minutes.
      baseUrl: env.mlflow.url, ...env.mlflowAuth, timeoutMs: env.mlflowTimeoutMs, refreshIntervalMs: Math.max(env.refreshIntervalMs, MLFLOW_REGISTRY_REFRESH_MS),
      serveStaleWhileRefreshing: true, snapshotRuns: false,
      // A remote server is asked what changed at most every 20 s (longer when RUNLENS_REFRESH_INTERVAL_MS says so).
      pacing: { followIntervalMs: Math.max(env.refreshIntervalMs, 20_000), recheckEveryMs: Math.max(env.refreshIntervalMs, 60_000), sweepBytesPerMinute: env.sweepBytesPerMinute },
    });
    experiment.push(mlflow);
    feeds.push(mlflow.changeFeed());
  }
  if (env.wandb) {
    // The snapshot only tells which projects exist; runs come through the feed, by creation then by update time.
    const wandb = createWandbSource({
      // Pages read the snapshot (one run per project: does it exist?) at most every 10 minutes, not on every view.
      ...env.wandb, timeoutMs: env.wandbTimeoutMs, refreshIntervalMs: Math.max(env.refreshIntervalMs, WANDB_PROJECTS_REFRESH_MS), snapshotRuns: false,
      pacing: { followIntervalMs: Math.max(env.refreshIntervalMs, 15_000), sweepBytesPerMinute: env.sweepBytesPerMinute },
    });
    experiment.push(wandb);
    feeds.push(wandb.changeFeed());
  } else {
    const wandbProblems = env.problems.filter((p) => p.variable.startsWith('WANDB_'));
    if (wandbProblems.length > 0) unusable.push(misconfigured(WANDB_SOURCE_ID, WANDB_SOURCE_LABEL, wandbProblems));
  }
  // Sources without a change feed of their own are fed from their snapshots, newest first.
  const labelOf = (id: string) => id;
  for (const source of lineage) {
    if (!feeds.some((f) => f.id === source.id)) feeds.push(snapshotFeed({ kind: 'lineage', source }, labelOf(source.id), env.refreshIntervalMs));
  }
  for (const source of experiment) {
    if (!feeds.some((f) => f.id === source.id)) feeds.push(snapshotFeed({ kind: 'experiment', source }, labelOf(source.id), Math.max(env.refreshIntervalMs, 1_000)));
  }
  return { lineage, experiment, unusable, envProblems: env.problems, feeds };
}

/** A source whose variables are set but incomplete or malformed: a card on /health naming each variable. */
function misconfigured(id: string, label: string, problems: EnvProblem[]): SourceHealth {
  return {
    id, label, kind: 'experiment', configured: true, location: null, status: 'unavailable', counts: {},
    problems: problems.map((p) => ({ where: p.variable, message: p.message })),
    error: `Not configured correctly: ${problems.map((p) => `${p.variable} ${p.message}`).join('; ')}`,
    details: {}, checkedAt: new Date().toISOString(),
  };
}

// One set of sources per server process; kept on globalThis so dev-mode reloads don't reopen files.
const holder = globalThis as typeof globalThis & { __runlensSources?: ConfiguredSources };

export function getSources(): ConfiguredSources {
  holder.__runlensSources ??= buildSources();
  return holder.__runlensSources;
}

/** Adds a lineage source found at run time (the OpenLineage receiver, once events arrive); no feed: its runs are pushed. */
export function addLineageSource(id: string, create: () => LineageSource): void {
  const { lineage } = getSources();
  if (!lineage.some((s) => s.id === id)) lineage.push(create());
}
