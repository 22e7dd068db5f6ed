import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startMarquezStub, type MarquezStub } from '../stubs/marquez';
import { startMlflowStub, type MlflowStub } from '../stubs/mlflow';
import { WIDE_INPUTS, WIDE_OUTPUTS, WIDE_RUN_ID, wideMetricKey, wideRunEvents, writeWideRunRecordings } from '../stubs/wide-run';
import { DEFAULT_CHARTED } from '@/lib/queries/metric-history-selection';
import { startApp } from './app-server';
import { isHistory } from './upstream-requests';

// Issue #4 §5: a run page view makes a bounded number of upstream requests, never one per dataset or metric.
const basePort = Number(process.env.E2E_PORT ?? 3100);
const MAX_REQUESTS_PER_VIEW = 12;

let marquez: MarquezStub;
let mlflow: MlflowStub;
let recordings: string;
let app: Awaited<ReturnType<typeof startApp>>;
// Each stub logs in arrival order: what a step caused is what each log gained meanwhile.
const mark = () => [marquez.requests.length, mlflow.requests.length] as const;
const since = ([m, f]: readonly [number, number]) => [...marquez.requests.slice(m), ...mlflow.requests.slice(f)];

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  recordings = writeWideRunRecordings(fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-wide-')));
  marquez = await startMarquezStub({ events: wideRunEvents() });
  mlflow = await startMlflowStub({ recordings });
  // Snapshots refresh once here and not again during the test, so every request counted is the page's.
  app = await startApp(basePort + 40, { MARQUEZ_URL: marquez.url, MLFLOW_TRACKING_URI: mlflow.url, RUNLENS_REFRESH_INTERVAL_MS: '600000' });
  await (await fetch(`${app.base}/api/runs?limit=1`)).arrayBuffer();
});
test.afterAll(async () => {
  app?.stop();
  await marquez?.close();
  await mlflow?.close();
  fs.rmSync(recordings, { recursive: true, force: true });
});

const drawnCharts = (page: import('@playwright/test').Page) => page.getByTestId('metric-chart').locator('path.recharts-line-curve');

test('a run with 20 datasets and 50 metrics costs at most 12 upstream requests, none per dataset', async ({ page }) => {
  const before = mark();
  await page.goto(`${app.base}/runs/${WIDE_RUN_ID}`);
  await expect(page.getByTestId('inputs').getByTestId('dataset-version')).toHaveCount(WIDE_INPUTS);
  await expect(page.getByTestId('outputs').getByTestId('dataset-version')).toHaveCount(WIDE_OUTPUTS);
  await expect(drawnCharts(page)).toHaveCount(DEFAULT_CHARTED);
  await expect(page.getByTestId('run-upstream')).toBeVisible();
  const view = since(before);
  expect(view.length).toBeGreaterThan(0);
  expect(view.length).toBeLessThanOrEqual(MAX_REQUESTS_PER_VIEW);
  expect(view.filter(isHistory)).toHaveLength(DEFAULT_CHARTED);
  expect(view.filter((r) => r.path.endsWith('/events/lineage')).length).toBeGreaterThan(0);
  expect(view.filter((r) => r.path.includes('/datasets/'))).toEqual([]);

  // The same page again: every answer comes from the cache.
  const again = mark();
  await page.reload();
  await expect(drawnCharts(page)).toHaveCount(DEFAULT_CHARTED);
  expect(since(again)).toEqual([]);
});

test('picking another metric fetches that one history, and the choice stays in the URL', async ({ page }) => {
  await page.goto(`${app.base}/runs/${WIDE_RUN_ID}`);
  await expect(drawnCharts(page)).toHaveCount(DEFAULT_CHARTED);
  const before = mark();
  const extra = wideMetricKey(30);
  await page.getByTestId('metric-picker').locator('summary').click();
  // click, not check(): the box follows the URL, which Next updates a moment after replaceState.
  await page.getByTestId('metric-picker').getByLabel(extra).click();
  await expect(page.getByTestId('metric-picker').getByLabel(extra)).toBeChecked();
  await expect(drawnCharts(page)).toHaveCount(DEFAULT_CHARTED + 1);
  await expect(page).toHaveURL(new RegExp(`charts=[^&]*${extra}`));
  const picked = since(before);
  expect(picked).toHaveLength(1);
  expect(picked[0]?.query).toContain(`metric_key=${extra}`);

  // Reloaded, the server charts the URL's selection itself, from the cache.
  const reloaded = mark();
  await page.reload();
  await expect(drawnCharts(page)).toHaveCount(DEFAULT_CHARTED + 1);
  await expect(page.getByTestId('metric-card').filter({ hasText: extra })).toBeVisible();
  expect(since(reloaded).filter(isHistory)).toEqual([]);
});
