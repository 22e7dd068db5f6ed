// /health and every page read each source's sync progress; a files cursor holds an entry per file (megabytes at
// 40,000 files), so those reads must not carry it (only the syncer reads it).
import { describe, expect, it } from 'vitest';
import { syncProgress } from '@/lib/index/process-index';
import { holdLease, readSyncState, readSyncStates, saveSyncProgress } from '@/lib/index/sync-state';
import { withFreshIndexes } from './fresh-index';

const freshIndex = withFreshIndexes();

describe.each(['sqlite', 'postgres'] as const)('sync progress on %s', (dialect) => {
  it('is read without the cursor, which the syncer still reads whole', async () => {
    const index = await freshIndex(dialect);
    const cursor = JSON.stringify({ files: Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`/events/${i}.json`, [1, 2, 3]])) });
    expect(await holdLease(index.db, 'openlineage-files', 'replica-a', 30_000, 1_000)).toBe(true);
    expect(await saveSyncProgress(index.db, 'openlineage-files', 'replica-a', { cursor, phase: 'backfill', indexed: 2_000, estimated_total: 5_000, last_error: null }, 2_000)).toBe(true);
    const states = await readSyncStates(index.db);
    expect(states).toHaveLength(1);
    expect(Object.keys(states[0]!)).not.toContain('cursor');
    expect(await syncProgress(index, 3_000)).toEqual([{
      source: 'openlineage-files', phase: 'backfill', indexed: 2_000, estimatedTotal: 5_000, reachedBackTo: null, lastError: null,
      updatedAt: new Date(2_000).toISOString(), syncedBy: 'replica-a',
    }]);
    expect((await readSyncState(index.db, 'openlineage-files'))?.cursor).toBe(cursor);
  });
});
