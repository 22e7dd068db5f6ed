import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { loadEventsFromFiles, startMarquezStub, type MarquezStub } from '../stubs/marquez';
import { lineageHref } from '@/lib/api/links';
import { startApp } from './app-server';

// Runlens against a stub Marquez built from the real groot events and the real MLflow DB of the same pass.
const groot = path.resolve(process.cwd(), '..', 'shared', 'data', 'groot-a');
const expected = JSON.parse(fs.readFileSync(path.join(groot, 'EXPECTED.json'), 'utf8'));
const stages: Array<{ stage: string; openlineage_run_id: string; mlflow_run_id: string; input: { name: string; version: string }; output: { name: string; version: string } }> = expected.executions[0].stages;
const dedup = stages.find((s) => s.stage === 'deduplication')!;
const basePort = Number(process.env.E2E_PORT ?? 3100);

let stub: MarquezStub;
let app: Awaited<ReturnType<typeof startApp>>;

test.beforeAll(async () => {
  stub = await startMarquezStub({ events: loadEventsFromFiles([path.join(groot, 'openlineage', 'events.ndjson')]) });
  app = await startApp(basePort + 2, { MARQUEZ_URL: stub.url, MLFLOW_TRACKING_URI: `sqlite:///${path.join(groot, 'mlflow-server', 'mlflow.db')}` });
});
test.afterAll(async () => {
  app?.stop();
  await stub?.close();
});

test('runs from Marquez are joined to MLflow runs and listed', async ({ page }) => {
  await page.goto(`${app.base}/?limit=100`);
  await expect(page.getByTestId('run-row')).toHaveCount(expected.counts.openlineage_runs);
  await expect(page.getByTestId('runs-table').getByText('unmatched')).toHaveCount(0);
});

test("the run page shows the exact versions from the run's own events, and says so", async ({ page }) => {
  await page.goto(`${app.base}/runs/${dedup.mlflow_run_id}`);
  await expect(page.getByTestId('lineage-run-id')).toContainText(dedup.openlineage_run_id);
  await expect(page.getByTestId('version-basis')).toContainText("run's own OpenLineage events");
  await expect(page.getByTestId('inputs').getByTestId('dataset-version')).toContainText([dedup.input.version]);
  await expect(page.getByTestId('outputs').getByTestId('dataset-version')).toContainText([dedup.output.version]);
  await expect(page.getByTestId('run-upstream')).toBeVisible();
  const api = await (await page.request.get(`${app.base}/api/runs/${dedup.openlineage_run_id}`)).json();
  expect(api.lineage.source).toBe('marquez');
  expect(api.lineage.inputs).toContainEqual({ namespace: 's3://bucket', name: dedup.input.name, version: dedup.input.version });
});

test('dataset and job pages work from Marquez', async ({ page }) => {
  await page.goto(`${app.base}/runs/${dedup.openlineage_run_id}`);
  await page.getByTestId('inputs').getByRole('link', { name: dedup.input.name }).click();
  await expect(page.getByTestId('dataset-title')).toContainText(dedup.input.name);
  await expect(page.getByTestId('dataset-version-row').first()).toBeVisible();
  await page.goto(`${app.base}/jobs/${encodeURIComponent('groot-data-etl')}/${encodeURIComponent('groot-data-etl.deduplication')}`);
  await expect(page.getByTestId('job-run-row')).toHaveCount(1);
  await expect(page.getByTestId('job-run-link')).toContainText('uuid');
});

test("the job page shows each Marquez run's exact input version from the run's own events", async ({ page }) => {
  const before = stub.requests.length;
  await page.goto(`${app.base}/jobs/${encodeURIComponent('groot-data-etl')}/${encodeURIComponent('groot-data-etl.deduplication')}`);
  const row = page.getByTestId('job-run-row');
  await expect(row.getByTestId('job-run-input-version')).toHaveText([dedup.input.version]);
  await expect(row.getByTestId('job-run-version-basis')).toHaveText("from the run's own events");
  await expect(page.getByTestId('job-version-basis')).toContainText("run's own OpenLineage events");
  await expect(page.getByTestId('job-version-problem')).toHaveCount(0);
  // One page of runs is one batch: no per-run lookups.
  expect(stub.requests.slice(before).filter((r) => r.path.startsWith('/api/v1/jobs/runs/'))).toEqual([]);
});

test("the dataset page takes a Marquez version from its writer's events and lists who read it", async ({ page }) => {
  await page.goto(`${app.base}/datasets/${encodeURIComponent('s3://bucket')}/${encodeURIComponent(dedup.input.name)}`);
  const row = page.getByTestId('dataset-version-row').filter({ has: page.getByTestId('version-string').getByText(dedup.input.version, { exact: true }) });
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('dataset-row-version-basis')).toHaveText("from the writer's own events");
  await expect(row.getByTestId('version-readers').getByRole('link', { name: 'groot-data-etl.deduplication' })).toHaveAttribute('href', `/runs/${dedup.openlineage_run_id}`);
});

test('the lineage explorer draws the Marquez graph and searches it with Marquez /search', async ({ page }) => {
  const job = { kind: 'job' as const, namespace: 'groot-data-etl', name: 'groot-data-etl.deduplication' };
  await page.goto(`${app.base}${lineageHref(job)}`);
  await expect(page.getByTestId('explorer-node')).toHaveCount(5);
  const before = stub.requests.filter((r) => r.path.endsWith('/search')).length;
  await page.getByTestId('explorer-search').getByRole('searchbox').fill('tokenized');
  await expect(page.getByTestId('explorer-search-hit').first()).toContainText('tokenized');
  expect(stub.requests.filter((r) => r.path.endsWith('/search')).length).toBeGreaterThan(before);
});

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test.describe('with Marquez down', () => {
  let down: Awaited<ReturnType<typeof startApp>>;
  test.beforeAll(async () => {
    down = await startApp(basePort + 3, {
      MARQUEZ_URL: `http://127.0.0.1:${await closedPort()}`,
      OPENLINEAGE_EVENTS: path.resolve('.demo-data', 'openlineage'),
      MLFLOW_TRACKING_URI: `sqlite:///${path.resolve('.demo-data', 'mlflow.db')}`,
    });
  });
  test.afterAll(() => down?.stop());

  test('every page says Marquez is unavailable and the rest still works', async ({ page }) => {
    const list = await page.goto(`${down.base}/`);
    expect(list?.status()).toBe(200);
    await expect(page.getByTestId('source-unavailable')).toContainText('marquez');
    expect(await page.getByTestId('run-row').count()).toBeGreaterThan(0);
    await page.getByTestId('run-row').first().getByRole('link').first().click();
    await expect(page.getByTestId('run-title')).toBeVisible();
    await expect(page.getByTestId('source-unavailable')).toContainText('marquez');
    await page.goto(`${down.base}/lineage`);
    await expect(page.getByTestId('explorer-start')).toBeVisible();
    await page.goto(`${down.base}/health`);
    // By heading: a checkout path containing "marquez" would match the other sources' cards by text.
    await expect(page.getByTestId('source-health').filter({ has: page.getByRole('heading', { name: /^Marquez\b/ }) })).toContainText('unavailable');
  });
});
