import { describe, expect, it } from 'vitest';
import type { ExplorerGraph, ExplorerNode } from '@/lib/graph/explorer-api';
import { initialFitIds, layoutInput, toExplorerFlow } from '@/lib/graph/explorer-flow';

const job = (id: string, state: 'RUNNING' | 'COMPLETED' | 'FAILED' | 'ABORTED' | null): ExplorerNode => ({
  id, kind: 'job', namespace: 'ns', name: id, hop: 0, job: { latestRunState: state, type: null },
});
const dataset = (id: string, currentVersion: string | null, versionsOnDemand = false): ExplorerNode => ({
  id, kind: 'dataset', namespace: 'ns', name: id, hop: 1, dataset: { currentVersion, fieldCount: 1, hasColumnLineage: false, versionsOnDemand },
});
const graph: ExplorerGraph = {
  focus: 'a',
  nodes: [
    job('a', 'FAILED'), job('b', 'RUNNING'), job('c', 'ABORTED'), job('d', null),
    dataset('ds', '0123456789abcdef0123'),
    dataset('unversioned', null),
    dataset('marquez', null, true),
    { id: 'f', kind: 'field', namespace: 'ns', name: 'ds', hop: null, field: { datasetId: 'ds', name: 'order_id' } },
  ],
  edges: [{ from: 'a', to: 'ds', kind: 'flow' }, { from: 'ds', to: 'f', kind: 'field-of' }],
  total: 8, shown: 8, cut: null, columns: null, columnLineageDatasets: 0, unavailableSources: [],
};

describe('toExplorerFlow', () => {
  const flow = toExplorerFlow(graph, { a: { x: 1, y: 2 } });
  const data = (id: string) => flow.nodes.find((n) => n.id === id)?.data;

  it('colours jobs by their latest run: failed red, running blue, aborted grey', () => {
    expect([data('a')?.tone, data('b')?.tone, data('c')?.tone, data('d')?.tone]).toEqual(['failed', 'running', 'stopped', 'unknown']);
    expect(data('a')?.focus).toBe(true);
    expect(data('d')?.sublabel).toBe('no runs');
  });

  it('shows a dataset version (shortened) and its field count', () => {
    expect(data('ds')).toMatchObject({ sublabel: 'version 0123456789abcd…', detail: '1 field' });
    expect(data('ds')?.title).toContain('0123456789abcdef0123');
  });

  it('says a missing version is not reported, or (Marquez, versions listed on demand) loads on click', () => {
    expect(data('unversioned')?.sublabel).toBe('version not reported');
    expect(data('marquez')?.sublabel).toBe('version loads on click');
    expect(data('marquez')?.title).toContain('version loads on click');
  });

  it('labels a node by its name, a field by its field name', () => {
    expect(data('ds')?.label).toBe('ds');
    expect(data('f')?.label).toBe('order_id');
  });

  it('builds edge ids from the endpoints, for React Flow and for the layout', () => {
    expect(flow.edges.map((e) => e.id)).toEqual(['a>ds', 'ds>f']);
    expect(layoutInput(graph).edges).toEqual([{ id: 'a>ds', from: 'a', to: 'ds' }, { id: 'ds>f', from: 'ds', to: 'f' }]);
  });

  it('places nodes where the layout put them (origin when it did not)', () => {
    expect(flow.nodes[0]?.position).toEqual({ x: 1, y: 2 });
    expect(flow.nodes[1]?.position).toEqual({ x: 0, y: 0 });
    expect(layoutInput(graph).nodes).toHaveLength(graph.nodes.length);
  });

  it('fits a small graph whole and a big one on its focus', () => {
    expect(initialFitIds(graph, 10)).toBeNull();
    expect(initialFitIds(graph, 3)).toEqual(['a']);
  });
});
