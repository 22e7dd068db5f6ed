import type { JobRef } from './lineage';
import type { UnifiedRun } from './unified';

export interface ParentRunRef {
  id: string;
  label: string;
  status: string;
}

/**
 * The run page's parent line: the parent run when a configured source has it, else the job and run id
 * the OpenLineage `parent` facet names (a dbt run whose Airflow parent is reported elsewhere).
 */
export type ParentView =
  | { kind: 'run'; run: ParentRunRef }
  | { kind: 'facet-only'; runId: string; job: JobRef; note: string };

export const PARENT_NOT_IN_SOURCES = 'not in the configured sources';

export function parentViewOf(run: UnifiedRun, found: ParentRunRef | null): ParentView | null {
  if (found !== null) return { kind: 'run', run: found };
  const named = run.lineage?.parent;
  return named ? { kind: 'facet-only', runId: named.runId, job: { namespace: named.job.namespace, name: named.job.name }, note: PARENT_NOT_IN_SOURCES } : null;
}
