import type { ExperimentRunStatus } from './experiment';
import type { LineageRunState } from './lineage';
import type { UnifiedRun } from './unified';

/** One status vocabulary for both sides: OpenLineage's, with MLflow statuses mapped onto it. */
export type RunStatus = 'RUNNING' | 'COMPLETED' | 'FAILED' | 'ABORTED' | 'NEW';
export const RUN_STATUSES: RunStatus[] = ['RUNNING', 'COMPLETED', 'FAILED', 'ABORTED', 'NEW'];

const fromMlflow: Record<ExperimentRunStatus, RunStatus> = {
  RUNNING: 'RUNNING',
  SCHEDULED: 'NEW',
  FINISHED: 'COMPLETED',
  FAILED: 'FAILED',
  KILLED: 'ABORTED',
};

export function runStatus(run: UnifiedRun): RunStatus {
  const lineageState: LineageRunState | undefined = run.lineage?.state;
  if (lineageState) return lineageState;
  return run.experiment ? fromMlflow[run.experiment.status] : 'NEW';
}

export function runStartMs(run: UnifiedRun): number | null {
  const lineageStart = run.lineage?.startedAt ? Date.parse(run.lineage.startedAt) : NaN;
  if (Number.isFinite(lineageStart)) return lineageStart;
  return run.experiment?.startTime ?? null;
}

export function runEndMs(run: UnifiedRun): number | null {
  const lineageEnd = run.lineage?.endedAt ? Date.parse(run.lineage.endedAt) : NaN;
  if (Number.isFinite(lineageEnd)) return lineageEnd;
  return run.experiment?.endTime ?? null;
}

export function runSortTime(run: UnifiedRun): number {
  return runStartMs(run) ?? 0;
}

/** What a person calls the run: the stage's job name, else the MLflow run name, else its id. */
export function runLabel(run: UnifiedRun): string {
  return run.lineage?.job.name ?? run.experiment?.runName ?? run.id;
}
