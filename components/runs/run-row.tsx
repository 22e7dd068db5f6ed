import Link from 'next/link';
import type { ReactNode } from 'react';
import { StatusBadge } from '@/components/ui/status-badge';
import { RelativeTime } from '@/components/ui/relative-time';
import { formatDuration } from '@/components/ui/format';
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
  parentId: string | null;
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

/**
 * One run: its name first (job, else run name), its id under it. `nesting` says where it sits: a stage
 * listed under its parent (indented), a stage listed flat (naming its pipeline), or a top-level run.
 */
export function RunRow({ row, columns, renderedAtMs, nesting, toggle, domId }: {
  row: RunRowView; columns: TableColumn[]; renderedAtMs: number; nesting: 'top' | 'nested' | 'flat'; toggle?: ReactNode; domId?: string;
}) {
  const name = row.job ?? row.runName ?? row.id;
  return (
    <tr data-testid="run-row" id={domId} className={nesting === 'nested' ? 'stage-row' : undefined} data-stage={nesting === 'nested' ? 'true' : undefined}>
      <td><input type="checkbox" name="runs" value={row.id} aria-label={`Select ${name} to compare`} data-testid="compare-select" /></td>
      <td className="run-name">
        {nesting === 'nested' ? <span className="subtle" aria-hidden="true">↳ </span> : null}
        <Link href={runHref(row.id)}>{name}</Link>
        {toggle ? <> {toggle}</> : null}
        <div className="subtle mono">{row.id}</div>
        {nesting === 'flat' && row.parentId ? <div className="subtle">↳ stage of <Link href={runHref(row.parentId)}>its pipeline run</Link></div> : null}
      </td>
      <td>{row.runName ?? '—'}<div className="subtle">{row.experiment ?? ''}</div></td>
      <td><StatusBadge status={row.status} /></td>
      <td><RelativeTime ms={row.startMs} renderedAtMs={renderedAtMs} /></td>
      <td className="nowrap">{formatDuration(row.startMs, row.endMs)}</td>
      <td>
        {row.rule
          ? <span className="badge badge-rule" title={row.linkDetail ?? ''}>{row.rule}{row.rule === 'dataset' ? ' · suggested' : ''}</span>
          : <span className="badge badge-unmatched" title={row.unmatchedSide ?? ''}>unmatched · {row.unmatchedSide}</span>}
      </td>
      {columns.map((c) => <td key={c.id} className="num" data-testid="column-cell">{cellOf(row, c)}</td>)}
    </tr>
  );
}
