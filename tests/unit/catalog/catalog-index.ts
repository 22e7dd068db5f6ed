// Builds a RunIndex from snapshots the way the app does (records synced into a SQLite run index), without getSources().
import { afterAll, beforeAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadDatasets, loadJobs, rememberRuns, type RunIndex } from '@/lib/catalog/run-index';
import type { RunPosition } from '@/lib/index/run-page';
import type { UnifiedRun } from '@/lib/model';
import { sqlRunStore } from '@/lib/catalog/run-store';
import { openIndex } from '@/lib/index/open';
import { applyChanges } from '@/lib/sync/apply-changes';
import { createMarquezSource } from '@/lib/sources/marquez';
import { readWholeMarquez } from '@/tests/unit/sources/marquez/whole-listing';
import { createMlflowStoreSource } from '@/lib/sources/mlflow-store';
import { createOpenLineageFileSource } from '@/lib/sources/openlineage-files';
import type { ExperimentSnapshot, LineageSnapshot, LineageSource } from '@/lib/sources/ports';
import { loadEventsFromFiles, startMarquezStub, type MarquezStub } from '@/tests/stubs/marquez';
import { generateDemoData } from '../../../scripts/demo-data/generate.mjs';
import type { DemoManifest } from '../../../scripts/demo-data/manifest.mjs';

export const GROOT = path.resolve(process.cwd(), '..', 'shared', 'data', 'groot-a');

/** A request's view, plus the lineage snapshots it was indexed from (for tests to compare against). */
export interface TestIndex extends RunIndex {
  lineage: LineageSnapshot[];
}

/**
 * The snapshots' runs, jobs and datasets written to a fresh in-memory SQLite run index through the syncers'
 * path (applyChanges: records, then the incremental join), and a request's view of it with nothing loaded yet.
 */
export async function indexOf(lineage: LineageSnapshot[], experiment: ExperimentSnapshot[], now = Date.now()): Promise<TestIndex> {
  const opened = await openIndex({ kind: 'sqlite', file: ':memory:' });
  await applyChanges(opened.db, { lineageRuns: lineage.flatMap((s) => [...s.runs.values()]), experimentRuns: experiment.flatMap((s) => [...s.runs.values()]) }, now);
  for (const [i, s] of lineage.entries()) {
    const source = [...s.runs.values()][0]?.source ?? `lineage-${i}`;
    await applyChanges(opened.db, { entities: { source, jobs: [...s.jobs.values()], datasets: [...s.datasets.values()] } }, now);
  }
  return { store: sqlRunStore(opened), loaded: new Map(), lookup: new Map(), jobs: new Map(), datasets: new Map(), lineage, experiment, failures: [], warnings: [], sync: [] };
}

/** A new request view of `index` in which `run` is loaded as given (a patched copy) and every other loaded run as indexed. */
export function viewWithRun<I extends RunIndex>(index: I, run: UnifiedRun): I {
  const view: I = { ...index, loaded: new Map(), lookup: new Map(), jobs: new Map(index.jobs), datasets: new Map(index.datasets) };
  rememberRuns(view, [run, ...[...index.loaded.values()].filter((r) => r.id !== run.id)]);
  return view;
}

/**
 * indexOf with every run loaded into the view, read back page by page through the store's keyset
 * paging: tests of page models can then look runs up synchronously, as the pages do after loading.
 */
export async function loadedIndexOf(lineage: LineageSnapshot[], experiment: ExperimentSnapshot[], now = Date.now()): Promise<TestIndex> {
  const index = await indexOf(lineage, experiment, now);
  await loadJobs(index, lineage.flatMap((s) => [...s.jobs.values()]));
  await loadDatasets(index, lineage.flatMap((s) => [...s.datasets.values()]));
  let after: RunPosition | null = null;
  for (;;) {
    const page = await index.store.page({ limit: 100, after, sort: { kind: 'time', descending: true } });
    rememberRuns(index, page.runs);
    if (!page.more) return index;
    after = page.positions.at(-1) ?? null;
  }
}

/** The groot-a server pass: 10 events + mlflow.db, one execution of the four stages. */
export async function grootIndex(): Promise<TestIndex> {
  const [lineage, experiment] = await Promise.all([
    createOpenLineageFileSource([path.join(GROOT, 'openlineage', 'events')], { refreshIntervalMs: 0 }).snapshot(),
    createMlflowStoreSource({ kind: 'sqlite', path: path.join(GROOT, 'mlflow-server', 'mlflow.db') }).snapshot(),
  ]);
  return loadedIndexOf([lineage], [experiment]);
}

/** Freshly generated demo data (three nightly executions) in a temp dir; `cleanup` removes it. */
export async function demoIndex(): Promise<{ index: TestIndex; manifest: DemoManifest; cleanup: () => void }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-catalog-demo-'));
  generateDemoData({ outDir: dir, force: true });
  const manifest: DemoManifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  const [lineage, experiment] = await Promise.all([
    createOpenLineageFileSource([path.join(dir, 'openlineage')], { refreshIntervalMs: 0 }).snapshot(),
    createMlflowStoreSource({ kind: 'sqlite', path: path.join(dir, 'mlflow.db') }).snapshot(),
  ]);
  const index = await loadedIndexOf([lineage], [experiment], Date.parse('2026-11-26T00:00:00Z'));
  return { index, manifest, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Generates the demo data once for the calling test file (beforeAll) and removes it after (afterAll);
 * `receive` gets the index and manifest, e.g. `withDemoIndex((d) => ({ index, manifest } = d))`.
 */
export function withDemoIndex(receive: (demo: { index: TestIndex; manifest: DemoManifest }) => void): void {
  let cleanup = () => {};
  beforeAll(async () => {
    const made = await demoIndex();
    cleanup = made.cleanup;
    receive(made);
  });
  afterAll(() => cleanup());
}

/** The demo data (freshly generated) served by the stub Marquez, indexed from a Marquez source's snapshot. */
async function demoMarquez(): Promise<{ index: TestIndex; manifest: DemoManifest; stub: MarquezStub; source: LineageSource; cleanup: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-catalog-marquez-'));
  generateDemoData({ outDir: dir, force: true });
  const manifest: DemoManifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  const stub = await startMarquezStub({ events: loadEventsFromFiles([path.join(dir, 'openlineage')]) });
  const source = createMarquezSource({ url: stub.url });
  const index = await loadedIndexOf([await readWholeMarquez(stub.url)], []);
  return { index, manifest, stub, source, cleanup: async () => { await stub.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
}

/** demoMarquez once for the calling test file, like withDemoIndex; the stub is closed after the file. */
export function withDemoMarquez(receive: (demo: { index: TestIndex; manifest: DemoManifest; stub: MarquezStub; source: LineageSource }) => void): void {
  let cleanup = async () => {};
  beforeAll(async () => {
    const made = await demoMarquez();
    cleanup = made.cleanup;
    receive(made);
  });
  afterAll(() => cleanup());
}
