import type { CacheHealth } from '@/lib/cache/types';

/** Where cached upstream answers live; a failing Redis is named, and pages keep working from memory. */
export function CacheHealthNote({ cache }: { cache: CacheHealth }) {
  return (
    <section className="panel" data-testid="cache-health">
      <h2>Cache <span className={`badge ${cache.status === 'ok' ? 'badge-ok' : 'badge-failed'}`}>{cache.status}</span></h2>
      <p className="subtle">
        {cache.kind === 'memory' ? 'In this process only (set REDIS_URL to share it between replicas).' : <>In this process, in front of Redis at <code>{cache.location}</code>, shared by every replica.</>}
      </p>
      {cache.error ? <div className="notice notice-warn" role="alert">{cache.error}</div> : null}
    </section>
  );
}
