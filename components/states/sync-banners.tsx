export interface SyncView {
  source: string;
  phase: string;
  indexed: number;
  estimatedTotal: number | null;
  lastError: string | null;
}

const count = (n: number) => n.toLocaleString('en-US');

/** "Indexing mlflow: 42,000 of ~150,000 runs" while a source backfills: the list is still filling, newest first. */
export function SyncBanners({ sync }: { sync: SyncView[] }) {
  const backfilling = sync.filter((s) => s.phase === 'backfill');
  const failing = sync.filter((s) => s.lastError !== null);
  if (backfilling.length === 0 && failing.length === 0) return null;
  return (
    <>
      {backfilling.map((s) => (
        <div key={`b-${s.source}`} className="notice" role="status" data-testid="sync-banner">
          Indexing {s.source}: {count(s.indexed)}{s.estimatedTotal !== null ? ` of ~${count(s.estimatedTotal)}` : ''} runs, newest first. Older runs appear as they are indexed.
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
