import 'server-only';
import { createSharedAnswers } from '@/lib/cache/shared-answers';
import type { UnifiedRun, UpstreamLineage } from '@/lib/model';
import { indexVersion } from './index-version';
import { LIVE_TTL_MS } from './run-cache';
import type { RunIndex } from './run-index';

const WALKS_KEPT = 500;
/** Runs and inputs kept over all walks (a walk may list 500 runs a level, each with many inputs). */
const WALK_ROWS_KEPT = 1_000_000;

/**
 * A run's upstream walk (the source's answer, or when it fails the index walked level by level) was made
 * again on every view of the run and model pages (#13). Shared by concurrent and later views while the
 * index is unchanged, for as long as a running run's answers are; a failed walk is not kept.
 */
const walks = createSharedAnswers<UpstreamLineage>({
  max: WALKS_KEPT, ttlMs: LIVE_TTL_MS, maxSize: WALK_ROWS_KEPT, sizeOf: (walk) => walk.runs.reduce((n, r) => n + 1 + r.inputs.length, 0),
});

export function sharedUpstreamWalk(index: RunIndex, run: UnifiedRun, depth: number, walk: () => Promise<UpstreamLineage>): Promise<UpstreamLineage> {
  return walks(`${indexVersion(index)}\u0000${run.lineage?.source ?? ''}\u0000${run.lineage?.runId ?? run.id}\u0000${depth}`, walk);
}
