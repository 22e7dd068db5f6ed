import { describe, expect, it } from 'vitest';
import { JOB_ROW_INPUTS, jobPageModel, metricTrends } from '@/lib/catalog/job-page-model';
import type { RunIndex } from '@/lib/catalog/run-index';
import type { UnifiedRun } from '@/lib/model';
import type { DemoManifest } from '../../../scripts/demo-data/manifest.mjs';
import { experimentRun, lineageRun } from '../join/factories';
import { viewWithRun, withDemoIndex } from './catalog-index';

let index: RunIndex;
let manifest: DemoManifest;
withDemoIndex((demo) => ({ index, manifest } = demo));

const run = (label: string) => manifest.runs.find((r) => r.label === label)!;

describe('job page model on the demo data', () => {
  it('a run with 100,000 inputs lists the first few in its row and says how many there are', () => {
    const target = [...index.loaded.values()].find((r) => r.lineage?.job.name === 'groot-data-etl.deduplication')!;
    const inputs = Array.from({ length: 100_000 }, (_, i) => ({ ...target.lineage!.inputs[0]!, name: `huge/input-${i}` }));
    const huge = { ...target, lineage: { ...target.lineage!, inputs } };
    const hugeIndex = viewWithRun(index, huge);
    const started = performance.now();
    const model = jobPageModel(hugeIndex, { namespace: 'groot-data-etl', name: 'groot-data-etl.deduplication' })!;
    expect(performance.now() - started).toBeLessThan(3000);
    const row = model.runs.find((r) => r.id === huge.id)!;
    expect(row.inputs).toHaveLength(JOB_ROW_INPUTS);
    expect(row.inputsTotal).toBe(100_000);
  });

  it('lists the deduplication runs newest first with the versions they read and their link rules', () => {
    const model = jobPageModel(index, { namespace: 'groot-data-etl', name: 'groot-data-etl.deduplication' })!;
    const labels = ['e3.deduplication', 'e2.deduplication', 'e1.deduplication'];
    expect(model.runs.map((r) => r.id)).toEqual(labels.map((l) => run(l).openlineage!.runId));
    expect(model.runs.map((r) => r.rule)).toEqual(labels.map((l) => run(l).rule));
    expect(model.runs.map((r) => r.inputs.map((i) => `${i.label}@${i.version}`))).toEqual(
      labels.map((l) => [`s3://bucket/groot/staging/loaded@${run(l).input!.version}`]));
    expect(model.runs[0]?.href).toBe(`/runs/${run('e3.deduplication').openlineage!.runId}`);
    expect(model.missingRuns).toBe(0);
  });

  it('gives the job facts and a lineage explorer link whose node param is the job node id', () => {
    const model = jobPageModel(index, { namespace: 'groot-data-etl', name: 'groot-data-etl.deduplication' })!;
    expect(model.facts.type).toBe('TASK');
    expect(model.facts.description).toBeTruthy();
    expect(model.facts.latestRunState).toBe('COMPLETED');
    expect(model.facts.inputs).toEqual([{ label: 's3://bucket/groot/staging/loaded', href: '/datasets/s3%3A%2F%2Fbucket/groot%2Fstaging%2Floaded' }]);
    const node = new URL(model.facts.lineageHref, 'http://x').searchParams.get('node');
    expect(node).toBe('job:groot-data-etl:groot-data-etl.deduplication');
  });

  it('charts dedup_rate across the three linked nightly runs, oldest first, labelled by date', () => {
    const model = jobPageModel(index, { namespace: 'groot-data-etl', name: 'groot-data-etl.deduplication' })!;
    const dedup = model.trends.find((t) => t.key === 'dedup_rate')!;
    expect(dedup.points.map((p) => p.label)).toEqual(['2026-11-20', '2026-11-24', '2026-11-25']);
    expect(dedup.points.every((p) => typeof p.value === 'number' && p.value > 0 && p.value < 1)).toBe(true);
    expect(dedup.note).toBeNull();
    expect(model.trends.map((t) => t.key)).toEqual(expect.arrayContaining(['final_dedup_rate', 'throughput']));
  });

  it('shows an unmatched run as such and draws no trend from fewer than two linked runs', () => {
    const model = jobPageModel(index, { namespace: 'groot-data-etl', name: 'groot-data-etl.export-stats' })!;
    expect(model.runs.map((r) => r.rule)).toEqual([null]);
    expect(model.trends).toEqual([]);
    expect(model.linkedRuns).toBe(0);
  });

  it('returns null for a job no source reported', () => {
    expect(jobPageModel(index, { namespace: 'groot-data-etl', name: 'no-such-job' })).toBeNull();
  });
});

describe('metricTrends', () => {
  const linked = (id: string, start: string, metrics: Record<string, number>): UnifiedRun => ({
    id, lineage: lineageRun(id, { startedAt: start }),
    experiment: experimentRun(id, { metrics: Object.fromEntries(Object.entries(metrics).map(([k, value]) => [k, { step: 0, timestamp: 0, value }])) }),
    link: { rule: 'uuid', rules: ['uuid'], detail: '', conflicts: [] }, parentId: null, childIds: [], notes: [],
  });

  it('keeps runs without the metric or with a non-finite value as named gaps, and adds the time to shared dates', () => {
    const runs = [
      linked('c', '2026-11-21T09:30:00Z', { loss: 0.2 }),
      linked('b', '2026-11-21T02:00:00Z', { loss: NaN, acc: 1 }),
      linked('a', '2026-11-20T02:00:00Z', { loss: 0.5 }),
    ];
    const [loss, ...rest] = metricTrends(runs);
    expect(rest).toEqual([]); // acc: one run only
    expect(loss?.points).toEqual([
      { runId: 'a', label: '2026-11-20', value: 0.5 },
      { runId: 'b', label: '2026-11-21 02:00', value: null },
      { runId: 'c', label: '2026-11-21 09:30', value: 0.2 },
    ]);
    expect(loss?.note).toBe('1 latest value is NaN or ±Infinity: drawn as gaps.');
    const withMissing = metricTrends([...runs, linked('z', '2026-11-19T00:00:00Z', { acc: 2 })]);
    expect(withMissing.find((t) => t.key === 'loss')?.note).toBe('1 run did not log it; 1 latest value is NaN or ±Infinity: drawn as gaps.');
  });
});
