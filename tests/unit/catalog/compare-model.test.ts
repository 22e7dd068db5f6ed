import { describe, expect, it } from 'vitest';
import { apiComparisonSchema } from '@/lib/api/contract';
import { loadComparison, toApiComparison } from '@/lib/catalog/compare-model';
import { datasetPageModel } from '@/lib/catalog/dataset-page-model';
import { jobPageModel } from '@/lib/catalog/job-page-model';
import { versionChoices } from '@/lib/catalog/version-compare';
import type { Dataset } from '@/lib/model';
import type { DemoManifest } from '../../../scripts/demo-data/manifest.mjs';
import { withDemoIndex, type TestIndex } from './catalog-index';

let index: TestIndex;
let manifest: DemoManifest;
withDemoIndex((demo) => ({ index, manifest } = demo));

const demo = (label: string) => manifest.runs.find((r) => r.label === label)!;

describe('loadComparison', () => {
  it('names unknown ids, compares a run given by both its ids once, and keeps the order given', async () => {
    const [a, b] = [demo('e2.deduplication'), demo('e1.deduplication')];
    const loaded = await loadComparison(index, [a.openlineage!.runId, 'no-such-run', a.mlflow!.runId, b.mlflow!.runId]);
    expect(loaded.missing).toEqual(['no-such-run']);
    expect(loaded.notes).toEqual([`${a.mlflow!.runId} is the same run as another id given (${a.openlineage!.runId}); it is compared once.`]);
    expect(loaded.comparison?.runs.map((r) => r.id)).toEqual([a.openlineage!.runId, b.openlineage!.runId]);
  });

  it('gives no comparison when fewer than two runs are found', async () => {
    const loaded = await loadComparison(index, [demo('e1.filtering').openlineage!.runId, 'nope']);
    expect(loaded.comparison).toBeNull();
    expect(loaded.found).toHaveLength(1);
  });

  it('serializes to the documented API schema, NaN metric values as strings', async () => {
    const loaded = await loadComparison(index, [demo('e1.tokenization').openlineage!.runId, demo('e2.tokenization').openlineage!.runId]);
    const comparison = loaded.comparison!;
    // A planted NaN: make one latest value non-finite to see it encoded, never 0 or null.
    comparison.metrics[0]!.values[0] = NaN;
    const api = toApiComparison({ ...loaded, comparison });
    expect(apiComparisonSchema.safeParse(api).success).toBe(true);
    expect(api.metrics[0]!.values[0]).toBe('NaN');
    expect(api.runs[0]!.startedAt).toBe(demo('e1.tokenization').openlineage!.startTime);
  });
});

describe('entry points', () => {
  it('job page rows link to the compare page with the run before them as the baseline', () => {
    const model = jobPageModel(index, { namespace: 'groot-data-etl', name: 'groot-data-etl.deduplication' })!;
    const ids = ['e3', 'e2', 'e1'].map((e) => demo(`${e}.deduplication`).openlineage!.runId);
    expect(model.runs.map((r) => r.compareWithPreviousHref)).toEqual([`/compare?runs=${ids[1]},${ids[0]}`, `/compare?runs=${ids[2]},${ids[1]}`, null]);
  });

  it('dataset page offers each version with its writer and readers; a raw input offers the versions read', () => {
    const dataset = index.lineage[0]!.datasets.get(`s3://bucket\u0000groot/staging/loaded`) as Dataset;
    const model = datasetPageModel(index, { dataset, note: null });
    const choices = versionChoices(model.versions, model.readers);
    expect(choices.map((c) => [c.label, c.writerId, c.readerIds])).toEqual(['e3', 'e2', 'e1'].map((e) => [
      demo(`${e}.data-loading`).output!.version, demo(`${e}.data-loading`).openlineage!.runId, [demo(`${e}.deduplication`).openlineage!.runId],
    ]));
    const raw = versionChoices([], [{ id: 'r1', version: 'v1' }, { id: 'r2', version: 'v2' }, { id: 'r3', version: 'v1' }]);
    expect(raw).toEqual([{ key: 'v1', label: 'v1', writerId: null, readerIds: ['r1', 'r3'] }, { key: 'v2', label: 'v2', writerId: null, readerIds: ['r2'] }]);
  });
});
