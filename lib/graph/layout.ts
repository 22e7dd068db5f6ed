import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api';
import type { GraphEdge, GraphNode, NodePositions, NodeSizes } from './types';

/**
 * A pure function of plain data (no React, no DOM), so it can move into a Web Worker unchanged
 * when graphs grow; for one run's neighbourhood the main thread is fast enough.
 */

const LAYOUT_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.spacing.nodeNode': '24',
  'elk.layered.spacing.nodeNodeBetweenLayers': '64',
  // Keep the caller's order within a layer so the same input always draws the same way.
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
};

let elk: InstanceType<typeof ELK> | null = null;

export async function layoutGraph(
  nodes: ReadonlyArray<Pick<GraphNode, 'id' | 'kind'>>,
  edges: ReadonlyArray<Pick<GraphEdge, 'id' | 'from' | 'to'>>,
  sizes: NodeSizes,
): Promise<NodePositions> {
  elk ??= new ELK();
  // A new graph object per call: ELK writes its results into the object it is given.
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: LAYOUT_OPTIONS,
    children: nodes.map((n) => ({ id: n.id, ...sizes[n.kind] })),
    edges: edges.map((e) => ({ id: e.id, sources: [e.from], targets: [e.to] })),
  };
  const laidOut = await elk.layout(graph);

  const positions: NodePositions = {};
  for (const child of laidOut.children ?? []) {
    positions[child.id] = { x: child.x ?? 0, y: child.y ?? 0 };
  }
  return positions;
}
