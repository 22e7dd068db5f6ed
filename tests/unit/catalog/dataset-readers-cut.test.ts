import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DatasetVersionsTable } from '@/components/datasets/dataset-versions-table';
import { RawInputReaders } from '@/components/datasets/raw-input-readers';
import { DatasetsTable } from '@/components/runs/datasets-table';
import { datasetRows } from '@/lib/catalog/run-detail';
import { loadDatasets, loadRuns } from '@/lib/catalog/run-index';
import { datasetPageModel, DATASET_READERS_SHOWN, loadDataset } from '@/lib/catalog/dataset-page-model';
import type { Dataset, LineageRun, RunDataset } from '@/lib/model';
import type { LineageSnapshot } from '@/lib/sources/ports';
import { lineageRun } from '../join/factories';
import { indexOf } from './catalog-index';

// Where the dataset and run pages list only some of a dataset's readers, they say how many there are.
const ds = (name: string, version: string | null): RunDataset => ({ namespace: 's3://b', name, version, facets: {}, ioFacets: {}, rowCount: null, size: null, producedByRunId: null });
const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 0, minute)).toISOString();
const reader = (id: string, minute: number, input: RunDataset) => lineageRun(id, { startedAt: at(minute), endedAt: at(minute), updatedAt: at(minute), inputs: [input] });

const RAW_READERS = DATASET_READERS_SHOWN + 30;
const VERSION_READERS = 35;

function snapshot(): LineageSnapshot {
  const rawReaders = Array.from({ length: RAW_READERS }, (_, i) => reader(`raw-reader-${String(i).padStart(4, '0')}`, 10 + i, ds('raw', null)));
  const writer = lineageRun('mid-writer', { startedAt: at(1), endedAt: at(2), updatedAt: at(2), outputs: [ds('mid', 'v1')] });
  const midReaders = Array.from({ length: VERSION_READERS }, (_, i) => reader(`mid-reader-${String(i).padStart(4, '0')}`, 500 + i, ds('mid', 'v1')));
  const mid: Dataset = {
    namespace: 's3://b', name: 'mid', facets: {}, updatedAt: at(2),
    versions: [{ id: 'mid-writer/s3://b/mid', namespace: 's3://b', name: 'mid', version: 'v1', createdByRunId: 'mid-writer', createdAt: at(2), facets: {}, rowCount: null, consumedByRunIds: midReaders.map((r) => r.runId) }],
  };
  const runs: LineageRun[] = [...rawReaders, writer, ...midReaders];
  return { version: 1, runs: new Map(runs.map((r) => [r.runId, r])), jobs: new Map(), datasets: new Map([['s3://b\u0000mid', mid]]), graph: { nodes: [], edges: [] } };
}

describe('dataset page readers cut by a bound', () => {
  it(`says "the newest ${DATASET_READERS_SHOWN} of ${RAW_READERS}" for a raw input's readers`, async () => {
    const index = await indexOf([snapshot()], []);
    const loaded = await loadDataset(index, { namespace: 's3://b', name: 'raw' }, []);
    expect(loaded.readersTotal).toBe(RAW_READERS);
    const m = datasetPageModel(index, { ...loaded, dataset: loaded.dataset ?? { namespace: 's3://b', name: 'raw', facets: {}, versions: [], updatedAt: null } });
    expect(m.readers).toHaveLength(DATASET_READERS_SHOWN);
    expect(m.readersTotal).toBe(RAW_READERS);
    const html = renderToStaticMarkup(createElement(RawInputReaders, { readers: m.readers, total: m.readersTotal }));
    expect(html).toContain(`Runs that read it (${RAW_READERS})`);
    expect(html).toContain(`Showing the newest ${DATASET_READERS_SHOWN} of ${RAW_READERS} runs that read it.`);
  });

  it(`says "showing 20 of ${VERSION_READERS} readers" for a version's readers`, async () => {
    const index = await indexOf([snapshot()], []);
    const loaded = await loadDataset(index, { namespace: 's3://b', name: 'mid' }, []);
    const m = datasetPageModel(index, { ...loaded, dataset: loaded.dataset! });
    const [v1] = m.versions;
    expect(v1?.readByCount).toEqual({ total: VERSION_READERS, atLeast: false });
    const html = renderToStaticMarkup(createElement(DatasetVersionsTable, { versions: m.versions, total: m.versionsTotal }));
    expect(html).toContain(`showing 20 of ${VERSION_READERS} readers`);
    expect(html.match(/href="\/runs\/mid-reader-/g)).toHaveLength(20);
  });

  it(`says "showing 20 of ${VERSION_READERS} runs" for the readers of a run's output on its page`, async () => {
    const index = await indexOf([snapshot()], []);
    await loadDatasets(index, [{ namespace: 's3://b', name: 'mid' }]);
    const [writer] = await loadRuns(index, ['mid-writer']);
    await loadRuns(index, Array.from({ length: VERSION_READERS }, (_, i) => `mid-reader-${String(i).padStart(4, '0')}`));
    const { outputs } = datasetRows(index, writer!);
    expect(outputs[0]?.relatedCount).toEqual({ total: VERSION_READERS, atLeast: false });
    expect(outputs[0]?.related).toHaveLength(VERSION_READERS);
    const html = renderToStaticMarkup(createElement(DatasetsTable, { title: 'Outputs', rows: outputs, relatedLabel: 'Read by', testId: 'outputs' }));
    expect(html.match(/href="\/runs\/mid-reader-/g)).toHaveLength(20);
    expect(html).toContain(`showing 20 of ${VERSION_READERS} runs`);
  });
});
