import { backfillLine, type SyncBannerView } from '@/lib/catalog/sync-banner';

/** "Indexing mlflow: 42,000 of ~150,000 runs" (or, for lineage feeds, events read) while a source backfills. */
export function SyncBanners({ sync }: { sync: SyncBannerView[] }) {
  const backfilling = sync.filter((s) => s.phase === 'backfill');
  const failing = sync.filter((s) => s.lastError !== null);
  if (backfilling.length === 0 && failing.length === 0) return null;
  return (
    <>
      {backfilling.map((s) => (
        <div key={`b-${s.source}`} className="notice" role="status" data-testid="sync-banner">
          {backfillLine(s)}
        </div>
      ))}
      {failing.map((s) => (
        <div key={`e-${s.source}`} className="notice notice-warning" role="status">
          Indexing {s.source} is retrying: {s.lastError}
        </div>
      ))}
    </>
  );
}
