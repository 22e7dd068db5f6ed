import type { Generated } from 'kysely';

/**
 * The run index's tables. Source records are kept as their sources gave them (one row per lineage or
 * experiment run, the model object as JSON plus the columns queries need); `runs` is the join of them,
 * rewritten per record as records change. Times are epoch milliseconds (double precision: exact to 2^53).
 */
export interface LineageRecordTable {
  source: string;
  /** idKey of the OpenLineage runId. */
  run_key: string;
  run_id: string;
  job_namespace: string;
  job_name: string;
  state: string;
  started_ms: number | null;
  ended_ms: number | null;
  /** idKey of the `parent` facet's runId. */
  parent_key: string | null;
  /** sha1 of the payload: an unchanged record is not rewritten or re-joined. */
  digest: string;
  /** The source's pass that last carried it: after a complete pass, older ones are gone upstream. */
  pass: number;
  payload: string;
}

export interface ExperimentRecordTable {
  source: string;
  /** experimentKey(): idKey of the run id, or of a W&B run's path. */
  run_key: string;
  run_id: string;
  experiment_id: string;
  experiment_name: string | null;
  run_name: string | null;
  status: string;
  start_ms: number | null;
  end_ms: number | null;
  /** idKey of the `mlflow.parentRunId` tag. */
  parent_key: string | null;
  digest: string;
  pass: number;
  payload: string;
}

/** One piece of link evidence (lib/join): a lineage key and an experiment key some record names together. */
export interface EvidenceTable {
  owner_side: 'lineage' | 'experiment';
  owner_source: string;
  owner_key: string;
  rule: string;
  lineage_key: string;
  experiment_key: string;
}

/** Versioned datasets each record read or wrote, for the dataset rule and "who read this version". */
export interface RecordDatasetTable {
  side: 'lineage' | 'experiment';
  source: string;
  run_key: string;
  namespace: string;
  name: string;
  version: string | null;
  direction: 'input' | 'output';
  /** Lineage side: the run's start, and its end else start (ms), copied so a dataset's readers and writers are read in time order by index. */
  started_ms: number | null;
  time_ms: number | null;
  /** Lineage side: the place in the run's list, and the run that wrote the version read (see lineage-inputs.ts). */
  position: number | null;
  produced_by_run_id: string | null;
}

/** A run as pages list it: the join of at most one lineage and one experiment record. */
export interface RunTable {
  id: string;
  lineage_source: string | null;
  lineage_key: string | null;
  experiment_source: string | null;
  experiment_key: string | null;
  job_namespace: string | null;
  job_name: string | null;
  experiment_id: string | null;
  experiment_name: string | null;
  run_name: string | null;
  /** The stage (OpenLineage job, else the MLflow `stage` tag): the runs list's job filter. */
  stage: string | null;
  status: string;
  sort_ms: number;
  start_ms: number | null;
  end_ms: number | null;
  parent_id: string | null;
  /** Where the parent is named, so it is found again when it arrives after the child. */
  parent_lineage_key: string | null;
  parent_experiment_key: string | null;
  link: string | null;
  notes: string;
  /** Lower-cased ids and names, for substring search. */
  search: string;
}

/** Every id a user may paste (idKey), to the canonical run id. */
export interface RunIdTable {
  id_key: string;
  run_id: string;
}

export interface RunMetricTable {
  run_id: string;
  key: string;
  /** NaN and ±Infinity are stored as null here (they never sort); the run's payload keeps them. */
  value: number | null;
}

export interface RunParamTable {
  run_id: string;
  key: string;
  value: string;
}

/** Per source: where its syncer is, how far along, and which replica holds the lease to sync it. */
export interface SyncStateTable {
  source: string;
  cursor: string | null;
  phase: string;
  indexed: number;
  estimated_total: number | null;
  /** Epoch ms the backfill has read back to (feeds that walk by time); null otherwise. */
  reached_back_to_ms: number | null;
  last_error: string | null;
  updated_ms: number;
  lease_owner: string | null;
  lease_until_ms: number;
}

/**
 * One copy per slow-changing upstream read that replicas share (MLflow's experiments and registry): the replica
 * that claims a due refresh asks the upstream and publishes it here; the others read it, so N cost what one does.
 */
export interface SharedReadTable {
  key: string;
  /** The read as JSON text; null until a replica published one. */
  body: string | null;
  /** Epoch ms the upstream was asked (0: never). */
  read_ms: number;
  claim_owner: string | null;
  claim_until_ms: number;
}

/**
 * OpenLineage events as each lineage source gave them (the receiver, local files, Marquez): a run is
 * rebuilt from its stored events when a new one arrives, and they are kept for re-indexing.
 */
export interface ReceivedEventTable {
  seq: Generated<number>;
  received_ms: number;
  run_id: string | null;
  body: string;
  /** The lineage source that gave the event (the receiver, local files, Marquez). */
  source: Generated<string>;
  /** The event's eventTime, epoch ms (null when it had none readable). */
  event_time_ms: number | null;
  /** sha1 of the body for sources that may hand the same event twice (a look-back window, a re-read batch): stored once. */
  digest: string | null;
  /**
   * A long body, gzipped (`body` is then empty): see event-body-codec.ts. A migration that rewrites stored bodies (as
   * 0008 redacted them, before this column existed) must decode it too.
   */
  body_gzip: Buffer | null;
}

/**
 * A lineage job as its sources last reported it (type, description, facets in `payload`); its runs are
 * the `runs` rows of its namespace and name, its datasets the `lineage_edges` of its latest report.
 */
export interface LineageJobTable {
  source: string;
  /** refKey of the job. */
  job_key: string;
  namespace: string;
  name: string;
  latest_state: string | null;
  updated_ms: number | null;
  /** sha1 of the report as the source last gave it: an unchanged report is not rewritten. */
  digest: string;
  pass: number;
  payload: string;
}

/** Data flows dataset→job (input) or job→dataset (output), as the job's latest report says. */
export interface LineageEdgeTable {
  source: string;
  job_key: string;
  dataset_key: string;
  dataset_namespace: string;
  dataset_name: string;
  direction: 'input' | 'output';
}

/** A dataset's facets, lifecycle and aliases (`payload`); its versions are `dataset_versions` rows. */
export interface LineageDatasetTable {
  source: string;
  dataset_key: string;
  namespace: string;
  name: string;
  updated_ms: number | null;
  digest: string;
  pass: number;
  payload: string;
}

/** Another name of a dataset (its `symlinks`), so either name finds it. */
export interface DatasetAliasTable {
  source: string;
  alias_key: string;
  dataset_key: string;
}

/** One version of a dataset: who wrote it and when, with the writer's facets (schema, row count). */
export interface DatasetVersionTable {
  source: string;
  dataset_key: string;
  version_id: string;
  version: string | null;
  created_by_run_id: string | null;
  created_ms: number | null;
  digest: string;
  pass: number;
  payload: string;
}

export interface IndexDatabase {
  lineage_jobs: LineageJobTable;
  lineage_edges: LineageEdgeTable;
  lineage_datasets: LineageDatasetTable;
  dataset_aliases: DatasetAliasTable;
  dataset_versions: DatasetVersionTable;
  lineage_records: LineageRecordTable;
  experiment_records: ExperimentRecordTable;
  evidence: EvidenceTable;
  record_datasets: RecordDatasetTable;
  runs: RunTable;
  run_ids: RunIdTable;
  run_metrics: RunMetricTable;
  run_params: RunParamTable;
  sync_state: SyncStateTable;
  received_events: ReceivedEventTable;
  shared_reads: SharedReadTable;
}
