import { describe, expect, it } from 'vitest';
import { layerGroups } from '@/lib/graph/layer-groups';

const e = (from: string, to: string) => ({ from, to });

describe('layerGroups', () => {
  it('makes one box per root and depth, members in input order, and one edge per pair of boxes', () => {
    // Forest: a → b, a → c, b → d, c → x (d and x share root a at depth 2); f → g; e alone.
    const { groups, edges } = layerGroups(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'x'], [e('a', 'b'), e('a', 'c'), e('b', 'd'), e('f', 'g'), e('c', 'x')]);
    expect(groups.map((g) => g.members)).toEqual([['a'], ['b', 'c'], ['d', 'x'], ['e'], ['f'], ['g']]);
    const name = (id: string) => groups.find((g) => g.id === id)?.members.join('');
    expect(edges.map((x) => `${name(x.from)}>${name(x.to)}`)).toEqual(['a>bc', 'bc>dx', 'f>g']);
  });

  it('follows a chain thousands deep without recursion', () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => `n${i}`);
    const { groups, edges } = layerGroups(ids, ids.slice(1).map((id, i) => e(`n${i}`, id)));
    expect(groups).toHaveLength(20_000);
    expect(edges).toHaveLength(19_999);
  });
});
