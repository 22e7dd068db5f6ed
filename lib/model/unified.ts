import type { ExperimentRun } from './experiment';
import type { LineageRun } from './lineage';
import type { RunLink } from './link';

/** One run as Runlens shows it: a lineage run, an experiment run, or both joined. */
export interface UnifiedRun {
  /** Canonical id: the OpenLineage runId when there is a lineage run, else the experiment run id. */
  id: string;
  lineage: LineageRun | null;
  experiment: ExperimentRun | null;
  /** Null when only one side exists (an unmatched run). */
  link: RunLink | null;
  /** Canonical id of the pipeline run this one is nested under (OpenLineage `parent` / MLflow `mlflow.parentRunId`). */
  parentId: string | null;
  childIds: string[];
  /** Why a run is unmatched or what evidence was set aside (dangling or conflicting links), for people. */
  notes: string[];
}
