import { describe, expect, it } from 'vitest';
import { insertReceivedEvents } from '@/lib/index/received-events';
import { withFreshIndexes } from './fresh-index';

// An index written before facets, params and tags were redacted as parsed: opened by this version, the
// appended migration (0008_redact_stored_rows) rewrites it in place (both dialects), leaving every id, name and benign value alone.
const fresh = withFreshIndexes();
const SECRET = 'hunter2-sentinel-9f3a';

const jobFacets = {
  sql: { query: `CREATE USER etl PASSWORD '${SECRET}'; SELECT * FROM t` },
  documentation: { description: 'dedup stage' },
};
const datasetFacets = { dataSource: { name: 'warehouse', uri: `postgres://etl:${SECRET}@db.internal:5432/dw` } };
const row = { digest: 'd', pass: 1, updated_ms: 1 };

describe.each(['sqlite', 'postgres'] as const)('an index written before parse-time redaction, on %s', (dialect) => {
  it('is redacted in place when opened, in every table that stores facets, params or tags', async () => {
    const old = await fresh.asOf(dialect, '0007_name_sort_index');
    const db = old.db;
    await db.insertInto('lineage_jobs').values({ ...row, source: 'marquez', job_key: 'j', namespace: 'ns', name: 'etl.dedup', latest_state: null,
      payload: JSON.stringify({ type: 'JOB', description: null, facets: jobFacets, inputs: [], outputs: [], inputsTotal: 0, outputsTotal: 0 }) }).execute();
    await db.insertInto('lineage_datasets').values({ ...row, source: 'marquez', dataset_key: 'd', namespace: `postgres://etl:${SECRET}@db.internal:5432`, name: 'dw.t',
      payload: JSON.stringify({ facets: datasetFacets, lifecycle: [], aliases: [] }) }).execute();
    await db.insertInto('dataset_versions').values({ digest: 'd', pass: 1, source: 'marquez', dataset_key: 'd', version_id: 'v1', version: '1', created_by_run_id: null, created_ms: 1,
      payload: JSON.stringify({ namespace: 'ns', name: 'dw.t', version: '1', createdAt: '', facets: datasetFacets, rowCount: null, consumedByRunIds: [] }) }).execute();
    await db.insertInto('lineage_records').values({ digest: 'd', pass: 1, source: 'marquez', run_key: 'r', run_id: 'r', job_namespace: 'ns', job_name: 'etl.dedup', state: 'COMPLETE',
      started_ms: 1, ended_ms: 2, parent_key: null,
      payload: JSON.stringify({ runId: 'r', facets: { spark_properties: { properties: { 'spark.hadoop.fs.s3a.secret.key': SECRET } } }, inputs: [{ namespace: 'ns', name: 'in', facets: datasetFacets }] }) }).execute();
    await db.insertInto('received_events').values({ received_ms: 1, run_id: 'r', source: 'openlineage-files', event_time_ms: 1, digest: 'e',
      body: JSON.stringify({ eventType: 'START', run: { runId: 'r' }, job: { namespace: 'ns', name: 'etl.dedup', facets: jobFacets }, outputs: [{ namespace: 'ns', name: 'out', outputFacets: { x: { token: SECRET } } }] }) }).execute();
    await db.insertInto('experiment_records').values({ digest: 'd', pass: 1, source: 'mlflow', run_key: 'm', run_id: 'm', experiment_id: '1', experiment_name: null, run_name: null, status: 'FINISHED',
      start_ms: 1, end_ms: 2, parent_key: null,
      payload: JSON.stringify({ runId: 'm', params: { db_password: SECRET, lr: '0.1' }, tags: { 'mlflow.source.name': `https://ci:${SECRET}@git.example/repo` }, metrics: {}, datasets: [] }) }).execute();
    // More param rows than one step of the rewrite reads, so the keyset over (run_id, key) is walked.
    const params = Array.from({ length: 1_203 }, (_, i) => ({ run_id: `run-${String(i % 7)}`, key: i % 2 === 0 ? `api_key_${i}` : `lr_${i}`, value: i % 2 === 0 ? SECRET : '0.001' }));
    for (let i = 0; i < params.length; i += 100) await db.insertInto('run_params').values(params.slice(i, i + 100)).execute();
    const opened = await old.open();
    const tables = ['lineage_jobs', 'lineage_datasets', 'dataset_versions', 'lineage_records', 'received_events', 'experiment_records'] as const;
    for (const table of tables) {
      const texts = (await opened.db.selectFrom(table).selectAll().execute()).map((r) => JSON.stringify(r));
      expect(texts.length, table).toBe(1);
      // Only the facets and params are rewritten: a namespace column (an id) keeps what the source said.
      expect(texts.filter((t) => t.includes(SECRET) && !t.includes('"namespace":"postgres://etl')), table).toEqual([]);
    }
    const job = await opened.db.selectFrom('lineage_jobs').select('payload').executeTakeFirstOrThrow();
    expect(JSON.parse(job.payload).facets).toEqual({ sql: { query: "CREATE USER etl PASSWORD '[redacted]'; SELECT * FROM t" }, documentation: { description: 'dedup stage' } });
    const dataset = await opened.db.selectFrom('lineage_datasets').select(['namespace', 'payload']).executeTakeFirstOrThrow();
    expect(dataset.namespace).toBe(`postgres://etl:${SECRET}@db.internal:5432`);
    expect(JSON.parse(dataset.payload).facets.dataSource.uri).not.toContain(SECRET);
    const experiment = await opened.db.selectFrom('experiment_records').select('payload').executeTakeFirstOrThrow();
    expect(JSON.parse(experiment.payload).params).toEqual({ db_password: '[redacted]', lr: '0.1' });

    const stored = await opened.db.selectFrom('run_params').select(['key', 'value']).execute();
    expect(stored).toHaveLength(params.length);
    expect(stored.filter((p) => p.value.includes(SECRET))).toEqual([]);
    expect(stored.filter((p) => p.key.startsWith('lr_')).every((p) => p.value === '0.001')).toBe(true);
    expect(stored.filter((p) => p.key.startsWith('api_key_')).every((p) => p.value === '[redacted]')).toBe(true);
  });

  it('stores new raw events with their facets redacted (the rest of the body as sent)', async () => {
    const index = await fresh(dialect);
    const event = { eventType: 'START', run: { runId: 'r2', facets: {} }, job: { namespace: 'ns', name: 'etl.dedup', facets: jobFacets } };
    await insertReceivedEvents(index.db, [{ runId: 'r2', body: JSON.stringify(event) }], 1);
    const { body } = await index.db.selectFrom('received_events').select('body').executeTakeFirstOrThrow();
    expect(body).not.toContain(SECRET);
    expect(JSON.parse(body)).toEqual({ ...event, job: { ...event.job, facets: { ...jobFacets, sql: { query: "CREATE USER etl PASSWORD '[redacted]'; SELECT * FROM t" } } } });
  });
});
