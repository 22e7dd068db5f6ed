import { traverse, type Adjacency, type Direction } from './traverse';
import type { ViewDirection } from './explorer-url';

export interface SubgraphOptions {
  focus: string;
  depth: number;
  dir: ViewDirection;
  full: boolean;
  /** Nodes whose neighbours are added (one hop, either direction). */
  expand: readonly string[];
  limit: number;
}

export interface SubgraphNode {
  id: string;
  /** Edges from the focus, or null for a node only an expansion reached. */
  hop: number | null;
}

export interface CutNotice {
  shown: number;
  total: number;
  message: string;
}

export interface Subgraph {
  /** The focus first, then expansions, then the rest nearest first. */
  nodes: SubgraphNode[];
  /** Every edge between two shown nodes, in data-flow direction. */
  edges: Array<{ from: string; to: string }>;
  /** How many nodes the view holds before the cap. */
  total: number;
  /** Set when the cap left nodes out: the page must say so. */
  cut: CutNotice | null;
}

export function walkDirection(dir: ViewDirection, full: boolean): Direction {
  return full ? 'any' : dir;
}

const count = (n: number): string => n.toLocaleString('en-US');

export function cutMessage(shown: number, total: number, depth: number, expanded: boolean): string {
  const within = `within depth ${depth}${expanded ? ' (and around expanded nodes)' : ''}`;
  return `Showing ${count(shown)} of ${count(total)} nodes ${within}; the farthest were left out. Reduce the depth, pick one direction, or raise the limit.`;
}

/**
 * The nodes around the focus, capped at `limit`. The focus and the neighbours a person asked for
 * (expansions) are kept before anything farther away, so an expansion is never the part that is cut.
 */
export function selectSubgraph(adjacency: Adjacency, options: SubgraphOptions): Subgraph {
  const hops = traverse(adjacency, [options.focus], walkDirection(options.dir, options.full), options.depth);
  const ordered = new Map<string, number | null>();
  ordered.set(options.focus, 0);
  for (const id of options.expand) {
    if (!adjacency.has(id)) continue;
    for (const reached of traverse(adjacency, [id], 'any', 1).keys()) {
      if (!ordered.has(reached)) ordered.set(reached, hops.get(reached) ?? null);
    }
  }
  for (const [id, hop] of hops) if (!ordered.has(id)) ordered.set(id, hop);

  const total = ordered.size;
  const limit = Math.max(1, options.limit);
  const nodes: SubgraphNode[] = [];
  for (const [id, hop] of ordered) {
    if (nodes.length >= limit) break;
    nodes.push({ id, hop });
  }
  const shown = new Set(nodes.map((n) => n.id));
  const edges: Array<{ from: string; to: string }> = [];
  for (const { id } of nodes) {
    for (const to of adjacency.get(id)?.down ?? []) if (shown.has(to)) edges.push({ from: id, to });
  }
  const cut = nodes.length < total
    ? { shown: nodes.length, total, message: cutMessage(nodes.length, total, options.depth, options.expand.length > 0) }
    : null;
  return { nodes, edges, total, cut };
}
