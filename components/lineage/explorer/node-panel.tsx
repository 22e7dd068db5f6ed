'use client';

import Link from 'next/link';
import type { CSSProperties } from 'react';
import { useQuery } from '@tanstack/react-query';
import { buildNodeParam, sameRef, type NodeRef } from '@/lib/graph/explorer-node-param';
import type { ExplorerView } from '@/lib/graph/explorer-url';
import { DatasetDetail } from './dataset-detail';
import { ApiError, nodeDetailQuery } from '@/lib/queries/lineage';
import { JobDetail } from './job-detail';
import { useExplorerNav } from './use-explorer-nav';

const aside: CSSProperties = { maxHeight: '80vh', overflowY: 'auto', margin: 0 };
const actions: CSSProperties = { display: 'flex', flexWrap: 'wrap', gap: 12, fontSize: '0.9em', margin: '6px 0' };

/** The clicked node's own data, fetched on its own so a failure here never blanks the graph. */
export function NodePanel({ view, node }: { view: ExplorerView; node: NodeRef }) {
  const { href } = useExplorerNav(view);
  const query = useQuery(nodeDetailQuery(buildNodeParam(node)));
  const expanded = view.expand.some((e) => sameRef(e, node));
  const isFocus = view.node !== null && sameRef(view.node, node);

  return (
    <aside className="panel" style={aside} data-testid="explorer-panel" aria-label={`${node.kind} ${node.name}`}>
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
        <h2 style={{ overflowWrap: 'anywhere' }}><span className="badge">{node.kind}</span> {node.name}</h2>
        <Link href={href({ selected: null })} scroll={false} aria-label="Close the panel" data-testid="explorer-panel-close">✕</Link>
      </div>
      <div className="subtle mono">{node.namespace}</div>
      <div style={actions}>
        {query.data ? <Link href={query.data.href} data-testid="explorer-panel-page">Open the {node.kind} page</Link> : null}
        {isFocus ? null : <Link href={href({ node, expand: [], selected: node })} scroll={false}>Centre the graph here</Link>}
        <Link href={href({ expand: expanded ? view.expand.filter((e) => !sameRef(e, node)) : [...view.expand, node] })} scroll={false} data-testid="explorer-expand">
          {expanded ? 'Collapse neighbours' : 'Expand neighbours'}
        </Link>
      </div>
      {query.isPending ? <p className="subtle" role="status">Loading…</p> : null}
      {query.isError ? (
        <div className="notice notice-error" role="alert">
          {query.error instanceof ApiError && query.error.status === 404 ? query.error.message : `Could not load this ${node.kind}: ${query.error.message}`}
        </div>
      ) : null}
      {query.data?.description ? <p>{query.data.description}</p> : null}
      {query.data?.job ? <JobDetail job={query.data.job} /> : null}
      {query.data?.dataset ? <DatasetDetail dataset={query.data.dataset} /> : null}
    </aside>
  );
}
