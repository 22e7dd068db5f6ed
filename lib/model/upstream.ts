/** Run-level lineage: the runs upstream of one run, through the exact dataset versions each read. */

import type { JobRef, LineageRunState } from './lineage';

export interface UpstreamInput {
  namespace: string;
  name: string;
  /** The producer's version string (`version` facet) of what was read, or null. */
  version: string | null;
  /** The run that wrote the version read; null for raw inputs no tracked run produced. */
  producedByRunId: string | null;
}

export interface UpstreamRun {
  runId: string;
  job: JobRef;
  state: LineageRunState;
  startedAt: string | null;
  endedAt: string | null;
  inputs: UpstreamInput[];
  /** How many datasets the run read, when `inputs` lists only its first ones (the index keeps a run's first 1,000). */
  inputsTotal?: number;
  /** Distance from the run asked about (0 = that run). */
  depth: number;
}

export interface UpstreamLineage {
  /** The run asked about first, then upstream runs breadth first. */
  runs: UpstreamRun[];
  /** True when the walk stopped at the depth limit with runs left to visit. */
  truncated: boolean;
  /** How the source answered, for people: e.g. "from Marquez /runlineage/upstream" or "from the run's own events". */
  basis: string;
}

export interface LineageSearchHit {
  kind: 'job' | 'dataset';
  namespace: string;
  name: string;
}
