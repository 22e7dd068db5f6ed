// Issue #14 items 2, 3, 7 on the dataset page: lifecycle timeline, aliases (symlinks), data-quality results.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { datasetPageModel, loadDataset } from '@/lib/catalog/dataset-page-model';
import { createOpenLineageFileSource } from '@/lib/sources/openlineage-files';
import { INTEGRATIONS } from '../openlineage/integration-fixtures';
import { loadedIndexOf } from './catalog-index';

async function pageOf(fixtures: string[], ref: { namespace: string; name: string }) {
  const snapshot = await createOpenLineageFileSource(fixtures.map((f) => path.join(INTEGRATIONS, f)), { refreshIntervalMs: 0 }).snapshot();
  const index = await loadedIndexOf([snapshot], []);
  const loaded = await loadDataset(index, ref, []);
  return { index, model: loaded.dataset ? datasetPageModel(index, { ...loaded, dataset: loaded.dataset }) : null };
}

describe('dataset page', () => {
  it('opens a path by its alias on the table it is a symlink of, and lists the alias', async () => {
    const path_ = { namespace: 'hdfs://test-hadoop:9820', name: '/user/hive/warehouse/mydatabase.db/source_table' };
    const { model } = await pageOf(['data-rentgen/events_spark.jsonl', 'data-rentgen/events_hive.jsonl'], path_);
    expect(model).toMatchObject({ namespace: 'hive://test-hadoop:9083', name: 'mydatabase.source_table' });
    expect(model?.aliases).toEqual([{ ...path_, label: 'hdfs://test-hadoop:9820/user/hive/warehouse/mydatabase.db/source_table' }]);
  });

  it('shows the DROP on the timeline with the run that dropped it, and no version written by it', async () => {
    const { index, model } = await pageOf(['compatibility-tests/spark-dataproc'], { namespace: 'hdfs://dataproc-producer-test-m', name: '/user/hive/warehouse/t1' });
    const dropRun = [...index.loaded.values()].find((r) => r.lineage?.job.name.endsWith('.drop_table'))!;
    expect(model?.lifecycle).toContainEqual({ change: 'DROP', at: '2024-10-17T09:18:14.755Z', runId: dropRun.id, run: expect.objectContaining({ id: dropRun.id, href: `/runs/${dropRun.id}` }), previous: null });
    expect(model?.versions.map((v) => v.createdBy?.id)).not.toContain(dropRun.id);
  });

  it('lists the data-quality results the runs that read it reported', async () => {
    const { model } = await pageOf(['openlineage/example_full_event.json'], { namespace: 'my-datasource-namespace', name: 'instance.schema.table' });
    expect(model?.dataQuality.map((d) => [d.title, d.view.passed, d.view.failed])).toEqual([['myjob.mytask', 2, 0]]);
  });
});
