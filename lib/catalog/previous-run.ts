import type { UnifiedRun } from '@/lib/model';
import { runStartMs } from '@/lib/model/run-fields';
import { findJob, findRun, type RunIndex } from './run-index';

/** The run of the same job that started last before this one, for "compare with previous run"; null when none (the job and its runs must be loaded). */
export function previousRunOfJob(index: RunIndex, run: UnifiedRun): UnifiedRun | null {
  const start = runStartMs(run);
  if (!run.lineage || start === null) return null;
  const job = findJob(index, run.lineage.job)?.job;
  let previous: UnifiedRun | null = null;
  for (const id of job?.runIds ?? []) {
    const other = findRun(index, id);
    const otherStart = other ? runStartMs(other) : null;
    if (!other || other.id === run.id || otherStart === null || otherStart >= start) continue;
    if (previous === null || otherStart > (runStartMs(previous) ?? 0)) previous = other;
  }
  return previous;
}
