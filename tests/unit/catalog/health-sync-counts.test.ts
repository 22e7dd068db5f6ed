import { describe, expect, it } from 'vitest';
import type { SourceHealth } from '@/lib/model';
import { withSyncedRuns } from '@/lib/catalog/health-sync-counts';

const card = (kind: SourceHealth['kind'], counts: Record<string, number>): SourceHealth => ({
  id: 'mlflow', label: 'MLflow tracking server', kind, configured: true, location: null, status: 'ok', counts, problems: [], error: null, details: {}, checkedAt: '2026-12-07T00:00:00.000Z',
});
const sync = { source: 'mlflow', phase: 'follow', indexed: 150_000, estimatedTotal: 150_000, lastError: null, updatedAt: '2026-12-07T00:00:00.000Z', syncedBy: 'a' };

describe('a health card of a source whose runs live only in the index', () => {
  it('counts the runs its syncer read instead of showing none', () => {
    expect(withSyncedRuns(card('experiment', { experiments: 200 }), sync).counts).toEqual({ experiments: 200, runsIndexed: 150_000 });
  });

  it('leaves a card that counts its own runs, a lineage card and a source not synced as they are', () => {
    expect(withSyncedRuns(card('experiment', { runs: 5 }), sync).counts).toEqual({ runs: 5 });
    expect(withSyncedRuns(card('lineage', { eventsRead: 9 }), sync).counts).toEqual({ eventsRead: 9 });
    expect(withSyncedRuns(card('experiment', { experiments: 2 }), undefined).counts).toEqual({ experiments: 2 });
  });
});
