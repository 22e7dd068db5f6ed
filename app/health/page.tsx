import type { Metadata } from 'next';
import { CacheHealthNote } from '@/components/states/cache-health-note';
import { SourceHealthCard } from '@/components/states/source-health-card';
import { getHealth } from '@/lib/catalog/health';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Health' };

export default async function HealthPage() {
  const health = await getHealth();
  return (
    <>
      <h1>Health <span className={`badge ${health.status === 'ok' ? 'badge-ok' : 'badge-failed'}`} data-testid="health-status">{health.status}</span></h1>
      <p className="subtle">Checked {health.checkedAt}. The same report as JSON: <a href="/api/health">/api/health</a>.</p>
      {health.envProblems.map((p) => (
        <div key={p.variable} className="notice notice-error" role="alert" data-testid="env-problem">
          <strong>{p.variable}</strong>: {p.message}
        </div>
      ))}
      {health.sources.length === 0 ? (
        <div className="notice notice-info">No source is configured. Set <code>OPENLINEAGE_EVENTS</code> and <code>MLFLOW_TRACKING_URI</code>, or run <code>npm run demo</code>.</div>
      ) : null}
      {health.sources.map((s) => <SourceHealthCard key={s.id} health={s} />)}
      <CacheHealthNote cache={health.cache} />
    </>
  );
}
