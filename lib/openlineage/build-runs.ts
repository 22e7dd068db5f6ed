import type { SourceProblem } from '@/lib/model';
import { mergeRunEventsSteps, type BuiltRun } from './merge-run-events';
import type { LoadedEvent } from './parse-text';
import { runSteps, type Steps } from './steps';

export { sortEvents } from './event-order';
export type { BuiltRun, Reported } from './merge-run-events';

type FoldedRuns = { runs: BuiltRun[]; problems: SourceProblem[] };

/** Every run of the events (any order), each merged by mergeRunEvents, ordered by start time; yields as mergeRunEventsSteps. */
export function* foldRunsSteps(events: readonly LoadedEvent[], source: string): Steps<FoldedRuns> {
  const byRun = new Map<string, LoadedEvent[]>();
  for (const loaded of events) {
    if (loaded.wire.kind !== 'run') continue;
    const runId = loaded.wire.event.run.runId;
    const list = byRun.get(runId);
    if (list === undefined) byRun.set(runId, [loaded]);
    else list.push(loaded);
  }
  const runs: BuiltRun[] = [];
  const problems: SourceProblem[] = [];
  for (const list of byRun.values()) {
    const merged = yield* mergeRunEventsSteps(list, source);
    if (merged === null) continue;
    runs.push(merged.built);
    problems.push(...merged.problems);
  }
  return { runs: runs.sort((a, b) => a.startTime - b.startTime), problems };
}

/** foldRunsSteps run to the end at once. */
export const foldRuns = (events: readonly LoadedEvent[], source: string): FoldedRuns => runSteps(foldRunsSteps(events, source));
