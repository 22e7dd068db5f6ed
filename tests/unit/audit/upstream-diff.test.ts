import { describe, expect, it } from 'vitest';
import { compareRuns } from '@/lib/audit/compare';
import { pairsOf, diffUpstream } from '@/lib/audit/upstream-diff';
import { explainUpstreamDiff } from '@/lib/audit/upstream-diff-text';
import { compareContext } from '@/lib/catalog/compare-model';
import { findRun, type RunIndex } from '@/lib/catalog/run-index';
import type { UnifiedRun } from '@/lib/model';
import type { DemoManifest } from '../../../scripts/demo-data/manifest.mjs';
import { withDemoIndex } from '../catalog/catalog-index';

let index: RunIndex;
let manifest: DemoManifest;
withDemoIndex((demo) => ({ index, manifest } = demo));

const demo = (label: string) => manifest.runs.find((r) => r.label === label)!;
const run = (label: string): UnifiedRun => findRun(index, demo(label).openlineage!.runId)!;
const execution = (id: string) => manifest.executions.find((e) => e.id === id)!;

describe('the upstream walk on the demo: e1 vs e2 tokenization', () => {
  it('walks tokenization → filtering → deduplication → data-loading, each pair reading different versions', () => {
    const { root, truncated } = diffUpstream(run('e1.tokenization'), run('e2.tokenization'), compareContext(index));
    expect(truncated).toBe(false);
    const pairs = pairsOf(root);
    expect(pairs.map((p) => p.runs.map((r) => r.id))).toEqual(['tokenization', 'filtering', 'deduplication', 'data-loading']
      .map((stage) => [demo(`e1.${stage}`).openlineage!.runId, demo(`e2.${stage}`).openlineage!.runId]));
    expect(pairs.map((p) => p.depth)).toEqual([0, 1, 2, 3]);
    // Each pair's one input changed version, read from the manifest's executions.
    for (const pair of pairs) {
      const stage = pair.runs[0].label.replace('groot-data-etl.', '');
      const [before, after] = ['e1', 'e2'].map((e) => execution(e).stages.find((s) => s.stage === stage)!.input!);
      expect(pair.inputs).toHaveLength(1);
      expect(pair.inputs[0]).toMatchObject({ name: before!.name, status: 'changed-version', versions: [before!.version, after!.version] });
    }
  });

  it('ends at the raw data with ed4b7e51 → 4743f87a, and finds threshold 0.95 → 0.92 at deduplication', () => {
    const { root } = diffUpstream(run('e1.tokenization'), run('e2.tokenization'), compareContext(index));
    const [, , dedup, loading] = pairsOf(root);
    expect(execution('e1').rawVersion).toBe('ed4b7e51');
    expect(execution('e2').rawVersion).toBe('4743f87a');
    expect(loading!.inputs[0]).toMatchObject({
      name: 'groot/raw/multimodal', versions: ['ed4b7e51', '4743f87a'], end: 'raw-input', producers: [null, null], producerDiff: null,
    });
    expect(dedup!.params.find((p) => p.key === 'threshold')).toMatchObject({ values: ['0.95', '0.92'], status: 'changed' });
    // Only the execution-wide threshold differs at data-loading: its own params are the same.
    expect(loading!.params.map((p) => p.key)).toEqual(['similarity_threshold']);
    // The loaded version was written later in e2, so e2 read the newer one; the raw one was first read later.
    expect(dedup!.inputs[0]).toMatchObject({ newer: 'b', newerBy: 'writers' });
    expect(loading!.inputs[0]).toMatchObject({ newer: 'b', newerBy: 'first-read' });
  });

  it('says why in sentences: the threshold at deduplication and the raw data', () => {
    const sentences = explainUpstreamDiff(diffUpstream(run('e1.tokenization'), run('e2.tokenization'), compareContext(index)).root);
    expect(sentences).toContain('groot-data-etl.deduplication ran with similarity_threshold 0.92 instead of 0.95 and threshold 0.92 instead of 0.95');
    expect(sentences).toContain('groot-data-etl.data-loading read a newer version of s3://bucket/groot/raw/multimodal (4743f87a instead of ed4b7e51), a raw input: no loaded run wrote either version; dated by when loaded runs first read each');
    // The MLflow batch_size of e2.tokenization differs from e1's: the root's own change comes first.
    expect(sentences[0]).toMatch(/^groot-data-etl\.tokenization ran with batch_size 512 instead of 1000/);
  });

  it('stops at the depth bound and says so', () => {
    const { root, truncated } = diffUpstream(run('e1.tokenization'), run('e2.tokenization'), compareContext(index), { maxDepth: 1, maxPairs: 60 });
    expect(truncated).toBe(true);
    expect(pairsOf(root)).toHaveLength(2);
    expect(pairsOf(root)[1]?.inputs[0]?.end).toBe('limit');
    expect(explainUpstreamDiff(root).at(-1)).toContain('the walk stopped at its bound');
  });

  it('compares a run with itself to nothing', () => {
    const { root } = diffUpstream(run('e1.deduplication'), run('e1.deduplication'), compareContext(index));
    expect([root.params, root.code, root.inputs]).toEqual([[], [], []]);
    expect(explainUpstreamDiff(root)).toEqual([]);
  });
});

describe('comparing the e1 and e2 pipeline runs', () => {
  it('pairs their four stages by job and shows which params and input versions changed', () => {
    const comparison = compareRuns([run('e1.pipeline'), run('e2.pipeline')], compareContext(index));
    const [pair] = comparison.pairs;
    expect(pair!.stages.map((s) => s.stage)).toEqual(['data-loading', 'deduplication', 'filtering', 'tokenization'].map((s) => `groot-data-etl.${s}`));
    for (const stage of pair!.stages) {
      const name = stage.stage.replace('groot-data-etl.', '');
      expect(stage.runs.map((r) => r?.id)).toEqual(['e1', 'e2'].map((e) => demo(`${e}.${name}`).openlineage!.runId));
      expect(stage.status).toBe('changed');
      expect(stage.inputs.map((d) => d.uses.map((u) => u?.version))).toEqual([['e1', 'e2'].map((e) => execution(e).stages.find((s) => s.stage === name)!.input!.version)]);
    }
    const dedup = pair!.stages.find((s) => s.stage.endsWith('deduplication'))!;
    expect(dedup.params.map((p) => [p.key, ...p.values])).toEqual([['similarity_threshold', '0.95', '0.92'], ['threshold', '0.95', '0.92']]);
    expect(pair!.headline).toBe('dedup_rate rose from 0.118 to 0.163 (4 other metrics changed too)');
    expect(pair!.causes).toContain('groot-data-etl.deduplication ran with similarity_threshold 0.92 instead of 0.95 and threshold 0.92 instead of 0.95');
    expect(pair!.causes.some((c) => c.includes('(4743f87a instead of ed4b7e51)'))).toBe(true);
    // A finding shared by several stages is one sentence naming them all, not one per stage.
    const code = pair!.causes.filter((c) => c.includes('ran different code'));
    expect(code).toHaveLength(1);
    expect(code[0]).toMatch(/^groot-data-etl, groot-data-etl\.data-loading, .* and groot-data-etl\.tokenization ran different code: Git commit/);
    // The pipeline run recorded no version of the raw data it names: unknown, so said last.
    expect(pair!.causes.at(-1)).toBe('groot-data-etl read s3://bucket/groot/raw/multimodal with no recorded version in either run, so whether it changed is unknown');
  });

  it('pairs what is there when one pipeline stopped early: e3 has no tokenization', () => {
    const stages = compareRuns([run('e2.pipeline'), run('e3.pipeline')], compareContext(index)).pairs[0]!.stages;
    const tokenization = stages.find((s) => s.stage.endsWith('tokenization'))!;
    expect(tokenization).toMatchObject({ status: 'only-in', runs: [{ id: demo('e2.tokenization').openlineage!.runId }, null] });
    expect(stages).toHaveLength(4);
    const causes = compareRuns([run('e2.pipeline'), run('e3.pipeline')], compareContext(index)).pairs[0]!.causes;
    expect(causes[0]).toBe('groot-data-etl and groot-data-etl.filtering ended FAILED instead of COMPLETED');
    expect(causes.at(-1)).toBe('groot-data-etl.tokenization ran only in the baseline pipeline run');
  });

  it('gives no stage pairs for runs that are not pipelines', () => {
    expect(compareRuns([run('e1.filtering'), run('e2.filtering')], compareContext(index)).pairs[0]!.stages).toEqual([]);
  });
});

describe('a comparison with a failed run', () => {
  it('leads with the failure and its error, then the outcome before params and inputs', () => {
    const failed = demo('e3.filtering');
    const pair = compareRuns([run('e2.filtering'), run('e3.filtering')], compareContext(index)).pairs[0]!;
    expect(pair.failure).toMatchObject({ side: 'other', id: failed.openlineage!.runId, message: failed.openlineage!.errorMessage });
    expect(pair.causes[0]).toMatch(/ended FAILED instead of COMPLETED$/);
    const firstInput = pair.causes.findIndex((c) => c.includes(' read '));
    const firstParam = pair.causes.findIndex((c) => c.includes(' ran with '));
    if (firstParam >= 0 && firstInput >= 0) expect(firstParam).toBeLessThan(firstInput);
    expect(new Set(pair.causes).size).toBe(pair.causes.length);
  });

  it("gives a failed pipeline run's own error, which names the stage's", () => {
    const pair = compareRuns([run('e2.pipeline'), run('e3.pipeline')], compareContext(index)).pairs[0]!;
    expect(pair.failure?.side).toBe('other');
    expect(pair.failure?.id).toBe(demo('e3.pipeline').openlineage!.runId);
    expect(pair.failure?.message).toContain(demo('e3.filtering').openlineage!.errorMessage);
  });

  it('has no failure between two completed runs', () => {
    expect(compareRuns([run('e1.filtering'), run('e2.filtering')], compareContext(index)).pairs[0]!.failure).toBeNull();
  });
});
