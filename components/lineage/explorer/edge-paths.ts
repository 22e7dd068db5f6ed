import { getBezierPath, Position } from '@xyflow/react';
import type { ExplorerFlowEdge } from '@/lib/graph/explorer-flow';
import type { EdgeEnds } from '@/lib/graph/explorer-window';

type Kind = ExplorerFlowEdge['kind'];

/** One kind's edges as two path strings: the curves (@xyflow's own bezier) and their arrow heads. */
export interface KindPaths {
  kind: Kind;
  curves: string;
  arrows: string;
  count: number;
}

export interface EdgeLabel {
  id: string;
  text: string;
  x: number;
  y: number;
}

const ARROW_LENGTH = 7;
const ARROW_HALF_WIDTH = 4;

/**
 * Every edge of each kind in one path, so a hub of 2,000 edges is one element instead of 2,000 @xyflow edge
 * components; the arrow heads end at the target's left middle, where the curve arrives horizontally.
 */
export function edgePaths(edges: readonly EdgeEnds<Kind>[]): { paths: KindPaths[]; labels: EdgeLabel[] } {
  const byKind = new Map<Kind, { curves: string[]; arrows: string[] }>();
  const labels: EdgeLabel[] = [];
  for (const e of edges) {
    const [curve, labelX, labelY] = getBezierPath({ ...e, sourcePosition: Position.Right, targetPosition: Position.Left });
    const parts = byKind.get(e.kind) ?? byKind.set(e.kind, { curves: [], arrows: [] }).get(e.kind)!;
    parts.curves.push(curve);
    const back = e.targetX - ARROW_LENGTH;
    parts.arrows.push(`M${back},${e.targetY - ARROW_HALF_WIDTH}L${e.targetX},${e.targetY}L${back},${e.targetY + ARROW_HALF_WIDTH}`);
    if (e.label) labels.push({ id: e.id, text: e.label, x: labelX, y: labelY });
  }
  const paths = [...byKind].map(([kind, p]) => ({ kind, curves: p.curves.join(''), arrows: p.arrows.join(''), count: p.curves.length }));
  return { paths, labels };
}
