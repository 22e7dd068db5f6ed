import Link from 'next/link';
import { StatusBadge } from '@/components/ui/status-badge';
import { formatDuration, formatTime } from '@/components/ui/format';
import { runHref } from '@/lib/api/links';

export interface RunRowView {
  id: string;
  job: string | null;
  runName: string | null;
  experiment: string | null;
  status: string;
  startMs: number | null;
  endMs: number | null;
  rule: string | null;
  linkDetail: string | null;
  unmatchedSide: 'lineage only' | 'experiment only' | null;
  isChild: boolean;
}

/** Each row's checkbox (name=runs) picks it for the compare form (CompareSelection) the table sits in. */
export function RunsTable({ rows }: { rows: RunRowView[] }) {
  return (
    <table data-testid="runs-table">
      <thead>
        <tr><th><span className="subtle" title="Select runs to compare">⇆</span></th><th>Job / stage</th><th>Experiment run</th><th>Status</th><th>Start</th><th>Duration</th><th>Link</th></tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id} data-testid="run-row">
            <td><input type="checkbox" name="runs" value={row.id} aria-label={`Select ${row.job ?? row.runName ?? row.id} to compare`} data-testid="compare-select" /></td>
            <td>
              {row.isChild ? <span className="subtle">↳ </span> : null}
              <Link href={runHref(row.id)}>{row.job ?? row.runName ?? row.id}</Link>
              <div className="subtle mono">{row.id}</div>
            </td>
            <td>{row.runName ?? '—'}<div className="subtle">{row.experiment ?? ''}</div></td>
            <td><StatusBadge status={row.status} /></td>
            <td>{formatTime(row.startMs)}</td>
            <td>{formatDuration(row.startMs, row.endMs)}</td>
            <td>
              {row.rule
                ? <span className="badge badge-rule" title={row.linkDetail ?? ''}>{row.rule}{row.rule === 'dataset' ? ' · suggested' : ''}</span>
                : <span className="badge badge-unmatched" title={row.unmatchedSide ?? ''}>unmatched · {row.unmatchedSide}</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
