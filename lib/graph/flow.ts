import type { Graph, GraphNodeData, GraphNodeKind, NodePosition, NodePositions, NodeSizes } from './types';

/**
 * The shapes @xyflow/react renders, declared here because pure modules may not import it
 * (lint); they are structurally its `Node<GraphNodeData, kind>` and `Edge`.
 */
export interface FlowNode<K extends GraphNodeKind = GraphNodeKind> {
  id: string;
  type: K;
  data: GraphNodeData;
  position: NodePosition;
  width: number;
  height: number;
}

export interface FlowEdge {
  id: string;
  source: string;
  target: string;
}

/** One size per kind, shared by the layout and the rendered nodes so ELK's spacing holds on screen. */
export const NODE_SIZES: NodeSizes = {
  run: { width: 210, height: 58 },
  dataset: { width: 210, height: 58 },
};

/** Fixed sizes and ELK positions; a node ELK did not place falls back to the origin. */
export function toFlowElements(
  graph: Graph,
  positions: NodePositions,
  sizes: NodeSizes = NODE_SIZES,
): { nodes: FlowNode[]; edges: FlowEdge[] } {
  const nodes = graph.nodes.map(
    (n): FlowNode => ({
      id: n.id,
      type: n.kind,
      data: n.data,
      position: positions[n.id] ?? { x: 0, y: 0 },
      ...sizes[n.kind],
    }),
  );
  const edges = graph.edges.map((e): FlowEdge => ({ id: e.id, source: e.from, target: e.to }));
  return { nodes, edges };
}
