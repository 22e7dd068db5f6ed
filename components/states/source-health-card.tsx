import { Fragment } from 'react';
import type { SourceHealth } from '@/lib/model';

const PROBLEMS_SHOWN = 100;

export function SourceHealthCard({ health }: { health: SourceHealth }) {
  const tone = health.status === 'ok' ? 'badge-ok' : health.status === 'degraded' ? 'badge-unmatched' : 'badge-failed';
  return (
    <section className="panel" data-testid="source-health">
      <h2>{health.label} <span className={`badge ${tone}`}>{health.status}</span> <span className="subtle mono">{health.id}</span></h2>
      <dl className="kv">
        <dt>Reads</dt><dd className="mono">{health.location ?? '—'}</dd>
        {Object.entries(health.counts).map(([k, v]) => <Fragment key={k}><dt>{k}</dt><dd>{v.toLocaleString('en-US')}</dd></Fragment>)}
        {Object.entries(health.details).map(([k, v]) => <Fragment key={k}><dt>{k}</dt><dd className="mono">{v}</dd></Fragment>)}
      </dl>
      {health.error ? <div className="notice notice-error" role="alert">{health.error}</div> : null}
      {health.problems.length > 0 ? (
        <div className="notice notice-warn" data-testid="source-problems">
          <strong>{health.problems.length} problem{health.problems.length === 1 ? '' : 's'} skipped while loading</strong> (the rest loaded):
          <ul>
            {health.problems.slice(0, PROBLEMS_SHOWN).map((p, i) => (
              <li key={i}><code>{p.where}{p.line !== undefined ? `:${p.line}` : ''}</code> — {p.message}</li>
            ))}
          </ul>
          {health.problems.length > PROBLEMS_SHOWN ? <p>…and {health.problems.length - PROBLEMS_SHOWN} more (all are in <a href="/api/health">/api/health</a>).</p> : null}
        </div>
      ) : null}
    </section>
  );
}
