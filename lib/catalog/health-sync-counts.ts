import type { SourceHealth } from '@/lib/model';
import type { SyncProgressView } from '@/lib/index/process-index';

/**
 * An experiment source whose snapshot holds no runs (an MLflow server, W&B: runs reach the index through its
 * change feed) has no run count of its own: its card shows how many runs its syncer has read instead of nothing.
 */
export function withSyncedRuns(health: SourceHealth, sync: SyncProgressView | undefined): SourceHealth {
  if (health.kind !== 'experiment' || 'runs' in health.counts || sync === undefined) return health;
  return { ...health, counts: { ...health.counts, runsIndexed: sync.indexed } };
}
