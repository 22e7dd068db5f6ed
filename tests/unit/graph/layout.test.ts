import { describe, expect, it } from 'vitest';
import { NODE_SIZES, toFlowElements } from '@/lib/graph/flow';
import { datasetNodeId, runNodeId } from '@/lib/graph/ids';
import { layoutGraph } from '@/lib/graph/layout';
import { buildNeighbourhoodGraph, type GraphRunRef } from '@/lib/graph/run-neighbourhood';

const run = (id: string): GraphRunRef => ({ id, label: id, state: 'COMPLETED', href: `/runs/${id}` });

const graph = buildNeighbourhoodGraph({
  run: run('focus'),
  inputs: [
    { namespace: 'postgres://host:5432', name: 'raw', version: 'v1', href: null, producers: [run('producer')] },
    { namespace: 's3://b', name: 'seed', version: null, href: null, producers: [] },
  ],
  outputs: [{ namespace: 's3://b', name: 'features', version: 'v2', href: null, consumers: [run('consumer')] }],
});

describe('layoutGraph', () => {
  it('places every node, left to right in data-flow order', async () => {
    const positions = await layoutGraph(graph.nodes, graph.edges, NODE_SIZES);
    for (const n of graph.nodes) {
      expect(positions[n.id], n.id).toEqual({ x: expect.any(Number), y: expect.any(Number) });
    }
    const x = (id: string): number => positions[id]?.x ?? Number.NaN;
    const chain = [
      runNodeId('producer'),
      datasetNodeId('postgres://host:5432', 'raw', 'v1'),
      runNodeId('focus'),
      datasetNodeId('s3://b', 'features', 'v2'),
      runNodeId('consumer'),
    ].map(x);
    for (let i = 1; i < chain.length; i++) expect(chain[i]).toBeGreaterThan(chain[i - 1] ?? Infinity);
  });

  it('does not overlap nodes in the same layer', async () => {
    const positions = await layoutGraph(graph.nodes, graph.edges, NODE_SIZES);
    const raw = positions[datasetNodeId('postgres://host:5432', 'raw', 'v1')];
    const seed = positions[datasetNodeId('s3://b', 'seed', null)];
    expect(raw?.x).toBe(seed?.x);
    expect(Math.abs((raw?.y ?? 0) - (seed?.y ?? 0))).toBeGreaterThanOrEqual(NODE_SIZES.dataset.height);
  });

  it('lays out the same input the same way on every call', async () => {
    const [a, b] = await Promise.all([
      layoutGraph(graph.nodes, graph.edges, NODE_SIZES),
      layoutGraph(graph.nodes, graph.edges, NODE_SIZES),
    ]);
    expect(a).toEqual(b);
  });

  it('returns no positions for an empty graph', async () => {
    expect(await layoutGraph([], [], NODE_SIZES)).toEqual({});
  });
});

describe('toFlowElements', () => {
  it('maps kinds to node types, edges to source/target, and carries sizes and positions', () => {
    const focus = runNodeId('focus');
    const { nodes, edges } = toFlowElements(graph, { [focus]: { x: 10, y: 20 } });
    const f = nodes.find((n) => n.id === focus);
    expect(f).toMatchObject({ type: 'run', position: { x: 10, y: 20 }, ...NODE_SIZES.run });
    expect(edges).toHaveLength(graph.edges.length);
    expect(edges[0]).toEqual({ id: graph.edges[0]?.id, source: graph.edges[0]?.from, target: graph.edges[0]?.to });
  });
});
