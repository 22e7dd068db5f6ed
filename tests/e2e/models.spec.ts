import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { apiModelListSchema, apiModelSchema } from '../../lib/api/contract';
import { MLFLOW3_RECORDINGS, startMlflowStub, type MlflowStub } from '../stubs/mlflow';
import { startApp } from './app-server';
import { demoRun, manifest } from './demo-manifest';

// The demo's model registry: groot-tokenizer v1 (e1 tokenization, alias champion) and v2 (e2, alias latest-etl).
const demoModel = manifest.models[0]!;

test('/models lists groot-tokenizer with its aliases, reached from the nav', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('navigation').getByRole('link', { name: 'Models' }).click();
  await expect(page).toHaveURL(/\/models$/);
  const row = page.getByTestId('model-row').filter({ hasText: demoModel.name });
  await expect(row.getByTestId('model-alias')).toHaveText(['@champion → v1', '@latest-etl → v2']);
  await expect(row).toContainText('v2');
});

test('the newest version’s trace: e2.tokenization read d1e52187, written by the e2 filtering run', async ({ page }) => {
  const tokenization = demoRun('e2.tokenization');
  const filtering = demoRun('e2.filtering');
  await page.goto('/models');
  await page.getByTestId('model-name').filter({ hasText: demoModel.name }).click();
  await expect(page.getByTestId('model-version')).toHaveCount(2);
  await expect(page.getByTestId('model-version').first()).toHaveAttribute('aria-current', 'true');
  const trace = page.getByTestId('version-trace');
  await expect(trace.getByTestId('trace-run-link')).toHaveAttribute('href', `/runs/${tokenization.openlineage!.runId}`);
  await expect(trace.getByTestId('trace-run-rule')).toHaveText('uuid');
  await expect(trace.getByTestId('trace-inputs').getByTestId('dataset-version')).toHaveText(['d1e52187']);
  const upstream = trace.getByTestId('upstream-run').filter({ hasText: filtering.openlineage!.runId });
  await expect(upstream).toHaveAttribute('data-depth', '1');
  await expect(upstream.getByTestId('upstream-link')).toContainText('mlflow-tag');
});

test('each version has a permalink: ?version=1 traces e1.tokenization → filtered@3a41009b → e1.filtering', async ({ page }) => {
  await page.goto(`/models/${demoModel.name}?version=1`);
  const trace = page.getByTestId('version-trace');
  await expect(trace).toContainText(`${demoModel.name} v1`);
  await expect(trace.getByTestId('trace-run-link')).toHaveAttribute('href', `/runs/${demoRun('e1.tokenization').openlineage!.runId}`);
  await expect(trace.getByTestId('trace-inputs').getByTestId('dataset-version')).toHaveText(['3a41009b']);
  await expect(trace.getByTestId('trace-inputs')).toContainText('groot-data-etl.filtering');
  await page.goto(`/models/${demoModel.name}?version=9`);
  await expect(page.getByTestId('unknown-version')).toBeVisible();
  await page.goto('/models/no-such-model');
  await expect(page.getByTestId('not-found')).toContainText('Model not found');
});

test('the run page lists the model version its run trained', async ({ page }) => {
  await page.goto(`/runs/${demoRun('e1.tokenization').mlflow!.runId}`);
  const produced = page.getByTestId('produced-versions');
  await produced.getByRole('link', { name: `${demoModel.name} v1` }).click();
  await expect(page).toHaveURL(new RegExp(`/models/${demoModel.name}\\?version=1$`));
});

test('GET /api/models and /api/models/{name} answer in the documented shape; bad input is 400/404', async ({ request }) => {
  const list = apiModelListSchema.parse(await (await request.get('/api/models')).json());
  expect(list.models.map((m) => [m.name, m.aliases])).toEqual([[demoModel.name, demoModel.aliases]]);
  const model = apiModelSchema.parse(await (await request.get(`/api/models/${demoModel.name}?version=2`)).json());
  expect(model.trace?.run?.experimentRunId).toBe(demoRun('e2.tokenization').mlflow!.runId);
  expect(model.trace?.inputs.map((d) => d.version)).toEqual(['d1e52187']);
  expect((await request.get(`/api/models/${demoModel.name}?version=x`)).status()).toBe(400);
  expect((await request.get(`/api/models/${demoModel.name}?version=9`)).status()).toBe(404);
  expect((await request.get('/api/models/no-such-model')).status()).toBe(404);
});

test.describe('against MLflow tracking servers over HTTP', () => {
  const basePort = Number(process.env.E2E_PORT ?? 3100);
  const groot = path.resolve(process.cwd(), '..', 'shared', 'data', 'groot-a');
  const expected = JSON.parse(fs.readFileSync(path.join(groot, 'EXPECTED.json'), 'utf8'));
  let two: MlflowStub;
  let three: MlflowStub;

  test.beforeAll(async () => {
    [two, three] = await Promise.all([startMlflowStub(), startMlflowStub({ recordings: MLFLOW3_RECORDINGS })]);
  });
  test.afterAll(async () => {
    await Promise.all([two?.close(), three?.close()]);
  });

  test('MLflow 2.12: the alias comes from registered-models/get and the version traces to its run', async ({ page }) => {
    const model = expected.models[0];
    const app = await startApp(basePort + 13, { MLFLOW_TRACKING_URI: two.url, OPENLINEAGE_EVENTS: path.join(groot, 'openlineage', 'events.ndjson') });
    try {
      await page.goto(`${app.base}/models`);
      await expect(page.getByTestId('model-row').getByTestId('model-alias')).toHaveText(['@latest-etl → v1']);
      await page.goto(`${app.base}/models/${model.name}`);
      await expect(page.getByTestId('trace-run-link')).toHaveAttribute('href', `/runs/${model.source_run_openlineage_run_id}`);
      await expect(page.getByTestId('trace-inputs').getByTestId('dataset-version')).toHaveText(['e74dbc1f']);
    } finally {
      app.stop();
    }
  });

  test('MLflow 3: a models:/m-… version without a run id resolves through its logged model', async ({ page }) => {
    const app = await startApp(basePort + 14, { MLFLOW_TRACKING_URI: three.url });
    try {
      await page.goto(`${app.base}/models/clf?version=10`);
      const trace = page.getByTestId('version-trace');
      await expect(trace.getByTestId('trace-logged-model')).toContainText('m-123');
      await expect(trace.getByTestId('trace-run-link')).toHaveAttribute('href', '/runs/a0000000000000000000000000000001');
      await expect(trace.getByTestId('trace-run-note')).toContainText('source run of logged model m-123');
      expect(three.requests.some((r) => r.path.endsWith('/logged-models/m-123'))).toBe(true);
    } finally {
      app.stop();
    }
  });
});
