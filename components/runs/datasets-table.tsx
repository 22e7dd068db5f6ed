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
  /** How many related runs there are in all (outputs: the version's readers), when more than `related` may hold. */
  relatedCount?: { total: number; atLeast: boolean };
  href: string | null;
  /** The `lifecycleStateChange` the run reported on it (DROP, TRUNCATE, …), if any. */
  lifecycleChange?: string | null;
}

/** Related runs listed per dataset; the rest are counted (the dataset page lists a version's readers). */
const RELATED_SHOWN = 20;

/** "showing 20 of 5,000 runs" (or "of 1,000+"); null when every related run is listed. */
function relatedCut(d: DatasetRowView): string | null {
  const shown = Math.min(d.related.length, RELATED_SHOWN);
  const count = d.relatedCount ?? { total: d.related.length, atLeast: false };
  if (shown >= count.total) return null;
  return `showing ${shown.toLocaleString('en-US')} of ${count.total.toLocaleString('en-US')}${count.atLeast ? '+' : ''} runs`;
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
                <td>{d.related.length === 0 && relatedCut(d) === null ? <span className="subtle">—</span> : d.related.slice(0, RELATED_SHOWN).map((r) => (
                  <div key={r.id}><Link href={runHref(r.id)}>{r.label}</Link> <span className="subtle">{r.status}</span></div>
                ))}
                {relatedCut(d) ? <div className="subtle" data-testid="related-cut">{relatedCut(d)}{d.href ? <> (<Link href={d.href}>all on the dataset page</Link>)</> : null}</div> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
