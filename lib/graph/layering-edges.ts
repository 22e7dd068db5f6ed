/**
 * The layering forest of a huge graph. A node's longest-path layer is fixed by one edge from a
 * predecessor one layer back; keeping just that edge per node gives a forest with the same layers
 * (sources first), which layer-groups.ts turns into ELK's coarse input. React Flow still draws every
 * edge. Edges that close a cycle are left out, as ELK's own cycle breaking would turn them around.
 */

interface Edge {
  from: string;
  to: string;
}

/** Edges closing a cycle, by index: each leads back to a node whose depth-first visit is still open. */
function backEdges(nodeIds: readonly string[], out: ReadonlyArray<ReadonlyArray<{ to: number; edge: number }>>): Set<number> {
  const state = new Uint8Array(nodeIds.length); // 0 unseen, 1 open, 2 done
  const back = new Set<number>();
  for (let root = 0; root < nodeIds.length; root++) {
    if (state[root] !== 0) continue;
    // Iterative DFS (deep graphs would overflow the call stack): each frame is a node and its next out-edge.
    const stack: Array<[node: number, next: number]> = [[root, 0]];
    state[root] = 1;
    while (stack.length > 0) {
      const frame = stack[stack.length - 1] as [number, number];
      const step = out[frame[0]]?.[frame[1]];
      if (step === undefined) {
        state[frame[0]] = 2;
        stack.pop();
        continue;
      }
      frame[1]++;
      if (state[step.to] === 1) back.add(step.edge);
      else if (state[step.to] === 0) {
        state[step.to] = 1;
        stack.push([step.to, 0]);
      }
    }
  }
  return back;
}

/** Longest-path layers (sources 0) over the edges that are not back edges, in one topological pass. */
function longestPathLayers(count: number, edges: readonly Edge[], index: ReadonlyMap<string, number>, back: ReadonlySet<number>): Int32Array {
  const layer = new Int32Array(count);
  const inDegree = new Int32Array(count);
  const out: number[][] = Array.from({ length: count }, () => []);
  edges.forEach((e, i) => {
    const from = index.get(e.from);
    const to = index.get(e.to);
    if (from === undefined || to === undefined || back.has(i)) return;
    out[from]?.push(to);
    inDegree[to] = (inDegree[to] ?? 0) + 1;
  });
  const queue: number[] = [];
  for (let n = 0; n < count; n++) if (inDegree[n] === 0) queue.push(n);
  for (let head = 0; head < queue.length; head++) {
    const n = queue[head] as number;
    for (const to of out[n] ?? []) {
      layer[to] = Math.max(layer[to] ?? 0, (layer[n] ?? 0) + 1);
      inDegree[to] = (inDegree[to] ?? 0) - 1;
      if (inDegree[to] === 0) queue.push(to);
    }
  }
  return layer;
}

/** For each node with predecessors, the first edge (in the given order) from one layer back. */
export function layeringEdges<E extends Edge>(nodeIds: readonly string[], edges: readonly E[]): E[] {
  const index = new Map(nodeIds.map((id, i) => [id, i]));
  const out: Array<Array<{ to: number; edge: number }>> = nodeIds.map(() => []);
  edges.forEach((e, i) => {
    const from = index.get(e.from);
    const to = index.get(e.to);
    if (from !== undefined && to !== undefined) out[from]?.push({ to, edge: i });
  });
  const back = backEdges(nodeIds, out);
  const layer = longestPathLayers(nodeIds.length, edges, index, back);
  const fixed = new Uint8Array(nodeIds.length);
  const kept: E[] = [];
  edges.forEach((e, i) => {
    const from = index.get(e.from);
    const to = index.get(e.to);
    if (from === undefined || to === undefined || back.has(i) || fixed[to] === 1) return;
    if ((layer[to] ?? 0) - (layer[from] ?? 0) !== 1) return;
    fixed[to] = 1;
    kept.push(e);
  });
  return kept;
}
