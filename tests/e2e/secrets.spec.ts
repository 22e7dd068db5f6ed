import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { loadEventsFromFiles, startMarquezStub, type MarquezStub } from '../stubs/marquez';
import { startMlflowStub, type MlflowStub } from '../stubs/mlflow';
import { appRoutes, fillRoute } from './app-routes';
import { startStandalone, type StandaloneApp } from './standalone-app';
import { facetSecrets, withSecretFacets } from './secret-facets';

// Secrets stay on the server: the app runs with sentinel credentials against live stub upstreams whose
// facets carry sentinel secrets too (secret-facets.ts), and no response of any route (API, pages, raw-facet
// downloads, audit JSON and Markdown), no page the browser loads, no client bundle and no log line contains one.
const groot = path.resolve('..', 'shared', 'data', 'groot-a');
const expected = JSON.parse(fs.readFileSync(path.join(groot, 'EXPECTED.json'), 'utf8'));
const dedup = expected.executions[0].stages.find((s: { stage: string }) => s.stage === 'deduplication');
const filtering = expected.executions[0].stages.find((s: { stage: string }) => s.stage === 'filtering');
const [jobNamespace, jobName] = dedup.job.split('/') as [string, string];

const secrets = {
  MLFLOW_TRACKING_TOKEN: 'sentinel-mlflow-token-6c1e',
  MLFLOW_TRACKING_PASSWORD: 'sentinel-mlflow-password-93ab',
  WANDB_API_KEY: 'sentinel-wandb-key-1f0d',
  MARQUEZ_API_KEY: 'sentinel-marquez-key-5e72',
  RUNLENS_AUTH_PASSWORD: 'sentinel-runlens-password-b4c8',
  RUNLENS_INGEST_TOKEN: 'sentinel-ingest-token-7d21',
};
const mlflowUser = 'runlens-reader';
const dashboardUser = 'ops';
// Credentials also travel base64-encoded in Basic headers: look for those forms too.
const needles = [
  ...Object.values(secrets),
  Buffer.from(`${mlflowUser}:${secrets.MLFLOW_TRACKING_PASSWORD}`).toString('base64'),
  Buffer.from(`${dashboardUser}:${secrets.RUNLENS_AUTH_PASSWORD}`).toString('base64'),
  ...Object.values(facetSecrets),
];
const found = (text: string) => needles.filter((n) => text.includes(n));

const node = `job:${encodeURIComponent(jobNamespace)}:${encodeURIComponent(jobName)}`;
// Real ids and queries where a route knows them, so pages render data from both sources.
const values = { id: dedup.openlineage_run_id, namespace: jobNamespace, name: jobName };
const queries: Record<string, string> = {
  '/': 'limit=100',
  '/lineage': `node=${encodeURIComponent(node)}`,
  '/api/lineage': `node=${encodeURIComponent(node)}`,
  '/api/lineage/node': `node=${encodeURIComponent(node)}`,
  '/api/lineage/search': 'q=dedup',
  '/api/metric-history': `run=${dedup.mlflow_run_id}&key=dedup_rate`,
};
const urls = appRoutes().flatMap(({ pattern }) => {
  const url = fillRoute(pattern, values);
  const query = queries[pattern];
  return [query ? `${url}?${query}` : url];
});
const output = `dataset:${encodeURIComponent(dedup.output.namespace)}:${encodeURIComponent(dedup.output.name)}`;
const pair = `${filtering.openlineage_run_id},${dedup.openlineage_run_id}`;
urls.push(
  `/runs/${dedup.mlflow_run_id}`, `/api/runs/${dedup.mlflow_run_id}`, `/datasets/${encodeURIComponent(dedup.input.namespace)}/${encodeURIComponent(dedup.input.name)}`,
  // Where the sentinel facets show: the raw-facet download, both audit formats, compare, the output dataset.
  `/api/runs/${dedup.openlineage_run_id}?facet=spark.logicalPlan`, `/api/runs/${dedup.openlineage_run_id}?facet=spark_properties`,
  `/api/audit/${dedup.openlineage_run_id}?format=json`, `/api/audit/${dedup.openlineage_run_id}?format=md`,
  `/compare?runs=${pair}`, `/api/compare?runs=${pair}`,
  `/datasets/${encodeURIComponent(dedup.output.namespace)}/${encodeURIComponent(dedup.output.name)}`,
  `/lineage?node=${encodeURIComponent(output)}`, `/api/lineage/node?node=${encodeURIComponent(output)}`,
);

let marquez: MarquezStub;
let mlflow: MlflowStub;
let app: StandaloneApp;
const authorization = `Basic ${Buffer.from(`${dashboardUser}:${secrets.RUNLENS_AUTH_PASSWORD}`).toString('base64')}`;

test.beforeAll(async () => {
  const events = withSecretFacets(loadEventsFromFiles([path.join(groot, 'openlineage', 'events.ndjson')]), dedup.openlineage_run_id);
  marquez = await startMarquezStub({ events, apiKey: secrets.MARQUEZ_API_KEY });
  mlflow = await startMlflowStub({ auth: { username: mlflowUser, password: secrets.MLFLOW_TRACKING_PASSWORD } });
  app = await startStandalone(Number(process.env.E2E_PORT ?? 3100) + 33, {
    ...secrets,
    MARQUEZ_URL: marquez.url,
    MLFLOW_TRACKING_URI: mlflow.url,
    MLFLOW_TRACKING_USERNAME: mlflowUser,
    RUNLENS_AUTH: 'basic',
    RUNLENS_AUTH_USER: dashboardUser,
  });
});
test.afterAll(async () => {
  app?.stop();
  await marquez?.close();
  await mlflow?.close();
});

test('no route answers with a secret, while both upstreams are live', async ({ request }) => {
  for (const url of urls) {
    const response = await request.get(`${app.base}${url}`, { headers: { authorization }, maxRedirects: 0 });
    expect(response.status(), url).toBeLessThan(500);
    const headers = JSON.stringify(response.headers());
    expect(found(`${headers}\n${await response.text()}`), url).toEqual([]);
  }
  // The receiver, refused and accepted, never echoes its token.
  for (const [token, data] of [['wrong', '{}'], [secrets.RUNLENS_INGEST_TOKEN, '{"eventTime": 1}']]) {
    const response = await request.post(`${app.base}/api/v1/lineage`, { headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, data });
    expect(response.status()).toBe(token === 'wrong' ? 401 : 400);
    expect(found(`${JSON.stringify(response.headers())}\n${await response.text()}`)).toEqual([]);
  }
  // The sources really were called with the credentials: the stubs answered 200s, and health says so.
  expect(marquez.requests.filter((r) => r.status === 200).length).toBeGreaterThan(0);
  expect(mlflow.requests.filter((r) => r.status === 200).length).toBeGreaterThan(0);
  const health = await (await request.get(`${app.base}/api/health`, { headers: { authorization } })).json();
  const live = health.sources.filter((s: { status: string; kind?: string; label: string }) => s.status === 'ok').map((s: { label: string }) => s.label).join(' ');
  expect(live).toMatch(/Marquez/i);
  expect(live).toMatch(/MLflow/i);
});

test('the facets that held secrets are served, their secret values [redacted] and everything else kept', async ({ request }) => {
  const get = async (url: string) => {
    const response = await request.get(`${app.base}${url}`, { headers: { authorization } });
    expect(response.status(), url).toBe(200);
    return response;
  };
  const run = await (await get(`/api/runs/${dedup.openlineage_run_id}`)).json();
  const facets = run.lineage.facets;
  expect(facets.spark_properties.properties).toMatchObject({
    'spark.master': 'local[*]', 'spark.hadoop.fs.s3a.secret.key': '[redacted]', 'spark.hadoop.fs.s3a.access.key': '[redacted]',
    'spark.sql.catalog.warehouse.url': 'jdbc:postgresql://db:5432/groot?user=etl&password=[redacted]',
  });
  expect(facets['environment-properties']['environment-properties']).toMatchObject({ 'spark.databricks.clusterUsageTags.clusterName': 'groot-etl', DATABRICKS_TOKEN: '[redacted]' });
  expect(facets.environmentVariables.environmentVariables).toEqual([{ name: 'HOSTNAME', value: 'worker-7' }, { name: 'AWS_SECRET_ACCESS_KEY', value: '[redacted]' }]);
  expect(facets.airflow.task.postgres_conn_id).toBe('groot_warehouse');
  expect(facets.airflow.dagRun.conf).toEqual({ threshold: 0.95, api_key: '[redacted]' });
  // The plan is over 64 KB: cut from the answer, its download redacted like the rest.
  expect(run.lineage.facetsCut.map((c: { name: string }) => c.name)).toContain('spark.logicalPlan');
  const plan = await (await get(`/api/runs/${dedup.openlineage_run_id}?facet=spark.logicalPlan`)).json();
  expect(plan.plan[0].options).toEqual({ url: 'jdbc:postgresql://db:5432/groot', user: 'etl', password: '[redacted]' });
  expect(plan.plan).toHaveLength(901);

  // The audit report hashes the redacted content and says so; the Markdown renders that content.
  const audit = await (await get(`/api/audit/${dedup.openlineage_run_id}?format=json`)).json();
  expect(audit.environment.spark_properties.properties['spark.hadoop.fs.s3a.secret.key']).toBe('[redacted]');
  expect(audit.hash.covers).toMatch(/\[redacted\] in the content that is hashed/);
  const markdown = await (await get(`/api/audit/${dedup.openlineage_run_id}?format=md`)).text();
  expect(markdown).toContain('spark.hadoop.fs.s3a.secret.key');
  expect(markdown).toContain('[redacted]');

  // The job page shows its SQL and the run page its raw facets, each with [redacted] where a secret was.
  const jobPage = await (await get(`/jobs/${encodeURIComponent(jobNamespace)}/${encodeURIComponent(jobName)}`)).text();
  expect(jobPage).toContain('[redacted]');
  const runPage = await (await get(`/runs/${dedup.openlineage_run_id}`)).text();
  expect(runPage).toContain('spark.hadoop.fs.s3a.secret.key');
  expect(runPage).toContain('[redacted]');
});

test('no page the browser loads, and nothing it fetches, carries a secret', async ({ browser }) => {
  const context = await browser.newContext({ httpCredentials: { username: dashboardUser, password: secrets.RUNLENS_AUTH_PASSWORD } });
  const page = await context.newPage();
  const leaks: string[] = [];
  page.on('response', async (response) => {
    const body = await response.text().catch(() => '');
    for (const needle of found(body)) leaks.push(`${response.url()}: ${needle}`);
  });
  for (const url of ['/?limit=100', `/runs/${dedup.openlineage_run_id}`, `/audit/${dedup.openlineage_run_id}`, `/compare?runs=${pair}`, `/lineage?node=${encodeURIComponent(node)}`]) {
    await page.goto(`${app.base}${url}`);
    await page.waitForLoadState('networkidle');
    expect(found(await page.content()), url).toEqual([]);
  }
  await expect(page.getByTestId('explorer-node').first()).toBeVisible();
  await context.close();
  expect(leaks).toEqual([]);
});

test('no client bundle holds a secret or reads a secret variable, and the server log holds none', () => {
  const files = fs.readdirSync(path.resolve('.next', 'static'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  expect(files.length).toBeGreaterThan(10);
  const names = Object.keys(secrets).concat('MLFLOW_TRACKING_USERNAME');
  for (const file of files) {
    const text = fs.readFileSync(path.join(file.parentPath, file.name), 'latin1');
    expect(found(text), file.name).toEqual([]);
    expect(names.filter((n) => text.includes(n)), file.name).toEqual([]);
  }
  expect(found(app.output())).toEqual([]);
});
