import { describe, expect, it } from 'vitest';
import { cutMessage, selectSubgraph, type SubgraphOptions } from '@/lib/graph/explorer-subgraph';
import { buildAdjacency } from '@/lib/graph/traverse';

// raw → load → staged → clean → curated ; staged → audit (a sibling of clean's branch)
const adjacency = buildAdjacency([], [
  { from: 'raw', to: 'load' }, { from: 'load', to: 'staged' }, { from: 'staged', to: 'clean' },
  { from: 'clean', to: 'curated' }, { from: 'staged', to: 'audit' },
]);
const base: SubgraphOptions = { focus: 'clean', depth: 2, dir: 'both', full: false, expand: [], limit: 1500 };
const ids = (o: Partial<SubgraphOptions>) => selectSubgraph(adjacency, { ...base, ...o }).nodes.map((n) => n.id);

describe('selectSubgraph', () => {
  it('follows the direction and hides siblings unless full', () => {
    expect(ids({ dir: 'up' })).toEqual(['clean', 'staged', 'load']);
    expect(ids({ dir: 'down' })).toEqual(['clean', 'curated']);
    expect(ids({}).sort()).toEqual(['clean', 'curated', 'load', 'staged']);
    expect(ids({ full: true }).sort()).toEqual(['audit', 'clean', 'curated', 'load', 'staged']);
  });

  it('draws only edges between shown nodes, in data-flow direction', () => {
    const sub = selectSubgraph(adjacency, { ...base, dir: 'up' });
    expect(sub.edges).toEqual([{ from: 'staged', to: 'clean' }, { from: 'load', to: 'staged' }]);
  });

  it('expand adds one hop around a node (siblings included) and keeps it ahead of the cap', () => {
    const sub = selectSubgraph(adjacency, { ...base, dir: 'down', expand: ['curated', 'unknown'] });
    expect(sub.nodes.map((n) => n.id).sort()).toEqual(['clean', 'curated']);
    const up = selectSubgraph(adjacency, { ...base, dir: 'up', depth: 1, expand: ['staged'], limit: 4 });
    expect(up.nodes).toEqual([{ id: 'clean', hop: 0 }, { id: 'staged', hop: 1 }, { id: 'load', hop: null }, { id: 'audit', hop: null }]);
    expect(up.cut).toBeNull();
  });

  it('caps the node count and says so, never silently', () => {
    const sub = selectSubgraph(adjacency, { ...base, full: true, depth: 10, limit: 3 });
    expect(sub.nodes).toHaveLength(3);
    expect(sub.total).toBe(6);
    expect(sub.cut).toEqual({ shown: 3, total: 6, message: cutMessage(3, 6, 10, false) });
    // The nearest are kept: the focus and its direct neighbours.
    expect(sub.nodes.map((n) => n.id).sort()).toEqual(['clean', 'curated', 'staged']);
    expect(selectSubgraph(adjacency, { ...base, limit: 1500 }).cut).toBeNull();
  });

  it('words the notice with thousands separators and the depth', () => {
    expect(cutMessage(1500, 2341, 4, false)).toBe(
      'Showing 1,500 of 2,341 nodes within depth 4; the farthest were left out. Reduce the depth, pick one direction, or raise the limit.',
    );
    expect(cutMessage(10, 20, 2, true)).toContain('within depth 2 (and around expanded nodes)');
  });
});
