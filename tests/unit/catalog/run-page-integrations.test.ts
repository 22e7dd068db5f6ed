// Issue #14 ("Also") and item 1's /health: real Airflow and dbt events through the file source and the run page model.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPageModel } from '@/lib/catalog/run-page-model';
import { createOpenLineageFileSource } from '@/lib/sources/openlineage-files';
import { INTEGRATIONS } from '../openlineage/integration-fixtures';
import { loadedIndexOf } from './catalog-index';

async function indexFor(...fixtures: string[]) {
  const source = createOpenLineageFileSource(fixtures.map((f) => path.join(INTEGRATIONS, f)), { refreshIntervalMs: 0 });
  return { index: await loadedIndexOf([await source.snapshot()], []), source };
}

const names = (list: Array<{ namespace: string; name: string }>) => list.map((d) => `${d.namespace} ${d.name}`).sort();

describe('the lineage graph of a pipeline run is its stages\' (Airflow DAG, dbt run)', () => {
  it('draws the Airflow DAG run with what its three tasks read from outside and everything they wrote', async () => {
    const { index } = await indexFor('compatibility-tests/airflow');
    const dag = [...index.loaded.values()].find((r) => r.lineage?.job.name === 'BQ')!;
    expect(dag.lineage?.inputs).toEqual([]);
    const tasks = [...index.loaded.values()].filter((r) => r.parentId === dag.id);
    expect(tasks).toHaveLength(3);
    const model = runPageModel(index, dag);
    const written = tasks.flatMap((t) => t.lineage!.outputs);
    const readFromOutside = tasks.flatMap((t) => t.lineage!.inputs).filter((d) => !written.some((w) => w.namespace === d.namespace && w.name === d.name));
    expect(names(model.neighbourhood.outputs)).toEqual([...new Set(names(written))]);
    expect(names(model.neighbourhood.inputs)).toEqual([...new Set(names(readFromOutside))]);
    expect(model.neighbourhood.outputs.length).toBeGreaterThan(0);
    expect(model.graphFromStages).toEqual({ leftOut: 0 });
  });

  it('draws the dbt run with its model\'s source and target', async () => {
    const { index } = await indexFor('data-rentgen/events_dbt.jsonl');
    const dbtRun = [...index.loaded.values()].find((r) => r.lineage?.job.name === 'dbt-run-demo_project')!;
    const model = runPageModel(index, dbtRun);
    expect(names(model.neighbourhood.inputs)).toEqual(['spark://localhost:10000 demo_schema.source_table']);
    expect(names(model.neighbourhood.outputs)).toEqual(['spark://localhost:10000 demo_schema.target_table']);
  });

  it('keeps a run\'s own datasets when it reported some', async () => {
    const { index } = await indexFor('data-rentgen/events_dbt.jsonl');
    const modelRun = [...index.loaded.values()].find((r) => r.lineage?.job.name === 'demo_schema.demo_project.target_table')!;
    expect(runPageModel(index, modelRun).graphFromStages).toBeNull();
  });
});

describe('/health of the file source', () => {
  it('reports merged same-instant events and zone-less times', async () => {
    const { source } = await indexFor('marquez');
    const health = await source.health();
    expect(health.problems.map((p) => p.message)).toEqual(expect.arrayContaining([
      expect.stringContaining('different COMPLETE events at 2020-12-28T19:51:01.641Z: merged'),
      expect.stringContaining('1 event time(s) have no time zone'),
    ]));
  });
});
