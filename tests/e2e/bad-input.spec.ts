import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startApp } from './app-server';

// Malformed events, a truncated mlflow.db and a bad env value: each is named on /health; the rest works.
let app: Awaited<ReturnType<typeof startApp>>;
let dir: string;

test.beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-e2e-bad-'));
  fs.cpSync(path.join('tests', 'fixtures', 'openlineage-files', 'malformed'), path.join(dir, 'malformed'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'mlflow.db'), fs.readFileSync(path.join('.demo-data', 'mlflow.db')).subarray(0, 4096));
  app = await startApp(Number(process.env.E2E_PORT ?? 3100) + 1, {
    OPENLINEAGE_EVENTS: [path.join(dir, 'malformed', 'events'), path.join(dir, 'malformed', 'events.ndjson')].join(path.delimiter),
    MLFLOW_TRACKING_URI: `sqlite:///${path.join(dir, 'mlflow.db')}`,
    RUNLENS_REFRESH_INTERVAL_MS: 'often',
  });
});
test.afterAll(() => {
  app?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('health names the bad variable, the truncated database and each malformed file', async ({ page }) => {
  await page.goto(`${app.base}/health`);
  await expect(page.getByTestId('env-problem')).toContainText('RUNLENS_REFRESH_INTERVAL_MS');
  const mlflow = page.getByTestId('source-health').filter({ hasText: 'MLflow (SQLite)' });
  await expect(mlflow).toContainText('unavailable');
  await expect(mlflow.getByRole('alert')).toContainText('mlflow.db');
  const events = page.getByTestId('source-health').filter({ hasText: 'OpenLineage events' });
  await expect(events.getByTestId('source-problems')).toContainText('events.ndjson:3');
  await expect(events.getByTestId('source-problems')).toContainText('bad-run-id.json — run.runId: expected string');
});

test('the runs list still shows the good events, with a banner per failing source', async ({ page }) => {
  const response = await page.goto(`${app.base}/`);
  expect(response?.status()).toBe(200);
  await expect(page.getByTestId('source-unavailable')).toContainText('mlflow-sqlite');
  await expect(page.getByTestId('source-warning')).toContainText('malformed');
  expect(await page.getByTestId('run-row').count()).toBeGreaterThan(0);
  const api = await (await page.request.get(`${app.base}/api/runs`)).json();
  expect(api.unavailableSources.map((s: { source: string }) => s.source)).toContain('mlflow-sqlite');
});
