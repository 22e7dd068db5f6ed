import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startMlflowStub, type MlflowStub } from '../stubs/mlflow';
import { startApp } from './app-server';

// Runlens against a stub MLflow tracking server that replays the real 2.12.2 recordings of the groot pass.
const groot = path.resolve(process.cwd(), '..', 'shared', 'data', 'groot-a');
const expected = JSON.parse(fs.readFileSync(path.join(groot, 'EXPECTED.json'), 'utf8'));
const dedup = expected.executions[0].stages.find((s: { stage: string }) => s.stage === 'deduplication');
const basePort = Number(process.env.E2E_PORT ?? 3100);

let stub: MlflowStub;
let app: Awaited<ReturnType<typeof startApp>>;

test.beforeAll(async () => {
  stub = await startMlflowStub({ auth: { token: 'sentinel-token' } });
  app = await startApp(basePort + 4, {
    MLFLOW_TRACKING_URI: stub.url,
    MLFLOW_TRACKING_TOKEN: 'sentinel-token',
    OPENLINEAGE_EVENTS: path.join(groot, 'openlineage', 'events.ndjson'),
  });
});
test.afterAll(async () => {
  app?.stop();
  await stub?.close();
});

test('a run from an MLflow server is joined, charted and linked to the MLflow UI', async ({ page }) => {
  await page.goto(`${app.base}/runs/${dedup.openlineage_run_id}`);
  await expect(page.getByTestId('link-rule')).toHaveText('uuid');
  await expect(page.getByTestId('params')).toContainText(dedup.params.similarity_threshold);
  await expect(page.getByTestId('metric-chart').first().locator('path.recharts-line-curve')).toBeVisible();
  const link = page.getByTestId('mlflow-ui-link');
  await expect(link).toHaveAttribute('href', new RegExp(`#/experiments/1/runs/${dedup.mlflow_run_id}$`));
  // The token authenticates server-side calls only: it never reaches the page.
  expect(await page.content()).not.toContain('sentinel-token');
});

test('a run its last runs/search did not list yet opens at once from its id (a notification link)', async ({ page }) => {
  // As if the stage started after the app's snapshot: only runs/get knows it until the next refresh.
  stub.setUnlisted([dedup.mlflow_run_id]);
  const before = stub.requests.length;
  const fresh = await startApp(basePort + 6, { MLFLOW_TRACKING_URI: stub.url, MLFLOW_TRACKING_TOKEN: 'sentinel-token', OPENLINEAGE_EVENTS: path.join(groot, 'openlineage', 'events.ndjson') });
  try {
    await page.goto(`${fresh.base}/runs/${dedup.mlflow_run_id}`);
    await expect(page.getByTestId('link-rule')).toHaveText('uuid');
    await expect(page.getByTestId('params')).toContainText(dedup.params.similarity_threshold);
    const asked = stub.requests.slice(before);
    expect(asked.some((r) => r.path.endsWith('/runs/get') && r.query.includes(dedup.mlflow_run_id))).toBe(true);
    // The app did search the runs (and was answered without this one).
    expect(asked.some((r) => r.path.endsWith('/runs/search'))).toBe(true);
  } finally {
    await fresh.stop();
    stub.setUnlisted([]);
  }
});

test('a wrong token is reported as an auth failure on /health', async ({ page }) => {
  const wrong = await startApp(basePort + 5, { MLFLOW_TRACKING_URI: stub.url, MLFLOW_TRACKING_TOKEN: 'wrong' });
  try {
    await page.goto(`${wrong.base}/health`);
    const card = page.getByTestId('source-health').filter({ hasText: 'MLflow tracking server' });
    await expect(card).toContainText('unavailable');
    await expect(card.getByRole('alert')).toContainText(/401|auth|unauthori/i);
  } finally {
    wrong.stop();
  }
});

test('a flood of unknown ids on run, audit and compare pages is shed with a page that says "try again", never a 500', async ({ request }) => {
  const unknownId = () => crypto.randomUUID().replace(/-/g, '');
  const paths = [
    ...Array.from({ length: 40 }, () => `/runs/${unknownId()}`),
    ...Array.from({ length: 10 }, () => `/audit/${unknownId()}`),
    ...Array.from({ length: 10 }, () => `/compare?runs=${unknownId()},${unknownId()}`),
  ];
  const answers = await Promise.all(paths.map(async (p) => {
    const response = await request.get(`${app.base}${p}`);
    return { path: p, status: response.status(), shed: (await response.text()).includes('data-testid="lookup-shed"') };
  }));
  expect(answers.filter((a) => a.status !== 200 && a.status !== 404)).toEqual([]);
  // 60 look-ups at once exceed the per-source limit (20 a second, 8 in flight): most are shed, and say so.
  expect(answers.filter((a) => a.shed).length).toBeGreaterThan(20);
  expect(answers.filter((a) => a.status === 404).length).toBeGreaterThan(0);
  // The page renders beside its layout and shares the shed look-up: it says "try again" too, never an error
  // that the status (sent by the layout) hides.
  const metrics = await (await fetch(`${app.base}/api/metrics`)).text();
  const requestErrors = app.logLines().filter((line) => line.includes('"request_error"'));
  expect(metrics, `server logged: ${requestErrors.slice(0, 3).join('\n')}`).not.toMatch(/^runlens_request_errors_total\{[^}]*\} [1-9]/m);
});
