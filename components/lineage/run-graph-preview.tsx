import type { CSSProperties } from 'react';
import { NODE_SIZES } from '@/lib/graph/flow';
import { QUICK_LAYOUT_MAX_NODES, quickLayout } from '@/lib/graph/quick-layout';
import { buildNeighbourhoodGraph, isEmptyNeighbourhood, type RunNeighbourhood } from '@/lib/graph/run-neighbourhood';
import { NodeBody } from './graph-node-body';
import { datasetNodeStyle, runNodeStyle } from './graph-node-style';

const frame: CSSProperties = { height: 360, width: '100%', border: '1px solid var(--border)', borderRadius: 8, display: 'flex', alignItems: 'center', justifyContent: 'center', overflow: 'hidden' };
// As the interactive graph fits it: 15 % padding, never larger than 1:1 (run-graph-canvas.tsx).
const PADDING = 0.15;

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
  const boxes = graph.nodes.map((n) => ({ node: n, ...(positions[n.id] ?? { x: 0, y: 0 }), ...NODE_SIZES[n.kind] }));
  const right = Math.max(...boxes.map((b) => b.x + b.width));
  const bottom = Math.max(...boxes.map((b) => b.y + b.height));
  const [padX, padY] = [right * PADDING, bottom * PADDING];
  const at = new Map(boxes.map((b) => [b.node.id, b]));
  return (
    <div data-testid="run-graph-preview" style={frame}>
      <svg width={right + 2 * padX} height={bottom + 2 * padY} viewBox={`${-padX} ${-padY} ${right + 2 * padX} ${bottom + 2 * padY}`}
        style={{ maxWidth: '100%', maxHeight: '100%' }} role="group" aria-label="Lineage around this run">
        <defs>
          <marker id="run-graph-preview-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="12" markerHeight="12" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" fill="#b1b1b7" />
          </marker>
        </defs>
        {graph.edges.map((e) => {
          const [from, to] = [at.get(e.from), at.get(e.to)];
          if (!from || !to) return null;
          const [sx, sy, tx, ty] = [from.x + from.width, from.y + from.height / 2, to.x, to.y + to.height / 2];
          const mid = (sx + tx) / 2;
          return <path key={e.id} d={`M${sx},${sy} C${mid},${sy} ${mid},${ty} ${tx},${ty}`} fill="none" stroke="#b1b1b7" strokeWidth={1} markerEnd="url(#run-graph-preview-arrow)" />;
        })}
        {boxes.map((b) => (
          <foreignObject key={b.node.id} x={b.x} y={b.y} width={b.width} height={b.height}>
            <NodeBody data={b.node.data} style={b.node.kind === 'run' ? runNodeStyle(b.node.data) : datasetNodeStyle()} testId="graph-node-preview" />
          </foreignObject>
        ))}
      </svg>
    </div>
  );
}
