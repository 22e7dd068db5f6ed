import { describe, expect, it } from 'vitest';
import { datasetNodeId, runNodeId } from '@/lib/graph/ids';
import {
  buildNeighbourhoodGraph,
  isEmptyNeighbourhood,
  type GraphDatasetRef,
  type GraphRunRef,
  type RunNeighbourhood,
} from '@/lib/graph/run-neighbourhood';
import { runTone } from '@/lib/graph/run-tone';

const run = (id: string, state: string | null = 'COMPLETED'): GraphRunRef => ({ id, label: `job-${id}`, state, href: `/runs/${id}` });
const ds = (namespace: string, name: string, version: string | null = null): GraphDatasetRef => ({
  namespace,
  name,
  version,
  href: `/datasets/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`,
});

const edgePairs = (g: ReturnType<typeof buildNeighbourhoodGraph>) => g.edges.map((e) => [e.from, e.to]);

describe('buildNeighbourhoodGraph', () => {
  const producer = run('p1');
  const n: RunNeighbourhood = {
    run: run('focus', 'RUNNING'),
    inputs: [
      { ...ds('s3://raw', 'a.csv', 'v1'), producers: [producer] },
      { ...ds('s3://raw', 'b.csv', 'v7'), producers: [producer] },
      { ...ds('s3://raw', 'seed.csv'), producers: [] },
    ],
    outputs: [{ ...ds('s3://out', 'model.pkl', 'v2'), consumers: [run('c1'), run('c2')] }],
  };
  const g = buildNeighbourhoodGraph(n);

  it('counts nodes and edges, one node for a run that produced two inputs', () => {
    // focus + 3 inputs + 1 producer + 1 output + 2 consumers
    expect(g.nodes).toHaveLength(8);
    expect(g.nodes.filter((x) => x.id === runNodeId('p1'))).toHaveLength(1);
    // 2 producer→input, 3 input→focus, 1 focus→output, 2 output→consumer
    expect(g.edges).toHaveLength(8);
    expect(new Set(g.edges.map((e) => e.id)).size).toBe(g.edges.length);
  });

  it('points edges in data-flow direction', () => {
    const a = datasetNodeId('s3://raw', 'a.csv', 'v1');
    const out = datasetNodeId('s3://out', 'model.pkl', 'v2');
    const pairs = edgePairs(g);
    expect(pairs).toContainEqual([runNodeId('p1'), a]);
    expect(pairs).toContainEqual([a, runNodeId('focus')]);
    expect(pairs).toContainEqual([runNodeId('focus'), out]);
    expect(pairs).toContainEqual([out, runNodeId('c1')]);
    expect(pairs).not.toContainEqual([runNodeId('focus'), a]);
  });

  it('shows no producer for a raw input', () => {
    const seed = datasetNodeId('s3://raw', 'seed.csv', null);
    expect(g.edges.filter((e) => e.to === seed)).toHaveLength(0);
  });

  it('flags only the focus run, and gives run nodes a tone and dataset nodes their version', () => {
    expect(g.nodes.filter((x) => x.data.focus).map((x) => x.id)).toEqual([runNodeId('focus')]);
    expect(g.nodes.find((x) => x.id === runNodeId('focus'))?.data.tone).toBe('running');
    const a = g.nodes.find((x) => x.id === datasetNodeId('s3://raw', 'a.csv', 'v1'));
    expect(a?.kind).toBe('dataset');
    expect(a?.data).toMatchObject({ label: 'a.csv', sublabel: 'v1', tone: null, focus: false });
  });

  it('merges a duplicated input and duplicated producers into one node and one edge each', () => {
    const twice = buildNeighbourhoodGraph({
      run: run('f'),
      inputs: [
        { ...ds('ns', 'x', 'v1'), producers: [run('p'), run('p')] },
        { ...ds('ns', 'x', 'v1'), producers: [run('p')] },
      ],
      outputs: [],
    });
    expect(twice.nodes).toHaveLength(3);
    expect(twice.edges).toHaveLength(2);
  });

  it('keeps datasets with the same name in different namespaces (and versions) apart', () => {
    const g2 = buildNeighbourhoodGraph({
      run: run('f'),
      inputs: [
        { ...ds('postgres://db1:5432', 'public.users'), producers: [] },
        { ...ds('postgres://db2:5432', 'public.users'), producers: [] },
        { ...ds('postgres://db2:5432', 'public.users', 'v1'), producers: [] },
      ],
      outputs: [],
    });
    expect(g2.nodes.filter((x) => x.kind === 'dataset')).toHaveLength(3);
  });

  it("does not collide when ':' appears inside namespace, name or version", () => {
    const ids = [
      datasetNodeId('postgres://host:5432', 'db.t', null),
      datasetNodeId('postgres://host', '5432:db.t', null),
      datasetNodeId('postgres://host:5432:db.t', '', null),
      datasetNodeId('postgres', '//host:5432', 'db.t'),
      datasetNodeId('a', 'b', ''),
      datasetNodeId('a', 'b', null),
      runNodeId('dataset:a:b'),
    ];
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).not.toMatch(/["\\]/);
  });

  it('merges a producer that is the focus run itself into the focus node', () => {
    const g3 = buildNeighbourhoodGraph({ run: run('f'), inputs: [{ ...ds('n', 'x'), producers: [run('f')] }], outputs: [] });
    expect(g3.nodes).toHaveLength(2);
    expect(g3.nodes.find((x) => x.id === runNodeId('f'))?.data.focus).toBe(true);
  });

  it('knows when there is nothing to draw', () => {
    expect(isEmptyNeighbourhood({ run: run('f'), inputs: [], outputs: [] })).toBe(true);
    expect(isEmptyNeighbourhood(n)).toBe(false);
  });
});

describe('runTone', () => {
  it('maps OpenLineage and MLflow states to one colour family', () => {
    expect(runTone('RUNNING')).toBe('running');
    expect(runTone('COMPLETED')).toBe('success');
    expect(runTone('FINISHED')).toBe('success');
    expect(runTone('FAILED')).toBe('failed');
    expect(runTone('ABORTED')).toBe('stopped');
    expect(runTone('KILLED')).toBe('stopped');
    expect(runTone('NEW')).toBe('unknown');
    expect(runTone(null)).toBe('unknown');
  });
});
