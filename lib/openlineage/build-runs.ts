import type { SourceProblem } from '@/lib/model';
import { mergeRunEvents, type BuiltRun } from './merge-run-events';
import type { LoadedEvent } from './parse-text';

export { sortEvents } from './event-order';
export type { BuiltRun, Reported } from './merge-run-events';

/** Every run of the events (any order), each merged by mergeRunEvents, ordered by start time. */
export function foldRuns(events: readonly LoadedEvent[], source: string): { runs: BuiltRun[]; problems: SourceProblem[] } {
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
    const merged = mergeRunEvents(list, source);
    if (merged === null) continue;
    runs.push(merged.built);
    problems.push(...merged.problems);
  }
  return { runs: runs.sort((a, b) => a.startTime - b.startTime), problems };
}
