'use client';

import Link from 'next/link';
import type { CSSProperties } from 'react';
import { useQuery } from '@tanstack/react-query';
import { DEPTH_MAX, type ExplorerView, type ViewDirection } from '@/lib/graph/explorer-url';
import { lineageGraphQuery } from '@/lib/queries/lineage';
import { ExplorerSearch } from './explorer-search';
import { useExplorerNav } from './use-explorer-nav';

const bar: CSSProperties = { display: 'flex', flexWrap: 'wrap', gap: 14, alignItems: 'center', margin: '10px 0' };
const group: CSSProperties = { display: 'inline-flex', border: '1px solid #e3e6ec', borderRadius: 6, overflow: 'hidden' };
const seg = (on: boolean, off = false): CSSProperties => ({
  padding: '5px 10px', fontSize: 13, background: on ? '#2f5bea' : '#fff', color: on ? '#fff' : off ? '#6b7280' : '#2f5bea',
});
const DIRECTIONS: Array<{ dir: ViewDirection; label: string; hint: string }> = [
  { dir: 'up', label: 'Upstream', hint: 'What feeds this node' },
  { dir: 'both', label: 'Both', hint: 'Upstream and downstream, without siblings' },
  { dir: 'down', label: 'Downstream', hint: 'What this node feeds' },
];
const DEPTHS = Array.from({ length: DEPTH_MAX }, (_, i) => i + 1);

/** Each control is a URL: links for toggles, a select that pushes a new URL for the depth. */
export function ExplorerToolbar({ view }: { view: ExplorerView }) {
  const { href, go } = useExplorerNav(view);
  // The graph panel's query (shared by key): only used to say when the column view has nothing to show.
  const { data } = useQuery(lineageGraphQuery(view));
  const noColumns = data?.columnLineageDatasets === 0 && !view.columns;
  return (
    <div style={bar}>
      <ExplorerSearch keep={{ depth: view.depth, dir: view.dir, full: view.full, columns: view.columns, limit: view.limit }} />
      <label className="subtle">
        Depth{' '}
        <select aria-label="Depth" data-testid="explorer-depth" value={view.depth} onChange={(e) => go({ depth: Number(e.target.value) })}>
          {DEPTHS.map((d) => <option key={d} value={d}>{d}</option>)}
        </select>
      </label>
      <nav style={group} aria-label="Direction">
        {DIRECTIONS.map(({ dir, label, hint }) => (
          <Link key={dir} href={href({ dir, full: false })} scroll={false} style={seg(!view.full && view.dir === dir, view.full)} title={hint}
            aria-current={!view.full && view.dir === dir ? 'true' : undefined} data-testid={`explorer-dir-${dir}`}>
            {label}
          </Link>
        ))}
      </nav>
      <Link href={href({ full: !view.full })} scroll={false} style={{ ...group, ...seg(view.full) }} aria-current={view.full ? 'true' : undefined} data-testid="explorer-full"
        title="Walk edges in either direction, siblings included (like Marquez's lineage view)">
        Full graph
      </Link>
      <Link href={href({ columns: !view.columns })} scroll={false} style={{ ...group, ...seg(view.columns, noColumns) }} aria-current={view.columns ? 'true' : undefined} data-testid="explorer-columns"
        title={noColumns ? 'No dataset in this view reports a columnLineage facet' : 'Show field-level lineage from the columnLineage facet'}>
        Columns
      </Link>
      {view.expand.length > 0 ? (
        <Link href={href({ expand: [] })} scroll={false} data-testid="explorer-clear-expand">Clear {view.expand.length} expanded</Link>
      ) : null}
    </div>
  );
}
