import type { CSSProperties } from 'react';
import { NODE_SIZES } from '@/lib/graph/flow';
import { QUICK_LAYOUT_MAX_NODES, quickLayout } from '@/lib/graph/quick-layout';
import { buildNeighbourhoodGraph, isEmptyNeighbourhood, type RunNeighbourhood } from '@/lib/graph/run-neighbourhood';
import { GraphPreviewSvg } from './graph-preview-svg';
import { NodeBody } from './graph-node-body';
import { datasetNodeStyle, runNodeStyle } from './graph-node-style';

const frame: CSSProperties = { height: 360, width: '100%', border: '1px solid var(--border)', borderRadius: 8, display: 'flex', alignItems: 'center', justifyContent: 'center', overflow: 'hidden' };

/**
 * The run graph drawn with the page (server-rendered SVG, no @xyflow): the same quick layout, node boxes and
 * links as the interactive graph, so a small graph is painted with the HTML; run-graph-lazy swaps in the
 * interactive one (pan, zoom, controls) once its code has loaded. A big graph gets the empty frame.
 */
export function RunGraphPreview({ neighbourhood }: { neighbourhood: RunNeighbourhood }) {
  if (isEmptyNeighbourhood(neighbourhood)) return <div data-testid="run-graph-preview" style={{ ...frame, color: 'var(--muted)', fontSize: 14 }}>This run reported no input or output datasets.</div>;
  const graph = buildNeighbourhoodGraph(neighbourhood);
  if (graph.nodes.length > QUICK_LAYOUT_MAX_NODES) return <div data-testid="run-graph-loading" style={frame} aria-busy="true" />;
  const positions = quickLayout(graph.nodes, graph.edges, NODE_SIZES);
  const boxes = graph.nodes.map((n) => ({
    id: n.id,
    ...(positions[n.id] ?? { x: 0, y: 0 }),
    ...NODE_SIZES[n.kind],
    body: <NodeBody data={n.data} style={n.kind === 'run' ? runNodeStyle(n.data) : datasetNodeStyle()} testId="graph-node-preview" />,
  }));
  return (
    <div data-testid="run-graph-preview" style={frame}>
      <GraphPreviewSvg boxes={boxes} links={graph.edges} label="Lineage around this run" markerId="run-graph-preview-arrow" />
    </div>
  );
}
