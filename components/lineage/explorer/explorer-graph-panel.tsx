'use client';

import Link from 'next/link';
import { Suspense, useCallback, useEffect, useMemo, useSyncExternalStore, type CSSProperties } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { ExplorerGraph } from '@/lib/graph/explorer-api';
import { layoutInput } from '@/lib/graph/explorer-flow';
import { buildNodeParam, parseNodeParam } from '@/lib/graph/explorer-node-param';
import { QUICK_LAYOUT_MAX_NODES } from '@/lib/graph/quick-layout';
import type { NodePositions } from '@/lib/graph/types';
import { explorerPath, explorerSearch, type ExplorerView } from '@/lib/graph/explorer-url';
import { EmptyState } from '@/components/states/empty-state';
import { ExplorerCanvas } from './explorer-canvas';
import { ExplorerGraphPreview } from './explorer-graph-preview';
import { ApiError, lineageGraphQuery } from '@/lib/queries/lineage';
import { layoutInBackground, startLayoutWorker } from './layout-client';

const frame: CSSProperties = { height: '70vh', minHeight: 420, width: '100%', border: '1px solid #e5e7eb', borderRadius: 8, background: '#fff' };
const centred: CSSProperties = { display: 'grid', placeItems: 'center', height: '100%', color: '#6b7280', fontSize: 14 };

const noSubscription = () => () => {};
/** False on the server and during hydration, true after: ELK runs in the browser only. */
const useIsClient = () => useSyncExternalStore(noSubscription, () => true, () => false);

function Status({ children, testId }: { children: string; testId: string }) {
  return <div style={centred} role="status" data-testid={testId}>{children}</div>;
}

/** Layouts by graph object: react-query keeps a view's object while cached, so going back reuses its layout. */
const layouts = new WeakMap<ExplorerGraph, Promise<NodePositions>>();
function positionsFor(graph: ExplorerGraph): Promise<NodePositions> {
  let positions = layouts.get(graph);
  if (!positions) {
    positions = layoutInBackground(layoutInput(graph));
    layouts.set(graph, positions);
    positions.catch(() => layouts.delete(graph));
  }
  return positions;
}

const plural = (n: number, word: string, many = `${word}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? word : many}`;

interface PanelProps {
  view: ExplorerView;
  /** The view's graph when the page had it already (small views only): drawn with the HTML, never fetched again. */
  initialGraph: ExplorerGraph | null;
  onSelect: (id: string) => void;
}

/** The graph around the URL's node: fetched, laid out in a worker, drawn; each step states itself. */
export function ExplorerGraphPanel({ view, initialGraph, onSelect }: PanelProps) {
  const query = useQuery({ ...lineageGraphQuery(view), initialData: initialGraph ?? undefined });
  useEffect(startLayoutWorker, []);
  if (query.isPending) return <div style={frame}><Status testId="explorer-loading">Loading the lineage graph…</Status></div>;
  if (query.isError) {
    const notFound = query.error instanceof ApiError && query.error.status === 404;
    return notFound ? (
      <EmptyState title="No job or dataset to show">
        <span data-testid="explorer-not-found">{query.error.message}</span> <Link href="/lineage">Search for another one</Link>
      </EmptyState>
    ) : (
      <div className="notice notice-error" role="alert">Could not load the lineage graph: {query.error.message}</div>
    );
  }
  const graph = query.data;
  return (
    <>
      {graph.unavailableSources.map((f) => (
        <div key={f.source} className="notice notice-error" role="alert">{f.source} is unavailable ({f.error}); the graph leaves it out.</div>
      ))}
      {graph.cut ? <div className="notice notice-warn" data-testid="explorer-cut">{graph.cut}</div> : null}
      {graph.columns?.cut ? <div className="notice notice-warn">{graph.columns.cut}</div> : null}
      <p className="subtle" data-testid="explorer-summary">
        {plural(graph.shown, 'node')} and {plural(graph.edges.length, 'edge')}
        {graph.columns ? `, including ${plural(graph.columns.fields, 'field')}` : ''}
        {graph.columns && graph.columns.hiddenEdges > 0 ? `; ${plural(graph.columns.hiddenEdges, 'column edge')} lead to datasets outside this view` : ''}
        {graph.columns && graph.columns.malformed > 0 ? `; ${plural(graph.columns.malformed, 'malformed column lineage entry', 'malformed column lineage entries')} left out` : ''}.
      </p>
      {graph.columns ? <p className="subtle" data-testid="column-legend">Solid violet: the input column&apos;s value flows into the output (direct); dotted: it only filters, joins, groups or orders it (indirect); an edge into a dataset: the whole output depends on that column.</p> : null}
      {/* A new boundary per view: its 'Laying out…' shows even when the URL changed inside a transition. */}
      <LaidOutGraph key={explorerSearch({ ...view, selected: null })} view={view} graph={graph} selectedId={view.selected ? buildNodeParam(view.selected) : null} onSelect={onSelect} />
    </>
  );
}

function LaidOutGraph({ view, graph, selectedId, onSelect }: { view: ExplorerView; graph: ExplorerGraph; selectedId: string | null; onSelect: (id: string) => void }) {
  const isClient = useIsClient();
  // Made here, in a component that does not suspend, so the promise survives the child's retries.
  const positions = useMemo(() => (isClient ? positionsFor(graph) : null), [graph, isClient]);
  const hrefOf = useCallback((id: string) => {
    const parsed = parseNodeParam(id);
    return explorerPath({ ...view, selected: parsed.ok ? parsed.ref : null });
  }, [view]);
  const layingOut = <Status testId="explorer-laying-out">{`Laying out ${plural(graph.nodes.length, 'node')}…`}</Status>;
  // On the server and while hydrating, a small graph is drawn as the page-drawn preview (the canvas needs the browser).
  const before = graph.nodes.length <= QUICK_LAYOUT_MAX_NODES ? <ExplorerGraphPreview graph={graph} selectedId={selectedId} hrefOf={hrefOf} /> : layingOut;
  return (
    <div style={frame} data-testid="explorer-graph">
      {positions === null ? before : (
        <Suspense fallback={layingOut}>
          <ExplorerCanvas graph={graph} positions={positions} selectedId={selectedId} onSelect={onSelect} />
        </Suspense>
      )}
    </div>
  );
}
