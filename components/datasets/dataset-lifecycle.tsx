import Link from 'next/link';
import { formatTime } from '@/components/ui/format';
import type { DatasetPageModel } from '@/lib/catalog/dataset-page-model';

const WHAT: Record<string, string> = {
  DROP: 'dropped', TRUNCATE: 'truncated', RENAME: 'renamed', OVERWRITE: 'overwritten', CREATE: 'created', ALTER: 'altered',
};

/** The dataset's lifecycle changes (the `lifecycleStateChange` facet), newest first: when, how, by which run. */
export function DatasetLifecycle({ rows }: { rows: DatasetPageModel['lifecycle'] }) {
  if (rows.length === 0) return null;
  return (
    <section className="panel" data-testid="dataset-lifecycle">
      <h2>Lifecycle</h2>
      <table>
        <thead><tr><th>When</th><th>Change</th><th>By run</th></tr></thead>
        <tbody>
          {rows.map((l) => (
            <tr key={`${l.runId}\u0000${l.change}\u0000${l.at}`}>
              <td className="mono">{formatTime(Date.parse(l.at))}</td>
              <td><span className={`badge ${l.change === 'DROP' ? 'badge-failed' : ''}`}>{l.change}</span> {WHAT[l.change] ?? ''}{l.previous ? <span className="subtle"> (was {l.previous})</span> : null}</td>
              <td>{l.run ? <Link href={l.run.href}>{l.run.label}</Link> : <span className="mono">{l.runId}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
