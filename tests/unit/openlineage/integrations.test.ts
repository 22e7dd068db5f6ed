// Issue #14: what real OpenLineage integrations emit (tests/fixtures/openlineage-integrations) read right.
import { describe, expect, it } from 'vitest';
import { refKey } from '@/lib/model';
import { buildModel } from '@/lib/openlineage/build-model';
import { mergeRunEvents } from '@/lib/openlineage/merge-run-events';
import { datasetNodeId, jobNodeId } from '@/lib/openlineage/node-id';
import { toLoadedEvent, type LoadedEvent } from '@/lib/openlineage/parse-text';
import { loadFixtures, rawEvents } from './integration-fixtures';

const model = (events: LoadedEvent[]) => buildModel(events, 'openlineage-files');
const load = (value: unknown): LoadedEvent => {
  const e = toLoadedEvent(value);
  if (typeof e === 'string') throw new Error(e);
  return e;
};

describe('different events of one run at one instant (Marquez event_full + event_large)', () => {
  const RUN = 'ea041791-68bc-4ae1-bd89-4c8106a157e4';

  it('merges them: facets by name from both, inputs and outputs unioned, and says so on /health', () => {
    const m = model(loadFixtures('marquez/event_full.json', 'marquez/event_large.json'));
    const run = m.runs.get(RUN)!;
    expect(Object.keys(run.inputs[0]!.ioFacets)).toContain('dataQualityAssertions'); // only in event_full
    expect(Object.keys(run.outputs[0]!.ioFacets)).toContain('outputStatistics'); // only in event_full
    expect(Object.keys(run.outputs[0]!.facets)).toEqual(expect.arrayContaining(['additionalProp3', 'additionalProp9'])); // one from each
    expect(m.problems).toContainEqual({ where: `run ${RUN}`, message: expect.stringContaining('2 different COMPLETE events at 2020-12-28T19:51:01.641Z: merged') });
  });

  it('gives the same run whatever order the events arrive in, and counts an identical repeat once', () => {
    const [full, large] = [loadFixtures('marquez/event_full.json')[0]!, loadFixtures('marquez/event_large.json')[0]!];
    const a = mergeRunEvents([full, large], 's')!;
    const b = mergeRunEvents([large, full, large], 's')!;
    expect(b.built.run).toEqual(a.built.run);
    expect(b.problems).toEqual(a.problems);
    const twice = mergeRunEvents([full, load(JSON.parse(JSON.stringify(rawEvents('marquez/event_full.json')[0])))], 's')!;
    expect(twice.problems).toEqual([]);
    expect(twice.built.run).toEqual(mergeRunEvents([full], 's')!.built.run);
  });
});

describe('a facet that fails its schema (Spark COMPLETE parent without run)', () => {
  it('does not replace the valid one from START; the problem is reported', () => {
    const events = rawEvents('data-rentgen/events_spark.jsonl') as Array<{ eventType: string; run: { runId: string; facets: Record<string, { run?: unknown }> } }>;
    const complete = structuredClone(events.find((e) => e.eventType === 'COMPLETE' && e.run.runId.startsWith('01908225'))!);
    delete complete.run.facets.parent!.run;
    const others = events.filter((e) => e.run.runId.startsWith('01908225') && e.eventType !== 'COMPLETE');
    const merged = mergeRunEvents([...others, complete].map(load), 's')!;
    expect(merged.built.run.parent).toEqual({ runId: '01908224-8410-79a2-8de6-a769ad6944c9', job: { namespace: 'local://some.host.name', name: 'spark_session' } });
    expect(merged.built.run.state).toBe('COMPLETED');
    expect(merged.problems).toEqual([{ where: 'run 01908225-1fd7-746b-910c-70d24f2898b1', message: expect.stringMatching(/COMPLETE event at .*run facet "parent" fails its schema \(run: .*\); the earlier valid one is kept/) }]);
  });
});

describe('lifecycleStateChange (Spark drop_table, compatibility-tests)', () => {
  const m = model(loadFixtures('compatibility-tests/spark-dataproc'));
  const t1 = [...m.datasets.values()].find((d) => d.name === 'default.t1' || d.aliases?.some((a) => a.name === '/user/hive/warehouse/t1'))!;

  it('puts a DROP on the dataset timeline, with the run, and makes no version of it', () => {
    const dropRun = [...m.runs.values()].find((r) => r.job.name.endsWith('.drop_table'))!;
    expect(t1.lifecycle).toContainEqual({ change: 'DROP', at: '2024-10-17T09:18:14.755Z', runId: dropRun.runId, previous: null });
    expect(t1.lifecycle?.map((l) => l.change)).toEqual(['CREATE', 'DROP']);
    expect(t1.versions.map((v) => v.createdByRunId)).not.toContain(dropRun.runId);
    expect(t1.versions.length).toBe(2); // CREATE TABLE and the INSERT
  });

  it('does not draw the dropping job as a producer', () => {
    const dropJob = [...m.jobs.values()].find((j) => j.name.endsWith('.drop_table'))!;
    expect(m.graph.edges.filter((e) => e.from === jobNodeId(dropJob))).toEqual([]);
    expect(dropJob.outputs).toEqual([]);
  });
});

describe('symlinks: Spark reads the path of the Hive table Hive reads (data-rentgen)', () => {
  const m = model(loadFixtures('data-rentgen/events_spark.jsonl', 'data-rentgen/events_hive.jsonl'));
  const table = { namespace: 'hive://test-hadoop:9083', name: 'mydatabase.source_table' };
  const path = { namespace: 'hdfs://test-hadoop:9820', name: '/user/hive/warehouse/mydatabase.db/source_table' };

  it('resolves the path and the table to one dataset, the table, with the path as its alias', () => {
    expect(m.datasets.has(refKey(path))).toBe(false);
    expect(m.datasets.get(refKey(table))?.aliases).toEqual([path]);
    expect(m.aliases.get(refKey(path))).toEqual(table);
  });

  it('joins the lineage: both the Spark job and the Hive job read the one node', () => {
    const readers = m.graph.edges.filter((e) => e.from === datasetNodeId(table)).map((e) => e.to).sort();
    const spark = [...m.jobs.values()].find((j) => j.name.endsWith('execute_save_into_data_source_command'))!;
    const hive = [...m.jobs.values()].find((j) => j.name.startsWith('createtable_as_select'))!;
    expect(readers).toEqual([jobNodeId(spark), jobNodeId(hive)].sort());
    expect(m.graph.nodes.some((n) => n.name === path.name)).toBe(false);
  });

  it('renames the column lineage input fields too, so column edges meet the same node', () => {
    const out = m.datasets.get(refKey({ namespace: 'clickhouse://localhost:8123', name: 'mydb.myschema.mytable' }))!;
    const fields = (out.facets.columnLineage as { fields: Record<string, { inputFields: Array<{ namespace: string; name: string }> }> }).fields;
    expect(fields.dt!.inputFields[0]).toMatchObject(table);
  });
});

describe('times', () => {
  it('are UTC with Z in the model, the producer fraction kept (Airflow writes +00:00)', () => {
    const m = model(loadFixtures('compatibility-tests/airflow'));
    const dag = [...m.runs.values()].find((r) => r.job.name === 'BQ')!;
    expect(dag.startedAt).toBe('2024-11-26T13:05:23.809955Z');
    expect(dag.endedAt).toBe('2024-11-26T13:05:39.809127Z');
    for (const r of m.runs.values()) for (const t of [r.startedAt, r.endedAt, r.updatedAt]) expect(t ?? 'Z').toMatch(/Z$/);
    expect(m.problems).toEqual([]);
  });

  it('reads a zone-less time as UTC and reports it', () => {
    const m = model(loadFixtures('marquez/event_required_no_timezone.json'));
    expect(m.runs.get('43d7db3b-8984-4cda-b237-8c6919b36670')?.startedAt).toBe('2020-12-28T19:51:01.641499Z');
    expect(m.problems).toEqual([{ where: 'eventTime', message: expect.stringContaining('1 event time(s) have no time zone') }]);
  });

  it('applies an offset', () => {
    const e = load({ eventTime: '2020-12-28T19:52:00.001+10:00', eventType: 'START', run: { runId: 'r' }, job: { namespace: 'n', name: 'j' } });
    expect(e.eventTime).toBe('2020-12-28T09:52:00.001Z');
  });
});
