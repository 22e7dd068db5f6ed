import { describe, expect, it } from 'vitest';
import type { ExplorerGraph, ExplorerNode } from '@/lib/graph/explorer-api';
import { initialFitIds, layoutInput, toExplorerFlow } from '@/lib/graph/explorer-flow';

const job = (id: string, state: 'RUNNING' | 'COMPLETED' | 'FAILED' | 'ABORTED' | null): ExplorerNode => ({
  id, kind: 'job', namespace: 'ns', name: id, label: id, hop: 0, job: { latestRunState: state, type: null }, dataset: null, field: null,
});
const graph: ExplorerGraph = {
  focus: 'a',
  nodes: [
    job('a', 'FAILED'), job('b', 'RUNNING'), job('c', 'ABORTED'), job('d', null),
    { id: 'ds', kind: 'dataset', namespace: 'ns', name: 'ds', label: 'ds', hop: 1, job: null, dataset: { currentVersion: '0123456789abcdef0123', fieldCount: 1, hasColumnLineage: false }, field: null },
  ],
  edges: [{ id: 'a>ds', from: 'a', to: 'ds', kind: 'flow' }],
  total: 5, shown: 5, cut: null, columns: null, columnLineageDatasets: 0, unavailableSources: [],
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

  it('places nodes where the layout put them (origin when it did not)', () => {
    expect(flow.nodes[0]?.position).toEqual({ x: 1, y: 2 });
    expect(flow.nodes[1]?.position).toEqual({ x: 0, y: 0 });
    expect(layoutInput(graph).nodes).toHaveLength(5);
  });

  it('fits a small graph whole and a big one on its focus', () => {
    expect(initialFitIds(graph, 10)).toBeNull();
    expect(initialFitIds(graph, 3)).toEqual(['a']);
  });
});
