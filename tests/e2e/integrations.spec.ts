import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startApp } from './app-server';

// Issue #14: what real OpenLineage integrations emit (tests/fixtures/openlineage-integrations), read right in the pages.
const FIXTURES = path.resolve('tests', 'fixtures', 'openlineage-integrations');
const AIRFLOW_DAG_RUN = '01936893-9751-7a91-a2a0-a51101a3970c';
const AIRFLOW_UPLOAD_RUN = '01936893-9751-7b3c-8f76-8ac6d0e5f8a3';
const SPARK_T2_RUN = '019299c5-73cf-7069-a70f-74eb8070b577';
const FULL_EVENT_RUN = 'ea041791-68bc-4ae1-bd89-4c8106a157e4';
const LIVE_WITH_ERROR_RUN = '6b0f2a4e-1c61-4d2c-9a55-0c1f3c9b2e11';

let app: Awaited<ReturnType<typeof startApp>>;
let dir: string;

test.beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-e2e-integrations-'));
  // A run still going whose START carries an errorMessage (a retried task): a warning, not a failure.
  fs.writeFileSync(path.join(dir, 'live-with-error.json'), JSON.stringify({
    eventType: 'START', eventTime: '2024-11-26T14:00:00Z', producer: 'test', schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: { runId: LIVE_WITH_ERROR_RUN, facets: { errorMessage: { _producer: 'test', _schemaURL: 'test', message: 'attempt 1 failed; retrying', programmingLanguage: 'python' } } },
    job: { namespace: 'airflow', name: 'retrying.task' },
  }));
  app = await startApp(Number(process.env.E2E_PORT ?? 3100) + 46, {
    OPENLINEAGE_EVENTS: [
      path.join(FIXTURES, 'compatibility-tests'), path.join(FIXTURES, 'openlineage'), path.join(FIXTURES, 'marquez'),
      path.join(FIXTURES, 'data-rentgen', 'events_spark.jsonl'), path.join(FIXTURES, 'data-rentgen', 'events_hive.jsonl'), dir,
    ].join(path.delimiter),
  });
});
test.afterAll(() => {
  app?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('an Airflow DAG run is drawn with its tasks\' datasets, and its times are UTC with Z', async ({ page }) => {
  await page.goto(`${app.base}/runs/${AIRFLOW_DAG_RUN}`);
  await expect(page.getByTestId('graph-from-stages')).toContainText('reported no datasets itself');
  // The graph is drawn when its section comes near the window.
  await page.locator('#lineage').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('run-graph').getByTestId('graph-node').first()).toBeVisible();
  await expect(page.getByTestId('run-graph')).not.toContainText('reported no input or output datasets');
  const api = await (await page.request.get(`${app.base}/api/runs/${AIRFLOW_DAG_RUN}`)).json();
  expect(api.lineage).toMatchObject({ startedAt: '2024-11-26T13:05:23.809955Z', endedAt: '2024-11-26T13:05:39.809127Z' });
});

test('an Airflow task shows its job type, owners, scheduled time against actual start, and engine', async ({ page }) => {
  await page.goto(`${app.base}/runs/${AIRFLOW_UPLOAD_RUN}`);
  await expect(page.getByTestId('job-type')).toHaveText('TASK · integration AIRFLOW · batch');
  await expect(page.getByTestId('job-owners')).toHaveText('***');
  await expect(page.getByTestId('nominal-time')).toContainText('2024-11-26 13:05:23 UTC');
  await expect(page.getByTestId('nominal-time')).toContainText('Actual start: 2s after the scheduled time');
  await expect(page.getByTestId('processing-engine')).toContainText('Airflow 3.0.0.dev0');
});

test('a Spark job\'s SQL is highlighted and copies to the clipboard', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(`${app.base}/runs/${SPARK_T2_RUN}`);
  const sql = page.getByTestId('sql-query');
  await expect(sql.locator('pre')).toHaveText('CREATE TABLE IF NOT EXISTS t2 AS SELECT * FROM t1;');
  await expect(sql.locator('.sql-keyword').first()).toHaveText('CREATE');
  await sql.getByTestId('copy-button').click();
  await expect(sql.getByTestId('copy-button')).toHaveText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('CREATE TABLE IF NOT EXISTS t2 AS SELECT * FROM t1;');
});

test('a dropped table: the DROP is on its timeline, by the drop_table run, under its path alias too', async ({ page }) => {
  await page.goto(`${app.base}/datasets/${encodeURIComponent('hdfs://dataproc-producer-test-m')}/${encodeURIComponent('/user/hive/warehouse/t1')}`);
  const lifecycle = page.getByTestId('dataset-lifecycle');
  await expect(lifecycle).toContainText('DROP');
  await expect(lifecycle.getByRole('link', { name: 'cl_i_test_application.drop_table' })).toBeVisible();
  await expect(page.getByTestId('dataset-aliases')).toContainText('hdfs://dataproc-producer-test-m/user/hive/warehouse/t1');
  await lifecycle.getByRole('link', { name: 'cl_i_test_application.drop_table' }).click();
  await expect(page.getByTestId('outputs').getByTestId('lifecycle-change')).toHaveText('DROP');
});

test('Spark and Hive meet on one dataset: the Hive table, found by its warehouse path', async ({ page }) => {
  const search = await (await page.request.get(`${app.base}/api/lineage/search?q=${encodeURIComponent('mydatabase.db/source_table')}`)).json();
  expect(search.hits).toContainEqual(expect.objectContaining({ kind: 'dataset', namespace: 'hive://test-hadoop:9083', name: 'mydatabase.source_table' }));
  const node = `dataset:${encodeURIComponent('hive://test-hadoop:9083')}:${encodeURIComponent('mydatabase.source_table')}`;
  const response = await page.request.get(`${app.base}/api/lineage?node=${encodeURIComponent(node)}&depth=2&dir=down&columns=1`);
  expect(response.status()).toBe(200);
  const graph = await response.json();
  const readers = graph.nodes.filter((n: { kind: string }) => n.kind === 'job').map((n: { name: string }) => n.name).sort();
  expect(readers).toEqual(['createtable_as_select.mydatabase.target_table', 'spark_session.execute_save_into_data_source_command']);
  expect(graph.edges.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['column', 'column-indirect']));
});

test('data-quality results, and a parent the facet names but no source has', async ({ page }) => {
  await page.goto(`${app.base}/runs/${FULL_EVENT_RUN}`);
  await expect(page.getByTestId('data-quality-summary').first()).toHaveText('all 2 passed');
  await expect(page.getByTestId('data-quality')).toContainText('no_null_values');
  await expect(page.getByTestId('parent-facet-only')).toContainText('3f5e83fa-3480-44ff-99c5-ff943904e5e8');
  await expect(page.getByTestId('parent-facet-only')).toContainText('not in the configured sources');
});

test('an errorMessage on a running run is a warning, not a failure', async ({ page }) => {
  await page.goto(`${app.base}/runs/${LIVE_WITH_ERROR_RUN}`);
  await expect(page.getByTestId('failure')).toHaveAttribute('data-severity', 'warning');
  await expect(page.getByTestId('failure')).toContainText('The run reported an error but has not failed: attempt 1 failed; retrying');
  await expect(page.getByTestId('failure')).not.toContainText('This run failed');
});

test('health lists merged same-instant events and zone-less times', async ({ page }) => {
  await page.goto(`${app.base}/health`);
  const problems = page.getByTestId('source-health').filter({ hasText: 'OpenLineage events' }).getByTestId('source-problems');
  await expect(problems).toContainText('different COMPLETE events at 2020-12-28T19:51:01.641Z: merged');
  await expect(problems).toContainText('have no time zone');
});
