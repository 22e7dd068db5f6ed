import { describe, expect, it } from 'vitest';
import { buildAdjacency, traverse, type Adjacency, type Direction } from '@/lib/graph/traverse';

// raw → load → staged → clean → curated → report ; other → load (a second input of `load`)
// staged → audit → audit-log (a sibling branch: downstream of staged, not of clean)
const edges = [
  ['raw', 'load'], ['other', 'load'], ['load', 'staged'], ['staged', 'clean'], ['clean', 'curated'],
  ['curated', 'report'], ['staged', 'audit'], ['audit', 'audit-log'],
].map(([from, to]) => ({ from: from!, to: to! }));
const adjacency = buildAdjacency([], edges);

const walk = (a: Adjacency, root: string, dir: Direction, depth: number) => traverse(a, [root], dir, depth);
const sorted = (m: Map<string, number>) => [...m.keys()].sort();

describe('traverse', () => {
  it('walks up (what feeds a node) to the depth', () => {
    expect(Object.fromEntries(walk(adjacency, 'clean', 'up', 2))).toEqual({ clean: 0, staged: 1, load: 2 });
    expect(sorted(walk(adjacency, 'clean', 'up', 10))).toEqual(['clean', 'load', 'other', 'raw', 'staged']);
  });

  it('walks down (what a node feeds) to the depth', () => {
    expect(Object.fromEntries(walk(adjacency, 'staged', 'down', 1))).toEqual({ staged: 0, clean: 1, audit: 1 });
    expect(sorted(walk(adjacency, 'clean', 'down', 10))).toEqual(['clean', 'curated', 'report']);
  });

  it('both = up ∪ down: siblings (up then down) stay hidden', () => {
    const both = walk(adjacency, 'clean', 'both', 10);
    expect(sorted(both)).toEqual(['clean', 'curated', 'load', 'other', 'raw', 'report', 'staged']);
    // audit is downstream of staged (upstream of clean): a sibling branch.
    expect(both.has('audit')).toBe(false);
  });

  it('any (the full graph) includes siblings, at the right distance', () => {
    const full = walk(adjacency, 'clean', 'any', 2);
    expect(Object.fromEntries(full)).toEqual({ clean: 0, staged: 1, curated: 1, load: 2, audit: 2, report: 2 });
  });

  it('returns nodes nearest first (so a cap keeps what is closest)', () => {
    const depths = [...walk(adjacency, 'clean', 'both', 10).values()];
    expect(depths).toEqual([...depths].sort((a, b) => a - b));
  });

  it('depth 0 is the node alone; an unknown root gives nothing', () => {
    expect([...walk(adjacency, 'clean', 'both', 0).keys()]).toEqual(['clean']);
    expect(walk(adjacency, 'nope', 'both', 5).size).toBe(0);
  });

  it('terminates on cycles and expands each node once per direction', () => {
    const cyclic = buildAdjacency([], [{ from: 'a', to: 'b' }, { from: 'b', to: 'c' }, { from: 'c', to: 'a' }, { from: 'c', to: 'd' }]);
    for (const dir of ['up', 'down', 'any'] as const) {
      const visits = new Map<string, number>();
      const reached = traverse(cyclic, ['a'], dir, 100, (id) => visits.set(id, (visits.get(id) ?? 0) + 1));
      expect([...visits.values()].every((n) => n === 1), dir).toBe(true);
      expect(reached.size).toBeLessThanOrEqual(4);
    }
    const perStep = new Map<string, number>();
    const both = traverse(cyclic, ['a'], 'both', 100, (id, step) => perStep.set(`${id}/${step}`, (perStep.get(`${id}/${step}`) ?? 0) + 1));
    expect(sorted(both)).toEqual(['a', 'b', 'c', 'd']);
    expect([...perStep.values()].every((n) => n === 1)).toBe(true);
  });

  it('is O(n): a 20,000-node graph is expanded once per node, each edge read once', () => {
    // A wide, deep DAG: every node feeds the next two, so naive walks would revisit heavily.
    const n = 20_000;
    const big = buildAdjacency([], Array.from({ length: n - 2 }, (_, i) => [{ from: `n${i}`, to: `n${i + 1}` }, { from: `n${i}`, to: `n${i + 2}` }]).flat());
    let expansions = 0;
    let edgeReads = 0;
    const reached = traverse(big, ['n0'], 'any', n, (id) => {
      expansions++;
      const nb = big.get(id);
      edgeReads += (nb?.up.length ?? 0) + (nb?.down.length ?? 0);
    });
    expect(reached.size).toBe(n);
    expect(expansions).toBe(n);
    // Each edge is read from both ends in an undirected walk, never more.
    expect(edgeReads).toBe(2 * 2 * (n - 2));

    // both: the root is expanded once up and once down, every other node once.
    let bothExpansions = 0;
    traverse(big, [`n${n / 2}`], 'both', n, () => bothExpansions++);
    expect(bothExpansions).toBe(n + 1);
  });
});

describe('buildAdjacency', () => {
  it('keeps an edge reported twice once and adds endpoints it was not given', () => {
    const a = buildAdjacency(['x'], [{ from: 'x', to: 'y' }, { from: 'x', to: 'y' }]);
    expect(a.get('x')).toEqual({ up: [], down: ['y'] });
    expect(a.get('y')).toEqual({ up: ['x'], down: [] });
  });
});
