import type { UnifiedRun } from '@/lib/model';
import { runLabel, runStatus } from '@/lib/model/run-fields';

export interface RunFailure {
  /** The run that failed: the compared run itself, or the stage of a pipeline run that failed. */
  id: string;
  label: string;
  message: string;
}

function ownMessage(run: UnifiedRun): string | null {
  const facet = run.lineage?.facets.errorMessage as { message?: unknown } | undefined;
  return typeof facet?.message === 'string' ? facet.message : run.lineage?.errorMessage ?? null;
}

/**
 * Why a failed run failed, for the head of a comparison: its own error message, or for a pipeline run that
 * reported none, the first failed stage's. Null when the run did not fail.
 */
export function runFailure(run: UnifiedRun, findRun: (id: string) => UnifiedRun | null): RunFailure | null {
  if (runStatus(run) !== 'FAILED') return null;
  const own = ownMessage(run);
  if (own) return { id: run.id, label: runLabel(run), message: own };
  for (const id of run.childIds) {
    const stage = findRun(id);
    const message = stage && runStatus(stage) === 'FAILED' ? ownMessage(stage) : null;
    if (stage && message) return { id: stage.id, label: runLabel(stage), message };
  }
  return { id: run.id, label: runLabel(run), message: 'It reported no error message.' };
}
