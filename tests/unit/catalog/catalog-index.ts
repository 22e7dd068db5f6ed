// Builds a RunIndex from local files the way lib/catalog/run-index.ts does, without getSources().
import { afterAll, beforeAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunIndex } from '@/lib/catalog/run-index';
import { runSortTime } from '@/lib/model/run-fields';
import { idKey, joinRuns } from '@/lib/join';
import { createMarquezSource } from '@/lib/sources/marquez';
import { createMlflowStoreSource } from '@/lib/sources/mlflow-store';
import { createOpenLineageFileSource } from '@/lib/sources/openlineage-files';
import type { ExperimentSnapshot, LineageSnapshot, LineageSource } from '@/lib/sources/ports';
import { loadEventsFromFiles, startMarquezStub, type MarquezStub } from '@/tests/stubs/marquez';
import { generateDemoData } from '../../../scripts/demo-data/generate.mjs';
import type { DemoManifest } from '../../../scripts/demo-data/manifest.mjs';

export const GROOT = path.resolve(process.cwd(), '..', 'shared', 'data', 'groot-a');

export function indexOf(lineage: LineageSnapshot[], experiment: ExperimentSnapshot[], now = Date.now()): RunIndex {
  const runs = joinRuns(lineage.flatMap((s) => [...s.runs.values()]), experiment.flatMap((s) => [...s.runs.values()]), now);
  runs.sort((a, b) => runSortTime(b) - runSortTime(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const lookup = new Map<string, string>();
  for (const run of runs) {
    lookup.set(idKey(run.id), run.id);
    if (run.lineage) lookup.set(idKey(run.lineage.runId), run.id);
    if (run.experiment) lookup.set(idKey(run.experiment.runId), run.id);
  }
  return { runs, byId: new Map(runs.map((r) => [r.id, r])), lookup, lineage, experiment, failures: [], warnings: [] };
}

/** The groot-a server pass: 10 events + mlflow.db, one execution of the four stages. */
export async function grootIndex(): Promise<RunIndex> {
  const [lineage, experiment] = await Promise.all([
    createOpenLineageFileSource([path.join(GROOT, 'openlineage', 'events')], { refreshIntervalMs: 0 }).snapshot(),
    createMlflowStoreSource({ kind: 'sqlite', path: path.join(GROOT, 'mlflow-server', 'mlflow.db') }).snapshot(),
  ]);
  return indexOf([lineage], [experiment]);
}

/** Freshly generated demo data (three nightly executions) in a temp dir; `cleanup` removes it. */
export async function demoIndex(): Promise<{ index: RunIndex; manifest: DemoManifest; cleanup: () => void }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-catalog-demo-'));
  generateDemoData({ outDir: dir, force: true });
  const manifest: DemoManifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  const [lineage, experiment] = await Promise.all([
    createOpenLineageFileSource([path.join(dir, 'openlineage')], { refreshIntervalMs: 0 }).snapshot(),
    createMlflowStoreSource({ kind: 'sqlite', path: path.join(dir, 'mlflow.db') }).snapshot(),
  ]);
  const index = indexOf([lineage], [experiment], Date.parse('2026-11-26T00:00:00Z'));
  return { index, manifest, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Generates the demo data once for the calling test file (beforeAll) and removes it after (afterAll);
 * `receive` gets the index and manifest, e.g. `withDemoIndex((d) => ({ index, manifest } = d))`.
 */
export function withDemoIndex(receive: (demo: { index: RunIndex; manifest: DemoManifest }) => void): void {
  let cleanup = () => {};
  beforeAll(async () => {
    const made = await demoIndex();
    cleanup = made.cleanup;
    receive(made);
  });
  afterAll(() => cleanup());
}

/** The demo data (freshly generated) served by the stub Marquez, indexed from a Marquez source's snapshot. */
async function demoMarquez(): Promise<{ index: RunIndex; manifest: DemoManifest; stub: MarquezStub; source: LineageSource; cleanup: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-catalog-marquez-'));
  generateDemoData({ outDir: dir, force: true });
  const manifest: DemoManifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  const stub = await startMarquezStub({ events: loadEventsFromFiles([path.join(dir, 'openlineage')]) });
  const source = createMarquezSource({ url: stub.url, refreshIntervalMs: 60_000 });
  const index = indexOf([await source.snapshot()], []);
  return { index, manifest, stub, source, cleanup: async () => { await stub.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
}

/** demoMarquez once for the calling test file, like withDemoIndex; the stub is closed after the file. */
export function withDemoMarquez(receive: (demo: { index: RunIndex; manifest: DemoManifest; stub: MarquezStub; source: LineageSource }) => void): void {
  let cleanup = async () => {};
  beforeAll(async () => {
    const made = await demoMarquez();
    cleanup = made.cleanup;
    receive(made);
  });
  afterAll(() => cleanup());
}
