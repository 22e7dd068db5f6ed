import { describe, expect, it, vi } from 'vitest';
import { datasetPageModel, keyMetrics, loadDataset } from '@/lib/catalog/dataset-page-model';
import type { RunIndex } from '@/lib/catalog/run-index';
import type { Dataset, DatasetVersion } from '@/lib/model';
import type { LineageSource } from '@/lib/sources/ports';
import type { DemoManifest } from '../../../scripts/demo-data/manifest.mjs';
import { withDemoIndex } from './catalog-index';

let index: RunIndex;
let manifest: DemoManifest;
withDemoIndex((demo) => ({ index, manifest } = demo));

const run = (label: string) => manifest.runs.find((r) => r.label === label)!;
const loaded = { namespace: 's3://bucket', name: 'groot/staging/loaded' };

async function model(ref: { namespace: string; name: string }, sources: LineageSource[] = []) {
  const l = await loadDataset(index, ref, sources);
  return l.dataset ? datasetPageModel(index, { ...l, dataset: l.dataset }) : null;
}

describe('dataset page model on the demo data', () => {
  it('lists the three loaded versions newest first, each written by data-loading and read by deduplication', async () => {
    const m = (await model(loaded))!;
    const executions = ['e3', 'e2', 'e1'];
    expect(m.versions.map((v) => v.version)).toEqual(executions.map((e) => run(`${e}.data-loading`).output!.version));
    expect(m.versions.map((v) => v.createdBy?.id)).toEqual(executions.map((e) => run(`${e}.data-loading`).openlineage!.runId));
    expect(m.versions.map((v) => v.readBy.map((r) => r.id))).toEqual(executions.map((e) => [run(`${e}.deduplication`).openlineage!.runId]));
    expect(m.versions.map((v) => v.rowCount)).toEqual(executions.map((e) => run(`${e}.data-loading`).output!.rowCount));
    expect(new URL(m.lineageHref, 'http://x').searchParams.get('node')).toBe('dataset:s3%3A%2F%2Fbucket:groot%2Fstaging%2Floaded');
  });

  it('shows the writer’s linked experiment run with a few key metrics, final summaries first', async () => {
    const writer = (await model(loaded))!.versions[1]!.createdBy!;
    expect(writer.experiment).toMatchObject({ rule: run('e2.data-loading').rule, label: run('e2.data-loading').mlflow!.runName });
    expect(writer.experiment!.metrics.length).toBeGreaterThanOrEqual(2);
    expect(writer.experiment!.metrics.length).toBeLessThanOrEqual(4);
    expect(writer.experiment!.metrics[0]?.key).toBe('final_total_samples');
  });

  it('gives each version its schema and an empty diff against the older one; the oldest has nothing to compare', async () => {
    const m = (await model(loaded))!;
    expect(m.versions[0]!.schema?.map((f) => f.name)).toContain('sample_id');
    expect(m.versions[0]!.diff).toEqual({ added: [], removed: [], typeChanged: [] });
    expect(m.versions[2]!.diff).toBeNull();
    expect(m.versions[2]!.diffNote).toContain('oldest');
  });

  it('explains a raw input by the runs that read it', async () => {
    const m = (await model({ namespace: 's3://bucket', name: 'groot/raw/multimodal' }))!;
    expect(m.versions).toEqual([]);
    const readers = m.readers.map((r) => r.id);
    for (const e of ['e1', 'e2', 'e3']) expect(readers).toContain(run(`${e}.data-loading`).openlineage!.runId);
    expect(m.readers.find((r) => r.id === run('e1.data-loading').openlineage!.runId)?.version).toBe(run('e1.data-loading').input!.version);
  });

  it('is null for an unknown dataset', async () => {
    expect(await model({ namespace: 's3://bucket', name: 'nope' })).toBeNull();
  });
});

describe('datasets from a source that lists versions itself (Marquez)', () => {
  const version = (v: string, fields: Array<{ name: string; type: string }>): DatasetVersion => ({
    id: v, namespace: 'db', name: 't', version: v, createdByRunId: null, createdAt: '2026-11-20T00:00:00Z',
    facets: { schema: { fields } }, rowCount: 1, consumedByRunIds: [],
  });
  const remote: Dataset = { namespace: 'db', name: 't', facets: {}, updatedAt: null, versions: [
    version('v3', [{ name: 'id', type: 'long' }, { name: 'score', type: 'double' }, { name: 'lang', type: 'string' }]),
    version('v2', [{ name: 'id', type: 'int' }, { name: 'score', type: 'double' }, { name: 'tmp', type: 'string' }]),
    { ...version('v1', []), facets: {} },
  ] };
  const source = (dataset: LineageSource['dataset']): LineageSource => ({
    id: 'marquez', snapshot: () => Promise.reject(new Error('unused')), health: () => Promise.reject(new Error('unused')), dataset,
  });

  it('uses the source’s versions and diffs each schema against the previous version', async () => {
    const ask = vi.fn(() => Promise.resolve(remote));
    const m = (await model({ namespace: 'db', name: 't' }, [source(ask)]))!;
    expect(ask).toHaveBeenCalledWith({ namespace: 'db', name: 't' });
    expect(m.note).toBe('Versions listed by marquez.');
    expect(m.versions[0]!.diff).toEqual({ added: [{ name: 'lang', type: 'string' }], removed: [{ name: 'tmp', type: 'string' }], typeChanged: [{ name: 'id', from: 'int', to: 'long' }] });
    expect(m.versions[1]).toMatchObject({ diff: null, diffNote: 'The previous version reported no schema.' });
    expect(m.versions[2]).toMatchObject({ schema: null, diff: null });
  });

  it('falls back to the snapshot when the source fails, and says so', async () => {
    const m = (await model(loaded, [source(() => Promise.reject(new Error('HTTP 502')))]))!;
    expect(m.versions).toHaveLength(3);
    expect(m.note).toContain('marquez could not list');
    expect(m.note).toContain('HTTP 502');
  });
});

describe('keyMetrics', () => {
  it('picks at most four: final_* first, then rates, then durations and sizes', () => {
    const p = (value: number) => ({ step: 0, timestamp: 0, value });
    const keys = keyMetrics({ throughput: p(1), dedup_rate: p(2), final_x: p(3), elapsed_seconds: p(4), gpu: p(5) }).map((m) => m.key);
    expect(keys).toEqual(['final_x', 'dedup_rate', 'elapsed_seconds', 'gpu']);
  });
});
