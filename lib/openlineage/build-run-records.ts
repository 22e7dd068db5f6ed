import type { LineageRun } from '@/lib/model';
import { foldRunsSteps } from './build-runs';
import type { LoadedEvent } from './parse-text';
import { runSteps, runStepsAsync, type Steps } from './steps';
import { applySymlinksSteps, resolveSymlinksSteps } from './symlinks';

/**
 * The runs of buildModel alone (symlinks applied the same way), without its jobs and datasets: what rebuilding
 * a run from its stored events needs (building the datasets of a 100,000-input run took as long again).
 */
function* buildRunsSteps(events: readonly LoadedEvent[], source: string): Steps<Map<string, LineageRun>> {
  const named = yield* applySymlinksSteps(events, (yield* resolveSymlinksSteps(events)).canonicalOf);
  return new Map((yield* foldRunsSteps(named, source)).runs.map((b) => [b.run.runId, b.run]));
}

export const buildRuns = (events: readonly LoadedEvent[], source: string): Map<string, LineageRun> => runSteps(buildRunsSteps(events, source));

/** buildRuns with `pause` awaited between slices of a run's datasets (see steps.ts): the same runs. */
export const buildRunsAsync = (events: readonly LoadedEvent[], source: string, pause: () => Promise<void>): Promise<Map<string, LineageRun>> =>
  runStepsAsync(buildRunsSteps(events, source), pause);
