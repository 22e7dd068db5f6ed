import { describe, expect, it } from 'vitest';
import { layoutExplorer } from '@/lib/graph/explorer-layout';
import { EXPLORER_SIZES, type LayoutInput } from '@/lib/graph/explorer-sizes';

const chain: LayoutInput = {
  nodes: [{ id: 'raw', kind: 'dataset' }, { id: 'job', kind: 'job' }, { id: 'out', kind: 'dataset' }, { id: 'out.f', kind: 'field' }],
  edges: [{ id: 'a', from: 'raw', to: 'job' }, { id: 'b', from: 'job', to: 'out' }, { id: 'c', from: 'out', to: 'out.f' }, { id: 'd', from: 'job', to: 'gone' }],
};

describe('layoutExplorer', () => {
  it('places every node left to right in data-flow order and skips edges to missing nodes', async () => {
    const p = await layoutExplorer(chain);
    const x = (id: string) => p[id]?.x ?? Number.NaN;
    expect(x('raw')).toBeLessThan(x('job'));
    expect(x('job')).toBeLessThan(x('out'));
    expect(x('out')).toBeLessThan(x('out.f'));
  });

  it('lays out a wide graph (the fast profile) without overlaps in a layer', async () => {
    const n = 150;
    const input: LayoutInput = {
      nodes: [{ id: 'hub', kind: 'dataset' }, ...Array.from({ length: n }, (_, i) => [{ id: `j${i}`, kind: 'job' as const }, { id: `o${i}`, kind: 'dataset' as const }]).flat()],
      edges: Array.from({ length: n }, (_, i) => [{ id: `a${i}`, from: 'hub', to: `j${i}` }, { id: `b${i}`, from: `j${i}`, to: `o${i}` }]).flat(),
    };
    const p = await layoutExplorer(input);
    expect(Object.keys(p)).toHaveLength(input.nodes.length);
    const ys = Array.from({ length: n }, (_, i) => p[`j${i}`]?.y ?? 0).sort((a, b) => a - b);
    for (let i = 1; i < ys.length; i++) expect((ys[i] ?? 0) - (ys[i - 1] ?? 0)).toBeGreaterThanOrEqual(EXPLORER_SIZES.job.height);
  });
});
