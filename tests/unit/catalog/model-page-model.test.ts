import { describe, expect, it } from 'vitest';
import { apiModelListSchema, apiModelSchema } from '@/lib/api/contract';
import { modelListModel, modelPageModel, noModelsReason, type ModelPageModel } from '@/lib/catalog/model-page-model';
import { registeredModels, versionsProducedBy } from '@/lib/catalog/model-versions';
import { findRun, type RunIndex } from '@/lib/catalog/run-index';
import type { DemoManifest } from '../../../scripts/demo-data/manifest.mjs';
import { createMlflowStoreSource } from '@/lib/sources/mlflow-store';
import { MLFLOW3_SQL, buildDb, removeTempDirs } from '../sources/mlflow/helpers';
import { indexOf, withDemoIndex } from './catalog-index';

let index: RunIndex;
let manifest: DemoManifest;
withDemoIndex((demo) => ({ index, manifest } = demo));

const run = (label: string) => {
  const found = manifest.runs.find((r) => r.label === label);
  if (!found) throw new Error(`no run ${label} in the manifest`);
  return found;
};

async function page(version: string | null): Promise<ModelPageModel> {
  const lookup = await modelPageModel(index, 'groot-tokenizer', version);
  if (!lookup.found) throw new Error('groot-tokenizer not found');
  return lookup.model;
}

describe('models list on the demo', () => {
  it('lists groot-tokenizer with its latest version, aliases and version count, in the API shape', () => {
    const list = modelListModel(index);
    expect(list.map((m) => [m.name, m.latestVersion, m.versionCount, m.aliases])).toEqual([
      ['groot-tokenizer', '2', 2, manifest.models[0]?.aliases],
    ]);
    expect(apiModelListSchema.safeParse({ models: list, offset: 0, total: list.length, unavailableSources: [] }).success).toBe(true);
  });
});

describe('why /models is empty', () => {
  it('names the cause: nothing configured, sources down, or a registry with no models', async () => {
    expect(noModelsReason(await indexOf([], []), 0)).toContain('MLFLOW_TRACKING_URI is unset');
    expect(noModelsReason(await indexOf([], []), 1)).toContain('could be read');
    const empty = { version: 1, runs: new Map(), experiments: new Map(), models: [] };
    expect(noModelsReason(await indexOf([], [empty]), 1)).toContain('hold no registered models');
    expect(noModelsReason(index, 1)).toBeNull();
  });
});

describe('version trace on the demo', () => {
  it('v1: e1.tokenization → filtered@3a41009b → written by e1.filtering → … → data-loading (raw input)', async () => {
    const model = await page('1');
    const trace = model.trace!;
    expect(trace.run).toMatchObject({ id: run('e1.tokenization').openlineage!.runId, via: 'run_id', link: { rule: 'uuid' }, status: 'COMPLETED' });
    expect(trace.inputs.map((d) => [d.name, d.version, d.related.map((r) => r.id)])).toEqual([
      [run('e1.filtering').output!.name, '3a41009b', [run('e1.filtering').openlineage!.runId]],
    ]);
    expect(trace.upstream?.runs.map((r) => [r.depth, r.job.label])).toEqual([
      [0, 'groot-data-etl.tokenization'], [1, 'groot-data-etl.filtering'], [2, 'groot-data-etl.deduplication'], [3, 'groot-data-etl.data-loading'],
    ]);
    expect(trace.upstream?.runs.at(-1)?.inputs[0]).toMatchObject({ version: 'ed4b7e51', producer: null });
    expect(apiModelSchema.safeParse({ ...model, unavailableSources: [] }).success).toBe(true);
  });

  it('v2 (the default, newest): e2.tokenization read d1e52187, written by e2.filtering (linked by mlflow-tag)', async () => {
    const model = await page(null);
    expect(model.selectedVersion).toBe('2');
    const trace = model.trace!;
    expect(trace.run?.id).toBe(run('e2.tokenization').openlineage!.runId);
    expect(trace.inputs[0]).toMatchObject({ version: 'd1e52187', digest: 'd1e52187' });
    const filtering = trace.upstream?.runs.find((r) => r.depth === 1);
    expect(filtering).toMatchObject({ runId: run('e2.filtering').openlineage!.runId, experiment: { rule: 'mlflow-tag' } });
  });

  it('lists every version newest first with aliases, no stage for "None", and its run', async () => {
    const model = await page(null);
    expect(model.versions.map((v) => [v.version, v.aliases, v.stage, v.href, v.run?.label])).toEqual([
      ['2', ['latest-etl'], null, '/models/groot-tokenizer?version=2', 'groot-data-etl.tokenization'],
      ['1', ['champion'], null, '/models/groot-tokenizer?version=1', 'groot-data-etl.tokenization'],
    ]);
    expect(model.versions.every((v) => v.runNote === null)).toBe(true);
  });

  it('says so for a version the model does not have, and for a model nobody registered', async () => {
    const model = await page('7');
    expect([model.unknownVersion, model.selectedVersion, model.trace]).toEqual(['7', null, null]);
    expect(await modelPageModel(index, 'no-such-model', null)).toEqual({ found: false });
  });
});

describe('the run page lists the versions a run trained', () => {
  it('e1.tokenization → groot-tokenizer v1 (champion); its filtering run none', () => {
    const tokenization = findRun(index, run('e1.tokenization').mlflow!.runId)!;
    expect(versionsProducedBy(index, tokenization)).toEqual([
      { name: 'groot-tokenizer', version: '1', href: '/models/groot-tokenizer?version=1', aliases: ['champion'], stage: null, via: 'run_id' },
    ]);
    expect(versionsProducedBy(index, findRun(index, run('e1.filtering').mlflow!.runId)!)).toEqual([]);
  });
});

describe('MLflow 3: a version registered from models:/m-… without a run_id', () => {
  it('resolves to its logged model and that model’s source run (SQLite 3.x store)', async () => {
    try {
      const snapshot = await createMlflowStoreSource({ kind: 'sqlite', path: await buildDb(MLFLOW3_SQL) }).snapshot();
      const three = await indexOf([], [snapshot]);
      const lookup = await modelPageModel(three, 'clf', '10');
      if (!lookup.found) throw new Error('clf not found');
      const { trace, versions } = lookup.model;
      expect(trace?.loggedModel).toMatchObject({ modelId: 'm-123', runId: 'a0000000000000000000000000000001', status: 'LOGGED_MODEL_READY' });
      expect(trace?.run).toMatchObject({ id: 'a0000000000000000000000000000001', via: 'logged-model', link: null });
      expect(trace?.runNote).toContain('source run of logged model m-123');
      expect(versions.map((v) => [v.version, v.stage, v.modelId, v.run?.via])).toEqual([['10', 'Production', 'm-123', 'logged-model'], ['1', null, 'm-123', 'run_id']]);
    } finally {
      await removeTempDirs();
    }
  });
});

describe('a model with 5,000 versions', () => {
  it('answers a window of 200 versions from ?versions=, keeps the selected version outside it, and bounds the body', async () => {
    const base = registeredModels(index).find((m) => m.name === 'groot-tokenizer')!;
    const versions = Array.from({ length: 5_000 }, (_, i) => ({ ...base.versions[0]!, version: String(5_000 - i), aliases: [] }));
    const huge = { ...index, experiment: index.experiment.map((s, i) => (i === 0 ? { ...s, models: [{ ...base, name: 'huge', versions }] } : s)) };
    const lookup = await modelPageModel(huge, 'huge', '1', { versions: 4_900 });
    if (!lookup.found) throw new Error('huge not found');
    const model = lookup.model;
    expect(model.versions).toHaveLength(100);
    expect(model).toMatchObject({ versionsOffset: 4_900, versionCount: 5_000, selectedVersion: '1' });
    expect(model.selected?.version).toBe('1');
    expect(model.trace?.inputsTotal).toBe(model.trace?.inputs.length);
    expect(apiModelSchema.safeParse({ ...model, unavailableSources: [] }).success).toBe(true);
    const first = await modelPageModel(huge, 'huge', null);
    expect(first.found && first.model.versions.length).toBe(200);
    expect(first.found && JSON.stringify(first.model).length).toBeLessThan(400_000);
  });
});
