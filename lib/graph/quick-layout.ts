import type { GraphEdge, NodePositions, NodeSize } from './types';

/** Up to this many nodes the run page and the explorer lay a graph out here, synchronously, instead of loading ELK. */
export const QUICK_LAYOUT_MAX_NODES = 100;
const LAYER_GAP = 64;
const NODE_GAP = 24;

/**
 * Longest-path layering, left to right: a node sits one column right of its furthest-placed source. Each
 * column is centred on the tallest. Cycles are cut by bounding the passes at the node count. O(passes · edges).
 */
export function quickLayout<K extends string>(
  nodes: ReadonlyArray<{ id: string; kind: K }>,
  edges: ReadonlyArray<Pick<GraphEdge, 'from' | 'to'>>,
  sizes: Record<K, NodeSize>,
): NodePositions {
  const layer = new Map(nodes.map((n) => [n.id, 0]));
  for (let pass = 0; pass < nodes.length; pass++) {
    let moved = false;
    for (const e of edges) {
      const from = layer.get(e.from);
      const to = layer.get(e.to);
      if (from === undefined || to === undefined || to > from) continue;
      layer.set(e.to, from + 1);
      moved = true;
    }
    if (!moved) break;
  }
  const columns: Array<Array<{ id: string; kind: K }>> = [];
  for (const n of nodes) (columns[layer.get(n.id) ?? 0] ??= []).push(n);
  const heightOf = (column: Array<{ kind: K }>) => column.reduce((sum, n) => sum + sizes[n.kind].height, 0) + NODE_GAP * (column.length - 1);
  const tallest = Math.max(0, ...columns.map((c) => (c ? heightOf(c) : 0)));
  const positions: NodePositions = {};
  let x = 0;
  for (const column of columns) {
    if (!column) continue;
    let y = (tallest - heightOf(column)) / 2;
    for (const n of column) {
      positions[n.id] = { x, y };
      y += sizes[n.kind].height + NODE_GAP;
    }
    x += Math.max(...column.map((n) => sizes[n.kind].width)) + LAYER_GAP;
  }
  return positions;
}
