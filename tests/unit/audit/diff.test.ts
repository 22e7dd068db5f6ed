import { describe, expect, it } from 'vitest';
import { diffCode } from '@/lib/audit/diff-code';
import { datasetLabel, diffDatasets } from '@/lib/audit/diff-datasets';
import { diffLinks } from '@/lib/audit/diff-links';
import { diffMetrics } from '@/lib/audit/diff-metrics';
import { diffParams } from '@/lib/audit/diff-params';
import { diffStatus } from '@/lib/audit/diff-status';
import type { ExperimentRun, LineageRun, MetricPoint, RunDataset, UnifiedRun } from '@/lib/model';
import { experimentRun, lineageRun } from '../join/factories';

function unified(id: string, lineage: Partial<LineageRun> | null, experiment: Partial<ExperimentRun> | null): UnifiedRun {
  return {
    id,
    lineage: lineage ? lineageRun(id, lineage) : null,
    experiment: experiment ? experimentRun(`${id}-mlflow`, experiment) : null,
    link: lineage && experiment ? { rule: 'uuid', rules: ['uuid'], detail: 'same id', conflicts: [] } : null,
    parentId: null,
    childIds: [],
    notes: lineage && experiment ? [] : ['no partner found'],
  };
}

const read = (name: string, version: string | null, producedByRunId: string | null = null): RunDataset => ({
  namespace: 's3://b', name, version, facets: {}, ioFacets: {}, rowCount: null, size: null, producedByRunId,
});
const point = (value: number, step = 0): MetricPoint => ({ value, step, timestamp: 0 });
const executionParameters = (entries: Record<string, string>) => ({
  executionParameters: { parameters: Object.entries(entries).map(([key, value]) => ({ key, value })) },
});

describe('diffStatus', () => {
  it('tells same, changed and only-in apart, with NaN equal to NaN', () => {
    expect(diffStatus(['a', 'a', 'a'])).toBe('same');
    expect(diffStatus(['a', 'b'])).toBe('changed');
    expect(diffStatus(['a', null])).toBe('only-in');
    expect(diffStatus([NaN, NaN])).toBe('same');
  });
});

describe('diffParams', () => {
  it('puts MLflow and OpenLineage params of each run side by side, marking same, changed and only-in', () => {
    const a = unified('a', { facets: executionParameters({ threshold: '0.95', lr: '1' }) }, { params: { threshold: '0.95', seed: '7' } });
    const b = unified('b', { facets: executionParameters({ threshold: '0.92' }) }, { params: { threshold: '0.92', seed: '7', extra: 'x' } });
    const rows = diffParams([a, b]);
    expect(rows.map((r) => [r.key, r.status, ...r.values])).toEqual([
      ['extra', 'only-in', null, 'x'],
      ['lr', 'only-in', '1', null],
      ['seed', 'same', '7', '7'],
      ['threshold', 'changed', '0.95', '0.92'],
    ]);
  });

  it('shows the MLflow value and flags the run when its two sides disagree', () => {
    const a = unified('a', { facets: executionParameters({ batch_size: '1000' }) }, { params: { batch_size: '512' } });
    const b = unified('b', null, { params: { batch_size: '1000' } });
    expect(diffParams([a, b])).toEqual([{ key: 'batch_size', values: ['512', '1000'], status: 'changed', sidesDisagree: [0] }]);
  });
});

describe('diffMetrics', () => {
  it('gives latest values with deltas against the first run, and keeps NaN out of the deltas', () => {
    const runs = [
      unified('a', null, { metrics: { rate: point(0.5, 10), loss: point(2) } }),
      unified('b', null, { metrics: { rate: point(0.75, 12), loss: point(NaN) } }),
      unified('c', null, { metrics: { rate: point(0.25) } }),
    ];
    const [loss, rate] = diffMetrics(runs);
    expect(rate).toEqual({ key: 'rate', values: [0.5, 0.75, 0.25], steps: [10, 12, 0], deltas: [null, 0.25, -0.25], status: 'changed', hasHistory: true });
    expect(loss).toMatchObject({ key: 'loss', values: [2, NaN, null], deltas: [null, null, null], status: 'only-in', hasHistory: false });
  });
});

describe('diffDatasets', () => {
  it('marks each input same, changed version, only in one run, or unversioned', () => {
    const a = unified('a', { inputs: [read('raw', 'v1'), read('same', 's1'), read('gone', 'g1'), read('blank', null)] }, null);
    const b = unified('b', { inputs: [read('raw', 'v2', 'writer'), read('same', 's1'), read('blank', 'k1'), read('new', 'n1')] }, null);
    const rows = diffDatasets([a, b], 'inputs');
    expect(rows.map((r) => [r.name, r.status])).toEqual([
      ['raw', 'changed-version'], ['same', 'same'], ['gone', 'only-in'], ['blank', 'unversioned'], ['new', 'only-in'],
    ]);
    expect(rows[0]?.uses).toEqual([
      { namespace: 's3://b', name: 'raw', version: 'v1', producedByRunId: null },
      { namespace: 's3://b', name: 'raw', version: 'v2', producedByRunId: 'writer' },
    ]);
  });

  it('uses the MLflow datasets (digest as the version) of a run that has no lineage side', () => {
    const dataset = (name: string, digest: string, context: string) => ({
      name, digest, recordedWith: 'log_input' as const, sourceType: 's3', sourceUri: `s3://b/${name}`, context, namespace: 's3://b', olName: name,
    });
    const a = unified('a', { inputs: [read('raw', 'v1')], outputs: [read('out', 'o1')] }, null);
    const b = unified('b', null, { datasets: [dataset('raw', 'v1', 'input'), dataset('out', 'o2', 'output')] });
    expect(diffDatasets([a, b], 'inputs').map((r) => r.status)).toEqual(['same']);
    expect(diffDatasets([a, b], 'outputs').map((r) => [r.status, ...r.uses.map((u) => u?.version)])).toEqual([['changed-version', 'o1', 'o2']]);
    expect(datasetLabel({ namespace: '', name: 'local.csv' })).toBe('local.csv');
  });
});

describe('diffCode and diffLinks', () => {
  it('compares the git commit tags and the sourceCodeLocation facet', () => {
    const a = unified('a', {}, { tags: { 'mlflow.source.git.commit': 'abc' } });
    const b = unified('b', {}, { tags: { 'mlflow.source.git.commit': 'def' } });
    const rows = diffCode([a, b], [null, { sourceCodeLocation: { type: 'git', url: 'https://x' } }]);
    expect(rows.map((r) => [r.label, r.source, r.status, ...r.values])).toEqual([
      ['Git commit', 'MLflow tag', 'changed', 'abc', 'def'],
      ['URL', 'OpenLineage facet', 'only-in', null, 'https://x'],
      ['VCS', 'OpenLineage facet', 'only-in', null, 'git'],
    ]);
  });

  it('names each run’s link rule, and why an unmatched run is unmatched', () => {
    const diff = diffLinks([unified('a', {}, {}), unified('b', {}, null)]);
    expect(diff.status).toBe('changed');
    expect(diff.links[0]).toEqual({ rule: 'uuid', rules: ['uuid'], detail: 'same id' });
    expect(diff.links[1]).toEqual({ rule: null, rules: [], detail: 'Unmatched (OpenLineage only). no partner found' });
  });
});
