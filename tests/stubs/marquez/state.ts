import type { Instant } from './instant';

/** A JSON object as received (facets, events); never walked beyond what Marquez itself reads. */
export type JsonObject = Record<string, unknown>;

export type RunState = 'NEW' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'ABORTED';

export interface NamespaceRow {
  name: string;
  createdAt: Instant;
  updatedAt: Instant;
}

export interface SchemaField {
  name: string;
  type: string | null;
  description: string | null;
}

/** One `dataset_versions` row: `uuid` is the row key, `version` the name-based hash the versions API lists. */
export interface DatasetVersionRow {
  uuid: string;
  version: string;
  datasetKey: string;
  createdAt: Instant;
  /** Null when a read created it (Marquez makes a version for a dataset first seen as an input). */
  runUuid: string | null;
  fields: SchemaField[];
  /** Dataset facets of every event that touched this row, newest wins per facet. */
  facets: JsonObject;
  lifecycleState: string | null;
}

export interface DatasetRow {
  key: string;
  namespace: string;
  name: string;
  sourceName: string;
  description: string | null;
  createdAt: Instant;
  updatedAt: Instant;
  lastModifiedAt: Instant | null;
  /** `datasets.current_version_uuid`: a row uuid, not a `version` (Marquez #1883). */
  currentVersionUuid: string | null;
  versions: DatasetVersionRow[];
}

export interface RunIo {
  versionUuid: string;
  /** inputFacets / outputFacets, newest wins. */
  facets: JsonObject;
}

export interface RunRow {
  uuid: string;
  jobKey: string;
  parentRunUuid: string | null;
  createdAt: Instant;
  updatedAt: Instant;
  /** Arrival number of the last event that touched the run: breaks ties between equal times. */
  touched: number;
  nominalStartTime: Instant | null;
  nominalEndTime: Instant | null;
  state: RunState;
  /** Time of the event that last set `state`; null while no event had an eventType (state reads NEW). */
  transitionedAt: Instant | null;
  startedAt: Instant | null;
  endedAt: Instant | null;
  args: Record<string, string>;
  context: Record<string, string>;
  runFacets: JsonObject;
  jobFacets: JsonObject;
  inputs: Map<string, RunIo>;
  outputs: Map<string, RunIo>;
  jobVersion: string | null;
}

export interface JobVersionRow {
  version: string;
  createdAt: Instant;
  inputs: string[];
  outputs: string[];
}

export interface JobRow {
  key: string;
  namespace: string;
  name: string;
  simpleName: string;
  parentJobKey: string | null;
  createdAt: Instant;
  updatedAt: Instant;
  description: string | null;
  location: string | null;
  facets: JsonObject;
  currentVersion: JobVersionRow | null;
  /** Every version the job had, oldest first (lineage of a dataset looks through all of them). */
  versions: JobVersionRow[];
  runUuids: string[];
}

export interface StoredEvent {
  time: number;
  index: number;
  /** Marquez's `_event_type`: only RUN_EVENTs are listed by /events/lineage, every kind is counted. */
  kind: 'RUN_EVENT' | 'JOB_EVENT' | 'DATASET_EVENT';
  event: JsonObject;
}

export interface MarquezState {
  namespaces: Map<string, NamespaceRow>;
  jobs: Map<string, JobRow>;
  runs: Map<string, RunRow>;
  datasets: Map<string, DatasetRow>;
  /** Version rows by row uuid. */
  versionsByUuid: Map<string, DatasetVersionRow>;
  events: StoredEvent[];
}

export const keyOf = (namespace: string, name: string): string => JSON.stringify([namespace, name]);
