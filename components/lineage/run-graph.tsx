'use client';

import { Suspense, use, useMemo, useSyncExternalStore, type CSSProperties } from 'react';
import { NODE_SIZES } from '@/lib/graph/flow';
import { QUICK_LAYOUT_MAX_NODES, quickLayout } from '@/lib/graph/quick-layout';
import { buildNeighbourhoodGraph, isEmptyNeighbourhood, type RunNeighbourhood } from '@/lib/graph/run-neighbourhood';
import type { Graph, NodePositions } from '@/lib/graph/types';
import { RunGraphCanvas } from './run-graph-canvas';

const frame: CSSProperties = { height: 360, width: '100%', border: '1px solid var(--border)', borderRadius: 8 };
const message: CSSProperties = { display: 'grid', placeItems: 'center', color: 'var(--muted)', fontSize: 14 };
const filled: CSSProperties = { ...message, height: '100%' };
const centred: CSSProperties = { ...frame, ...message };

const noSubscription = () => () => {};

/** False on the server and during hydration, true after: the canvas measures the browser's layout. */
function useIsClient(): boolean {
  return useSyncExternalStore(noSubscription, () => true, () => false);
}

function LayingOut({ count }: { count: number }) {
  return (
    <div style={filled} role="status">
      Laying out {count} nodes…
    </div>
  );
}

/**
 * A small graph (every run page's, nearly always) is placed synchronously by quickLayout and painted at once;
 * only a big one loads ELK (≈1.5 MB of JS), on demand.
 */
function placeGraph(graph: Graph): NodePositions | Promise<NodePositions> {
  if (graph.nodes.length <= QUICK_LAYOUT_MAX_NODES) return quickLayout(graph.nodes, graph.edges, NODE_SIZES);
  return import('@/lib/graph/layout').then(({ layoutGraph }) => layoutGraph(graph.nodes, graph.edges, NODE_SIZES));
}

/** The run, the datasets it read and wrote, and the runs on the other side of those datasets. */
export function RunGraph({ neighbourhood }: { neighbourhood: RunNeighbourhood }) {
  if (isEmptyNeighbourhood(neighbourhood)) {
    return (
      <div data-testid="run-graph" style={centred}>
        This run reported no input or output datasets.
      </div>
    );
  }
  return <LaidOutGraph neighbourhood={neighbourhood} />;
}

function LaidOutGraph({ neighbourhood }: { neighbourhood: RunNeighbourhood }) {
  const isClient = useIsClient();
  const graph = useMemo(() => buildNeighbourhoodGraph(neighbourhood), [neighbourhood]);
  // Created here, in a component that does not suspend, so a promise survives the child's retries.
  const positions = useMemo(() => (isClient ? placeGraph(graph) : null), [graph, isClient]);

  return (
    <div data-testid="run-graph" style={frame}>
      {positions === null ? (
        <LayingOut count={graph.nodes.length} />
      ) : positions instanceof Promise ? (
        <Suspense fallback={<LayingOut count={graph.nodes.length} />}>
          <AwaitedCanvas graph={graph} positions={positions} />
        </Suspense>
      ) : (
        <RunGraphCanvas graph={graph} positions={positions} />
      )}
    </div>
  );
}

function AwaitedCanvas({ graph, positions }: { graph: Graph; positions: Promise<NodePositions> }) {
  return <RunGraphCanvas graph={graph} positions={use(positions)} />;
}
