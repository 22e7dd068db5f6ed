import type {
  Dataset,
  DatasetRef,
  ExactRun,
  LineageSearchHit,
  UpstreamLineage,
  ExperimentRun,
  Job,
  JobRef,
  LineageGraph,
  LineageRun,
  MetricPoint,
  RegisteredModel,
  SourceHealth,
  SourceProblem,
} from '@/lib/model';
import type { LoadedEvent } from '@/lib/openlineage/parse-text';

/** Everything a lineage source knows, indexed. Local sources rebuild it when their files change. */
export interface LineageSnapshot {
  /** Increases whenever the data changed, so derived indexes can be cached against it. */
  version: number;
  runs: Map<string, LineageRun>;
  /** Keyed by `refKey(ref)` of lib/model. */
  jobs: Map<string, Job>;
  datasets: Map<string, Dataset>;
  graph: LineageGraph;
  /** refKey of a dataset's other name (its `symlinks`) → the dataset it names; local events only. */
  aliases?: Map<string, DatasetRef>;
  /** What building the model noticed (merged same-instant events, refused facets, zone-less times), for /health. */
  problems?: SourceProblem[];
}

export interface LineageSource {
  readonly id: string;
  /** Picks up new data when anything changed (cheap when nothing did), then returns the current state. */
  snapshot(): Promise<LineageSnapshot>;
  health(): Promise<SourceHealth>;
  /**
   * The run with exactly the dataset versions it read and wrote. Sources whose snapshot already holds
   * them (local events) omit this; Marquez answers from the run's own events. `known.job` is the run's
   * job as the index holds it, for a source whose own record of the run may not name it.
   */
  exactRun?(runId: string, known?: { job: JobRef }): Promise<ExactRun | null>;
  /** A dataset with every version, for sources that list versions lazily (Marquez). */
  dataset?(ref: DatasetRef): Promise<Dataset | null>;
  /** Jobs and datasets matching a query (Marquez /search); without it the catalog searches the snapshot. */
  search?(query: string, limit: number): Promise<LineageSearchHit[]>;
  /** Runs upstream of a run (Marquez /runlineage/upstream); without it the catalog walks the snapshot. */
  upstream?(runId: string, depth: number): Promise<UpstreamLineage>;
  /**
   * Several runs as exactRun gives them, in one batch (Marquez: one events query per time window, from
   * the times given); keyed by the runId asked. Runs it could not rebuild are left out.
   */
  exactRuns?(runs: ReadonlyArray<{ runId: string; startedAt: string | null; endedAt: string | null }>): Promise<Map<string, LineageRun>>;
}

export interface ExperimentSnapshot {
  version: number;
  runs: Map<string, ExperimentRun>;
  experiments: Map<string, { id: string; name: string }>;
  models: RegisteredModel[];
}

/** A history as read; `sampledFrom` is set when the source itself gave a sample (W&B): how many points the whole history has. */
export type MetricHistoryRead = MetricPoint[] & { sampledFrom?: number };

export interface ExperimentSource {
  readonly id: string;
  snapshot(): Promise<ExperimentSnapshot>;
  /**
   * History of one metric of one run (by experimentRunKey: the run id, for W&B entity/project/runId), ordered by
   * step then timestamp; with `maxPoints`, at most that many (a source that reads pages stops there).
   */
  metricHistory(runId: string, key: string, maxPoints?: number): Promise<MetricHistoryRead>;
  /**
   * One run asked of the source itself (MLflow runs/get, W&B run by path): a run created since the last
   * snapshot is found before the next refresh. Local stores, which re-read their files within a second, omit it.
   */
  run?(id: string): Promise<ExperimentRun | null>;
  /** The run in the source's own UI (MLflow's or W&B's web app), when it has one. */
  runUrl?(run: ExperimentRun): string | null;
  health(): Promise<SourceHealth>;
}

/** Where a change feed stands, for /health and the "indexing mlflow: 42,000 runs so far, back to 12 Mar 2026" banner. */
export interface FeedProgress {
  /** backfill: reading history newest first; follow: caught up, asking only what changed. */
  phase: 'backfill' | 'follow';
  /** Records read so far in this backfill (or in total once following). */
  done: number;
  /** The source's size when it can be told or estimated; null when unknown. */
  estimatedTotal: number | null;
  /** Epoch ms: a backfill newest first has read every record started since this (MLflow), when the feed walks by time. */
  reachedBackTo?: number | null;
}

/** One raw OpenLineage event a feed read (local files, Marquez), as JSON text. */
export interface FeedLineageEvent {
  body: string;
  /** The RunEvent's runId; null for DatasetEvents and JobEvents. */
  runId: string | null;
  /** Epoch ms of its eventTime. */
  eventTimeMs: number | null;
  /** The body as the feed parsed it, when it did: the run is rebuilt with it instead of parsing the body again. */
  loaded?: LoadedEvent;
}

export interface ChangeBatch {
  lineageRuns: LineageRun[];
  /**
   * Raw events (a run's START and COMPLETE may come in different batches): lib/sync stores them per run
   * (an event the source already stored is skipped) and rebuilds each run they touch from all its stored events.
   */
  lineageEvents?: FeedLineageEvent[];
  /** The feed starts over from nothing (a rewritten file): the source's stored events are forgotten before this batch's are stored. */
  resetLineageEvents?: boolean;
  experimentRuns: ExperimentRun[];
  /**
   * Jobs and datasets the batch reports (from JobEvents and DatasetEvents, or around the runs it carries).
   * The index keeps one row of each, the newer report winning and facets merged by name; a job's runs and
   * a dataset's versions are not taken from here: the index derives them from the runs' records.
   */
  jobs?: Job[];
  datasets?: Dataset[];
  /**
   * The full pass over the source this batch belongs to. When a batch says passComplete, records of the
   * source that no batch of this pass carried are gone upstream and leave the index.
   */
  pass: number;
  passComplete: boolean;
  /** Opaque; handed back to changes() next time (persisted in the index, so a restart resumes mid-backfill). */
  cursor: string;
  /** Nothing more to read right now: the syncer waits for the follow interval before asking again. */
  caughtUp: boolean;
  progress: FeedProgress;
}

/** A range of start times (epoch ms, both ends excluded); an end left out is open. */
export interface StartedBetween {
  startedAfterMs?: number;
  startedBeforeMs?: number;
}

/** What the syncer tells a feed about the index, so the feed never has to read it itself. */
export interface FeedContext {
  /**
   * Ids of this source's runs the index still holds as running, oldest first (bounded), started after
   * and before the given times when given: re-checked while following.
   */
  runningRunIds(limit: number, started?: StartedBetween): Promise<string[]>;
}

/** A source read incrementally: a bounded batch of changes since a cursor (lib/sync drives it). */
export interface ChangeFeed {
  readonly id: string;
  readonly label: string;
  /** How long to wait between asks once caught up. */
  readonly followIntervalMs: number;
  changes(cursor: string | null, context: FeedContext): Promise<ChangeBatch>;
}
