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
  childCount: number;
  metrics: Record<string, number | null>;
  params: Record<string, string>;
}

export interface TableColumn {
  /** `metrics.<key>` or `params.<key>`. */
  id: string;
  label: string;
  /** The list sorted by this column (toggling direction when it is the current sort). */
  sortHref: string;
  /** ▲ / ▼ when the list is sorted by it. */
  sorted: 'asc' | 'desc' | null;
}

function cellOf(row: RunRowView, column: TableColumn): string {
  if (column.id.startsWith('metrics.')) {
    const value = row.metrics[column.id.slice('metrics.'.length)];
    return value === undefined ? '—' : value === null ? 'NaN/∞' : Number(value.toPrecision(6)).toString();
  }
  return row.params[column.id.slice('params.'.length)] ?? '—';
}

/** Each row's checkbox (name=runs) picks it for the compare form (CompareSelection) the table sits in. */
export function RunsTable({ rows, columns = [] }: { rows: RunRowView[]; columns?: TableColumn[] }) {
  return (
    <table data-testid="runs-table">
      <thead>
        <tr>
          <th><span className="subtle" title="Select runs to compare">⇆</span></th><th>Job / stage</th><th>Experiment run</th><th>Status</th><th>Start</th><th>Duration</th><th>Link</th>
          {columns.map((c) => (
            <th key={c.id} aria-sort={c.sorted === 'asc' ? 'ascending' : c.sorted === 'desc' ? 'descending' : undefined}>
              <Link href={c.sortHref} data-testid="column-sort">{c.label}{c.sorted === 'asc' ? ' ▲' : c.sorted === 'desc' ? ' ▼' : ''}</Link>
            </th>
          ))}
        </tr>
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
            {columns.map((c) => <td key={c.id} className="num" data-testid="column-cell">{cellOf(row, c)}</td>)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
