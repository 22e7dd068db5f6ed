/** Lineage side of the model: what OpenLineage (files or Marquez) says about jobs, runs and datasets. */

export type Facets = Record<string, unknown>;

export type LineageRunState = 'NEW' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'ABORTED';

export interface JobRef {
  namespace: string;
  name: string;
}

export interface DatasetRef {
  namespace: string;
  name: string;
}

/** OpenLineage `lifecycleStateChange`: what a run did to a dataset besides (or instead of) writing data. */
export type LifecycleChange = 'ALTER' | 'CREATE' | 'DROP' | 'OVERWRITE' | 'RENAME' | 'TRUNCATE';

/** A dataset as one run read or wrote it: the exact version, not the dataset's current one. */
export interface RunDataset extends DatasetRef {
  /** The producer's version: OpenLineage `version` dataset facet (`datasetVersion`), or null. */
  version: string | null;
  /** Dataset facets as this run reported them (schema, dataSource, version, …). */
  facets: Facets;
  /** inputFacets for inputs, outputFacets for outputs. */
  ioFacets: Facets;
  /** rowCount from inputStatistics / outputStatistics (or legacy outputStatistics dataset facet). */
  rowCount: number | null;
  /** Bytes from the same statistics facets. */
  size: number | null;
  /** For inputs: the run that wrote the version read (null when no tracked run produced it). */
  producedByRunId: string | null;
  /** The `lifecycleStateChange` facet's change; a DROP writes no version. Absent: not reported. */
  lifecycleChange?: LifecycleChange | null;
}

export interface LineageRun {
  /** Which lineage source this came from, e.g. "openlineage-files" or "marquez". */
  source: string;
  /** The OpenLineage runId exactly as reported. */
  runId: string;
  job: JobRef;
  state: LineageRunState;
  /** ISO timestamps; startedAt from the earliest START (else the earliest event), endedAt from the newest terminal event. */
  startedAt: string | null;
  endedAt: string | null;
  /** eventTime of the newest event seen for the run. */
  updatedAt: string;
  parent: { runId: string; job: JobRef } | null;
  /** Run facets merged by name across events; a newer event's facet replaces an older one. */
  facets: Facets;
  inputs: RunDataset[];
  /**
   * Set when `inputs` is a block of a longer list: how many the run read in all, and the place of `inputs[0]` in
   * that list (absent: 0). The index keeps a run's first inputs with its record and the rest as rows by position.
   */
  inputsTotal?: number;
  inputsFrom?: number;
  outputs: RunDataset[];
  /** From the `errorMessage` run facet of a failed run. */
  errorMessage: string | null;
}

export interface Job extends JobRef {
  /** `jobType` facet's jobType (e.g. DAG, TASK, JOB), or null. */
  type: string | null;
  description: string | null;
  facets: Facets;
  /** Datasets of the job's latest run (inputs/outputs), used for the job↔dataset graph. */
  inputs: DatasetRef[];
  outputs: DatasetRef[];
  /** Run ids newest first. */
  runIds: string[];
  latestRunState: LineageRunState | null;
  updatedAt: string | null;
}

export interface DatasetVersion extends DatasetRef {
  /** Stable id of this version within its source (file source: `<runId>/<namespace>/<name>`); never split it. */
  id: string;
  /** The producer's version string (`version` facet) or null. */
  version: string | null;
  createdByRunId: string | null;
  createdAt: string;
  facets: Facets;
  rowCount: number | null;
  /** Runs that read this exact version. */
  consumedByRunIds: string[];
}

/** A lifecycle change on a dataset's timeline: which run changed it how, and when. */
export interface DatasetLifecycleEvent {
  change: LifecycleChange;
  at: string;
  runId: string;
  /** RENAME: the dataset's name before (`previousIdentifier`), when reported. */
  previous: DatasetRef | null;
}

export interface Dataset extends DatasetRef {
  /** Facets merged by name across writes, reads and DatasetEvents, the newest report of each facet winning. */
  facets: Facets;
  /** Newest first. */
  versions: DatasetVersion[];
  updatedAt: string | null;
  /** Lifecycle changes (DROP, TRUNCATE, RENAME, …), newest first; a DROP is here and not among the versions. */
  lifecycle?: DatasetLifecycleEvent[];
  /** Other names of the same dataset (the `symlinks` facet: a table's location, a path's table), searchable. */
  aliases?: DatasetRef[];
}

export type LineageNodeKind = 'job' | 'dataset';

export interface LineageGraphNode {
  /** Built from kind, namespace and name; never parsed back. */
  id: string;
  kind: LineageNodeKind;
  namespace: string;
  name: string;
}

export interface LineageGraphEdge {
  /** Data flows from `from` to `to`: dataset→job for reads, job→dataset for writes. */
  from: string;
  to: string;
}

export interface LineageGraph {
  nodes: LineageGraphNode[];
  edges: LineageGraphEdge[];
}

/**
 * A run looked up for its exact dataset versions. 'own-events': rebuilt from the run's own OpenLineage
 * events, so its versions are what it read and wrote; 'source-record': those events were out of reach
 * and the source's record of the run is given with every version blanked rather than shown wrong.
 */
export interface ExactRun {
  run: LineageRun;
  basis: 'own-events' | 'source-record';
}
