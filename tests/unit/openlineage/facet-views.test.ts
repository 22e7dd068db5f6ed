// Issue #14 item 7: the job and run facets users look for, read from real integrations' events.
import { describe, expect, it } from 'vitest';
import { jobFacetPanel, runDataQuality, runFacetPanel } from '@/lib/catalog/facet-panels';
import { sqlTokens } from '@/lib/model/sql-tokens';
import { buildModel } from '@/lib/openlineage/build-model';
import { dataQualityOf, environmentVariablesOf, HIDDEN_VALUE, nominalTimeOf } from '@/lib/openlineage/facet-views';
import { parseWireEvent } from '@/lib/openlineage/schema';
import { loadFixtures, rawEvents } from './integration-fixtures';

type Obj = Record<string, unknown>;

describe('job facets (Spark on Dataproc, Airflow)', () => {
  it('shows the sql facet highlighted, the jobType and the owners', () => {
    const m = buildModel(loadFixtures('compatibility-tests/spark-dataproc', 'compatibility-tests/airflow'), 's');
    const spark = [...m.jobs.values()].find((j) => j.name.endsWith('execute_insert_into_hive_table.warehouse_t2'))!;
    const panel = jobFacetPanel(spark.facets)!;
    expect(panel.sql?.query).toBe('CREATE TABLE IF NOT EXISTS t2 AS SELECT * FROM t1;');
    expect(panel.sql?.tokens.filter((t) => t.kind === 'keyword').map((t) => t.text)).toEqual(['CREATE', 'TABLE', 'IF', 'NOT', 'EXISTS', 'AS', 'SELECT', 'FROM']);
    expect(panel.sql?.tokens.map((t) => t.text).join('')).toBe(panel.sql?.query);
    expect(panel.jobType).toEqual({ jobType: 'SQL_JOB', integration: 'SPARK', processingType: 'BATCH' });
    const task = [...m.jobs.values()].find((j) => j.name === 'BQ.upload')!;
    expect(jobFacetPanel(task.facets)).toMatchObject({ jobType: { jobType: 'TASK', integration: 'AIRFLOW' }, owners: [{ name: '***', type: null }], sql: null });
  });

  it('is null for a job that reported none of them', () => {
    expect(jobFacetPanel({ custom: { x: 1 } })).toBeNull();
    expect(jobFacetPanel(null)).toBeNull();
  });
});

describe('run facets (Airflow task)', () => {
  it('shows the scheduled time against the actual start and the processing engine', () => {
    const m = buildModel(loadFixtures('compatibility-tests/airflow'), 's');
    const upload = [...m.runs.values()].find((r) => r.job.name === 'BQ.upload')!;
    const panel = runFacetPanel(upload)!;
    expect(panel.nominalTime).toEqual({ scheduledStart: '2024-11-26T13:05:23.281750Z', scheduledEnd: '2024-11-26T13:05:23.281750Z', producerLocalStart: null, delayMs: 2266 });
    expect(panel.engine).toEqual({ name: 'Airflow', version: '3.0.0.dev0', adapterVersion: '1.14.0' });
  });

  it('keeps the scheduler\'s local time only when it had an offset', () => {
    expect(nominalTimeOf({ nominalTime: { nominalStartTime: '2020-12-28T19:52:00.001+10:00' } }, '2020-12-28T09:52:01.001Z')).toEqual({
      scheduledStart: '2020-12-28T09:52:00.001Z', scheduledEnd: null, producerLocalStart: '2020-12-28T19:52:00.001+10:00', delayMs: 1000,
    });
  });

  it('lists environment variables, never the value of one whose name suggests a secret (nor in the raw JSON)', () => {
    const facets = { environmentVariables: { environmentVariables: [{ name: 'HOSTNAME', value: 'worker-3' }, { name: 'AWS_SECRET_ACCESS_KEY', value: 'sentinel-xyz' }] } };
    expect(environmentVariablesOf(facets)).toEqual({ total: 2, rows: [{ name: 'HOSTNAME', value: 'worker-3', hidden: false }, { name: 'AWS_SECRET_ACCESS_KEY', value: HIDDEN_VALUE, hidden: true }] });
    // The raw facets never hold the value: events are redacted as they are parsed.
    const parsed = parseWireEvent({ eventTime: '2026-11-26T06:15:55Z', run: { runId: 'r', facets }, job: { namespace: 'n', name: 'j' } });
    expect(parsed.ok && parsed.value.kind === 'run' ? JSON.stringify(parsed.value.event.run.facets) : 'not parsed').toContain('"AWS_SECRET_ACCESS_KEY","value":"[redacted]"');
  });
});

describe('data quality', () => {
  it('reads dataQualityAssertions from the input facets (the spec) and the metrics', () => {
    const input = (rawEvents('marquez/event_full.json')[0] as { inputs: Array<{ facets: Obj; inputFacets: Obj }> }).inputs[0]!;
    const view = dataQualityOf(input.facets, input.inputFacets)!;
    expect(view).toMatchObject({ passed: 2, failed: 0, rowCount: 1000, bytes: 1048576 });
    expect(view.assertions).toEqual([{ assertion: 'row_count_equal_to', column: null, success: true, severity: null }, { assertion: 'no_null_values', column: 'id', success: true, severity: null }]);
  });

  it('reads them from the dataset facets as dbt writes them, failures first, and finds them on the run', () => {
    const dbt = { dataQualityAssertions: { assertions: [{ assertion: 'not_null', column: 'customer_id', success: true }, { assertion: 'accepted_values', column: 'first_name', success: false }] } };
    const m = buildModel(loadFixtures('openlineage/example_full_event.json'), 's');
    const run = [...m.runs.values()][0]!;
    const withDbt = { ...run, outputs: [{ ...run.outputs[0]!, facets: dbt }] };
    const results = runDataQuality(withDbt, (d) => `/datasets/${d.name}`);
    expect(results.map((r) => [r.side, r.label, r.view.failed, r.view.passed])).toEqual([
      ['input', 'my-datasource-namespace/instance.schema.table', 0, 2],
      ['output', 'my-datasource-namespace/instance.schema.table', 1, 1],
    ]);
    expect(results[1]!.view.assertions[0]).toMatchObject({ assertion: 'accepted_values', success: false });
    expect(dataQualityOf({}, {})).toBeNull();
  });
});

describe('sqlTokens', () => {
  it('tells keywords from strings, comments and quoted names, and loses no character', () => {
    const sql = "SELECT \"select\", 'from x' -- where\nFROM t WHERE n > 42 /* and */";
    const tokens = sqlTokens(sql);
    expect(tokens.map((t) => t.text).join('')).toBe(sql);
    expect(tokens.filter((t) => t.kind !== 'text').map((t) => `${t.kind}:${t.text}`)).toEqual([
      'keyword:SELECT', "string:'from x'", 'comment:-- where', 'keyword:FROM', 'keyword:WHERE', 'number:42', 'comment:/* and */',
    ]);
  });

  it('tokenises a bounded head of a huge query and keeps the rest as text', () => {
    const tokens = sqlTokens(`SELECT ${'x, '.repeat(10)}`, 10);
    expect(tokens.map((t) => t.text).join('')).toBe(`SELECT ${'x, '.repeat(10)}`);
    expect(tokens.at(-1)?.kind).toBe('text');
  });
});
