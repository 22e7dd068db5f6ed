import { describe, expect, it } from 'vitest';
import { previousRunOfJob } from '@/lib/catalog/previous-run';
import { findRun, type RunIndex } from '@/lib/catalog/run-index';
import type { DemoManifest } from '../../../scripts/demo-data/manifest.mjs';
import { withDemoIndex } from './catalog-index';

let index: RunIndex;
let manifest: DemoManifest;
withDemoIndex((demo) => ({ index, manifest } = demo));

const runOf = (label: string) => findRun(index, manifest.runs.find((r) => r.label === label)!.openlineage!.runId)!;

describe('previousRunOfJob', () => {
  it('picks the run of the same job that started last before this one', () => {
    expect(previousRunOfJob(index, runOf('e3.deduplication'))?.id).toBe(runOf('e2.deduplication').id);
    expect(previousRunOfJob(index, runOf('e2.deduplication'))?.id).toBe(runOf('e1.deduplication').id);
  });

  it('has none for the first run of a job, nor for a run without lineage', () => {
    expect(previousRunOfJob(index, runOf('e1.deduplication'))).toBeNull();
    const notebook = findRun(index, manifest.runs.find((r) => r.label === 'notebook')!.mlflow!.runId)!;
    expect(previousRunOfJob(index, notebook)).toBeNull();
  });
});
