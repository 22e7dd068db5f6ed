import { describe, expect, it } from 'vitest';
import { datasetExactVersions, datasetPageModel, loadDataset } from '@/lib/catalog/dataset-page-model';
import type { RunIndex } from '@/lib/catalog/run-index';
import type { LineageSource } from '@/lib/sources/ports';
import type { MarquezStub } from '@/tests/stubs/marquez';
import type { DemoManifest } from '../../../scripts/demo-data/manifest.mjs';
import { withDemoMarquez } from './catalog-index';

// The demo's staging dataset served by the stub Marquez: each version's writer and readers are
// checked against their own events (Marquez lists no readers, and its version strings may be wrong).
const LOADED = { namespace: 's3://bucket', name: 'groot/staging/loaded' };
const EVENTS_PATH = '/api/v1/events/lineage';

let stub: MarquezStub;
let source: LineageSource;
let index: RunIndex;
let manifest: DemoManifest;
withDemoMarquez((demo) => ({ index, manifest, stub, source } = demo));

const run = (label: string) => manifest.runs.find((r) => r.label === label)!;

async function pageModel(sources: LineageSource[]) {
  const loaded = await loadDataset(index, LOADED, [source]);
  return datasetPageModel(index, { ...loaded, dataset: loaded.dataset! }, await datasetExactVersions(index, loaded.dataset!, sources));
}

describe('dataset page model with Marquez as the lineage source', () => {
  it("takes each version's string from its writer's events and places the readers on the version they read", async () => {
    const before = stub.requests.length;
    const m = await pageModel([source]);
    const events = stub.requests.slice(before).filter((r) => r.path === EVENTS_PATH);
    const executions = ['e3', 'e2', 'e1'];
    expect(m.versions.map((v) => v.createdBy?.id)).toEqual(executions.map((e) => run(`${e}.data-loading`).openlineage!.runId));
    expect(m.versions.map((v) => v.version)).toEqual(executions.map((e) => run(`${e}.data-loading`).output!.version));
    expect(m.versions.map((v) => v.versionBasis)).toEqual(['own-events', 'own-events', 'own-events']);
    expect(m.versions.map((v) => v.readBy.map((r) => r.id))).toEqual(executions.map((e) => [run(`${e}.deduplication`).openlineage!.runId]));
    expect(m.unplacedReaders).toEqual([]);
    expect(m.versionNote).toContain("run's own OpenLineage events");
    // Six runs (three writers, three readers) over three nights: a batch, not one query per run.
    expect(events.length).toBeGreaterThan(0);
    expect(events.length).toBeLessThanOrEqual(3);
  });

  it('without the lookup Marquez names no reader, and its listed versions are labelled unchecked', async () => {
    const loaded = await loadDataset(index, LOADED, [source]);
    const m = datasetPageModel(index, { ...loaded, dataset: loaded.dataset! });
    expect(m.versions.flatMap((v) => v.readBy)).toEqual([]);
    expect(m.versions.map((v) => v.versionBasis)).toEqual(['unchecked', 'unchecked', 'unchecked']);
  });

  it("says so when the runs' events cannot be read, and shows no version it could not check", async () => {
    const failing: LineageSource = { ...source, exactRuns: () => Promise.reject(new Error('HTTP 500 from /events/lineage')) };
    const m = await pageModel([failing]);
    expect(m.versions.map((v) => [v.version, v.versionBasis])).toEqual([[null, 'unavailable'], [null, 'unavailable'], [null, 'unavailable']]);
    expect(m.versionProblems).toEqual([expect.stringContaining('HTTP 500 from /events/lineage')]);
    expect(m.unplacedReaders.map((r) => [r.label, r.version, r.versionBasis])).toEqual([0, 1, 2].map(() => ['groot-data-etl.deduplication', null, 'unavailable']));
  });
});
