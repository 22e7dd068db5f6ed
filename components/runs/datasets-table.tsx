import Link from 'next/link';
import { DatasetLabel } from '@/components/ui/dataset-label';
import { formatNumber } from '@/components/ui/format';
import { runHref } from '@/lib/api/links';

export interface DatasetRowView {
  namespace: string;
  name: string;
  version: string | null;
  digest: string | null;
  rowCount: number | null;
  related: Array<{ id: string; label: string; status: string }>;
  href: string | null;
  /** The `lifecycleStateChange` the run reported on it (DROP, TRUNCATE, …), if any. */
  lifecycleChange?: string | null;
}

/**
 * `relatedLabel` is "Produced by" for inputs and "Read by" for outputs. Version and digest are compared only for
 * MLflow, whose dataset digest is the OpenLineage version by convention; a W&B artifact digest is its own hash.
 */
export function DatasetsTable({ title, rows, relatedLabel, testId, tracker = 'MLflow' }: { title: string; rows: DatasetRowView[]; relatedLabel: string; testId: string; tracker?: 'MLflow' | 'W&B' }) {
  const comparable = tracker === 'MLflow';
  return (
    <section className="panel" data-testid={testId}>
      <h2>{title}</h2>
      {rows.length === 0 ? <p className="subtle">None reported.</p> : (
        <table>
          <thead><tr><th>Dataset</th><th>Version</th><th>{tracker === 'W&B' ? 'W&B artifact digest' : 'MLflow digest'}</th><th>Rows</th><th>{relatedLabel}</th></tr></thead>
          <tbody>
            {rows.map((d) => (
              <tr key={`${d.namespace}\u0000${d.name}`} className={comparable && d.version && d.digest && d.version !== d.digest ? 'disagree' : undefined}>
                <td>
                  {d.href ? <Link href={d.href}><DatasetLabel dataset={d} /></Link> : <DatasetLabel dataset={d} />}
                  {d.lifecycleChange ? <> <span className={`badge ${d.lifecycleChange === 'DROP' ? 'badge-failed' : ''}`} data-testid="lifecycle-change">{d.lifecycleChange}</span></> : null}
                </td>
                <td className="mono" data-testid="dataset-version">{d.version ?? <span className="subtle">not reported</span>}</td>
                {/* W&B digests are 32 hex digits: they may wrap rather than push the table out of its panel. */}
                <td className={comparable ? 'mono nowrap' : 'mono'}>{d.digest ?? '—'}</td>
                <td>{formatNumber(d.rowCount)}</td>
                <td>{d.related.length === 0 ? <span className="subtle">—</span> : d.related.map((r) => (
                  <div key={r.id}><Link href={runHref(r.id)}>{r.label}</Link> <span className="subtle">{r.status}</span></div>
                ))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
