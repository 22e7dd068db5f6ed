import 'server-only';
import { createSharedAnswers } from '@/lib/cache/shared-answers';
import type { LoadedComparison } from './compare-model';
import { indexVersion } from './index-version';
import { FINISHED_TTL_MS, isFinished, LIVE_TTL_MS } from './run-cache';
import { runStatus } from '@/lib/model/run-fields';
import type { RunIndex } from './run-index';

/** Comparisons kept; and their total size in rows (datasets, params, metrics of the runs and of the diff). */
const COMPARISONS_KEPT = 100;
const COMPARISON_ROWS_KEPT = 2_000_000;

function rowsOf(loaded: LoadedComparison): number {
  const runs = loaded.found.reduce((n, r) => n + (r.lineage ? r.lineage.inputs.length + r.lineage.outputs.length : 0)
    + Object.keys(r.experiment?.params ?? {}).length + Object.keys(r.experiment?.metrics ?? {}).length, 0);
  const c = loaded.comparison;
  return runs + (c ? c.params.length + c.metrics.length + c.inputs.length + c.outputs.length + c.pairs.length : 0);
}

/**
 * Finished runs only, every id found and no source's note (a failed look-up of exact versions): nothing the
 * answer rests on changes until the index does, so it is kept as long as a finished run's (run-cache.ts).
 */
export function comparisonTtlMs(loaded: LoadedComparison): number {
  const settled = loaded.missing.length === 0 && loaded.notes.length === 0 && loaded.found.every((run) => isFinished(runStatus(run)));
  return settled ? FINISHED_TTL_MS : LIVE_TTL_MS;
}

/**
 * A comparison walks the runs' lineage upstream (a hundred index queries and more): under load every view
 * of the same runs did it again (#13). Shared by concurrent and later views while the index is unchanged,
 * for as long as the runs' answers are (comparisonTtlMs); a shed or failed load is not kept.
 */
const comparisons = createSharedAnswers<LoadedComparison>({ max: COMPARISONS_KEPT, ttlMs: LIVE_TTL_MS, ttlOf: comparisonTtlMs, maxSize: COMPARISON_ROWS_KEPT, sizeOf: rowsOf });

export function sharedComparison(index: RunIndex, ids: readonly string[], load: () => Promise<LoadedComparison>): Promise<LoadedComparison> {
  return comparisons(`${indexVersion(index)}\u0000${ids.join(',')}`, load);
}
