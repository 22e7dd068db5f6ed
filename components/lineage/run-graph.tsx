'use client';

import { Suspense, useMemo, useSyncExternalStore, type CSSProperties } from 'react';
import { NODE_SIZES } from '@/lib/graph/flow';
import { layoutGraph } from '@/lib/graph/layout';
import { buildNeighbourhoodGraph, isEmptyNeighbourhood, type RunNeighbourhood } from '@/lib/graph/run-neighbourhood';
import { RunGraphCanvas } from './run-graph-canvas';

const frame: CSSProperties = { height: 360, width: '100%', border: '1px solid #e5e7eb', borderRadius: 8 };
const message: CSSProperties = { display: 'grid', placeItems: 'center', color: '#6b7280', fontSize: 14 };
const filled: CSSProperties = { ...message, height: '100%' };
const centred: CSSProperties = { ...frame, ...message };

const noSubscription = () => () => {};

/** False on the server and during hydration, true after: ELK runs in the browser only. */
function useIsClient(): boolean {
  return useSyncExternalStore(noSubscription, () => true, () => false);
}

function LayingOut() {
  return (
    <div style={filled} role="status">
      Laying out graph…
    </div>
  );
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
  // Created here, in a component that does not suspend, so the promise survives the child's retries.
  const positions = useMemo(
    () => (isClient ? layoutGraph(graph.nodes, graph.edges, NODE_SIZES) : null),
    [graph, isClient],
  );

  return (
    <div data-testid="run-graph" style={frame}>
      {positions === null ? (
        <LayingOut />
      ) : (
        <Suspense fallback={<LayingOut />}>
          <RunGraphCanvas graph={graph} positions={positions} />
        </Suspense>
      )}
    </div>
  );
}
