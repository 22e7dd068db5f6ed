import { describe, expect, it } from 'vitest';
import { rngFor } from '../../../scripts/demo-data/prng.mjs';
import { layoutExplorer } from '@/lib/graph/explorer-layout';
import { EXPLORER_SIZES, type LayoutInput } from '@/lib/graph/explorer-sizes';
import { layeringEdges } from '@/lib/graph/layering-edges';

const e = (from: string, to: string) => ({ id: `${from}>${to}`, from, to });
const ids = (edges: Array<{ id: string }>) => edges.map((x) => x.id);

describe('layeringEdges', () => {
  it('keeps, per node, one edge from the layer just before it and drops edges that skip layers', () => {
    // a → b → c and a → c: c sits two layers after a, so a → c would be a long edge.
    expect(ids(layeringEdges(['a', 'b', 'c'], [e('a', 'c'), e('a', 'b'), e('b', 'c')]))).toEqual(['a>b', 'b>c']);
  });

  it('keeps the first qualifying edge in the given order when several fix the same layer', () => {
    expect(ids(layeringEdges(['x', 'y', 'j'], [e('y', 'j'), e('x', 'j')]))).toEqual(['y>j']);
  });

  it('leaves out the edge that closes a cycle (the one back to the node given first), self-loops and edges to unknown nodes', () => {
    const edges = [e('table', 'job'), e('job', 'table'), e('job', 'job'), e('job', 'elsewhere')];
    expect(ids(layeringEdges(['job', 'table'], edges))).toEqual(['job>table']);
    expect(ids(layeringEdges(['table', 'job'], edges))).toEqual(['table>job']);
  });
});

/** A seeded DAG that is deep and has many edges skipping layers, as large lineage graphs do. */
function wideDeepGraph(count: number): LayoutInput {
  const rand = rngFor('layering-edges-test', count).next;
  const nodes = Array.from({ length: count }, (_, i) => ({ id: `n${i}`, kind: i % 2 === 0 ? ('dataset' as const) : ('job' as const) }));
  const edges: Array<{ id: string; from: string; to: string }> = [];
  for (let i = 1; i < count; i++) {
    const parents = 1 + Math.floor(rand() * 2);
    for (let k = 0; k < parents; k++) edges.push(e(`n${Math.floor(rand() * i)}`, `n${i}`));
  }
  return { nodes, edges: [...new Map(edges.map((x) => [x.id, x])).values()] };
}

describe('layoutExplorer on a huge graph (its coarse form)', () => {
  it('still draws every edge left to right, with no two nodes of a layer overlapping', async () => {
    const input = wideDeepGraph(1700);
    const p = await layoutExplorer(input);
    expect(Object.keys(p)).toHaveLength(input.nodes.length);
    const at = (id: string) => p[id] ?? { x: Number.NaN, y: Number.NaN };
    for (const edge of input.edges) expect(at(edge.from).x, edge.id).toBeLessThan(at(edge.to).x);
    const byLayer = new Map<number, number[]>();
    for (const { x, y } of Object.values(p)) byLayer.set(x, [...(byLayer.get(x) ?? []), y]);
    for (const ys of byLayer.values()) {
      ys.sort((a, b) => a - b);
      for (let i = 1; i < ys.length; i++) expect((ys[i] ?? 0) - (ys[i - 1] ?? 0)).toBeGreaterThanOrEqual(EXPLORER_SIZES.job.height);
    }
  }, 60_000);

  it('puts each layer in one column across unconnected parts, so every edge still runs left to right', async () => {
    // Forty separate trees whose nodes also read from the other trees, as in the bench graph.
    const parts = Array.from({ length: 40 }, (_, t) => wideDeepGraph(45 + t));
    const nodes = parts.flatMap((g, t) => g.nodes.map((n) => ({ ...n, id: `t${t}.${n.id}` })));
    const inner = parts.flatMap((g, t) => g.edges.map((x) => e(`t${t}.${x.from}`, `t${t}.${x.to}`)));
    const across = Array.from({ length: 200 }, (_, i) => e(`t${i % 40}.n${1 + (i % 20)}`, `t${(i + 7) % 40}.n${30 + (i % 15)}`));
    const input = { nodes, edges: [...new Map([...inner, ...across].map((x) => [x.id, x])).values()] };
    expect(input.nodes.length).toBeGreaterThan(1500);
    const p = await layoutExplorer(input);
    expect(Object.keys(p)).toHaveLength(input.nodes.length);
    const at = (id: string) => p[id] ?? { x: Number.NaN, y: Number.NaN };
    // The edges between trees go from low to high node numbers, so there is no cycle to turn around.
    for (const edge of input.edges) expect(at(edge.from).x, edge.id).toBeLessThan(at(edge.to).x);
  }, 60_000);
});
