import Link from 'next/link';
import { StatusBadge } from '@/components/ui/status-badge';
import { formatNumber } from '@/components/ui/format';
import { runHref } from '@/lib/api/links';

interface RunRefView {
  id: string;
  label: string;
  status: string;
}

export interface DatasetVersionView {
  id: string;
  version: string | null;
  createdAt: string;
  rowCount: number | null;
  createdBy: RunRefView | null;
  readBy: RunRefView[];
}

const runLink = (r: RunRefView) => <div key={r.id}><Link href={runHref(r.id)}>{r.label}</Link> <StatusBadge status={r.status} /></div>;

export function DatasetVersionsTable({ versions }: { versions: DatasetVersionView[] }) {
  return (
    <section className="panel" data-testid="dataset-versions">
      <h2>Versions ({versions.length})</h2>
      {versions.length === 0 ? <p className="subtle">No tracked run wrote this dataset; it is only read (a raw input).</p> : (
        <table>
          <thead><tr><th>Version</th><th>Written at</th><th>Rows</th><th>Written by</th><th>Read by</th></tr></thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.id} data-testid="dataset-version-row">
                <td className="mono nowrap">{v.version ?? <span className="subtle">not reported</span>}</td>
                <td>{v.createdAt}</td>
                <td>{formatNumber(v.rowCount)}</td>
                <td>{v.createdBy ? runLink(v.createdBy) : '—'}</td>
                <td>{v.readBy.length === 0 ? <span className="subtle">no tracked reader</span> : v.readBy.map(runLink)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
