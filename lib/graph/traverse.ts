/**
 * One adjacency map and one traversal for every lineage view. Each node is expanded at most once
 * per walking direction, so a walk is O(nodes + edges) even with cycles (Marquez web's separate
 * up/down walks re-scan the edge list per node: O(n²)).
 */

export interface Neighbours {
  /** Nodes that feed this one (edge into it). */
  up: string[];
  /** Nodes this one feeds (edge out of it). */
  down: string[];
}

export type Adjacency = ReadonlyMap<string, Neighbours>;

/**
 * up: what feeds the roots; down: what they feed; both: up ∪ down (siblings, reached by going up
 * then down, are not); any: edges in either direction at every step (the "full graph").
 */
export type Direction = 'up' | 'down' | 'both' | 'any';

type Step = 'up' | 'down' | 'any';

/** Edges given more than once (several sources, several runs) are kept once; unknown endpoints are added. */
export function buildAdjacency(nodeIds: Iterable<string>, edges: Iterable<{ from: string; to: string }>): Map<string, Neighbours> {
  const adjacency = new Map<string, Neighbours>();
  const entry = (id: string): Neighbours => {
    let n = adjacency.get(id);
    if (n === undefined) {
      n = { up: [], down: [] };
      adjacency.set(id, n);
    }
    return n;
  };
  for (const id of nodeIds) entry(id);
  const seen = new Set<string>();
  for (const { from, to } of edges) {
    const key = `${from}\u0000${to}`;
    if (seen.has(key)) continue;
    seen.add(key);
    entry(from).down.push(to);
    entry(to).up.push(from);
  }
  return adjacency;
}

/**
 * Breadth first from the roots to `maxDepth` edges. Returns each reached node with its distance,
 * in discovery order (nearest first, so a caller can cap the result and keep what is closest).
 * `onExpand` is for tests: it sees every node whose neighbours are read.
 */
export function traverse(
  adjacency: Adjacency,
  roots: readonly string[],
  direction: Direction,
  maxDepth: number,
  onExpand?: (id: string, step: Step) => void,
): Map<string, number> {
  const steps: Step[] = direction === 'both' ? ['up', 'down'] : [direction];
  const seen: Record<Step, Set<string>> = { up: new Set(), down: new Set(), any: new Set() };
  const depth = new Map<string, number>();
  // One FIFO queue across both directions keeps `depth` ordered by distance.
  const queue: Array<{ id: string; step: Step; d: number }> = [];
  for (const root of roots) {
    if (!adjacency.has(root)) continue;
    depth.set(root, 0);
    for (const step of steps) {
      if (seen[step].has(root)) continue;
      seen[step].add(root);
      queue.push({ id: root, step, d: 0 });
    }
  }
  const reach = (id: string, step: Step, d: number): void => {
    if (seen[step].has(id)) return;
    seen[step].add(id);
    if (!depth.has(id)) depth.set(id, d);
    queue.push({ id, step, d });
  };
  for (let head = 0; head < queue.length; head++) {
    const item = queue[head];
    if (item === undefined || item.d >= maxDepth) continue;
    const n = adjacency.get(item.id);
    if (n === undefined) continue;
    onExpand?.(item.id, item.step);
    if (item.step !== 'down') for (const id of n.up) reach(id, item.step, item.d + 1);
    if (item.step !== 'up') for (const id of n.down) reach(id, item.step, item.d + 1);
  }
  return depth;
}
