import type { LineageRun } from '@/lib/model';
import { foldRuns } from './build-runs';
import type { LoadedEvent } from './parse-text';
import { applySymlinks, resolveSymlinks } from './symlinks';

/**
 * The runs of buildModel alone (symlinks applied the same way), without its jobs and datasets: what rebuilding
 * a run from its stored events needs (building the datasets of a 100,000-input run took as long again).
 */
export function buildRuns(events: readonly LoadedEvent[], source: string): Map<string, LineageRun> {
  const named = applySymlinks(events, resolveSymlinks(events).canonicalOf);
  return new Map(foldRuns(named, source).runs.map((b) => [b.run.runId, b.run]));
}
