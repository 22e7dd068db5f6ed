import path from 'node:path';
import { expect, test } from '@playwright/test';
import { OL_RUN_IDS, artifactDigest, grootProjects, startWandbStub, type WandbStub } from '../stubs/wandb';
import { startApp } from './app-server';

// Runlens with the demo's OpenLineage events and a stub W&B (GraphQL, validated against its SDL) as the experiment side.
const basePort = Number(process.env.E2E_PORT ?? 3100);
const events = path.join(process.cwd(), '.demo-data', 'openlineage');
const API_KEY = 'sentinel-wandb-key';

let stub: WandbStub;
let app: Awaited<ReturnType<typeof startApp>>;

test.beforeAll(async () => {
  stub = await startWandbStub({ apiKey: API_KEY });
  app = await startApp(basePort + 10, {
    OPENLINEAGE_EVENTS: events,
    WANDB_BASE_URL: stub.url,
    WANDB_API_KEY: API_KEY,
    WANDB_ENTITY: 'groot-team',
    WANDB_PROJECT: 'groot-data-etl,groot-eval',
  });
});
test.afterAll(async () => {
  app?.stop();
  await stub?.close();
});

test('W&B runs appear in the runs list, linked or on their own', async ({ page }) => {
  await page.goto(`${app.base}/`);
  const probe = page.getByTestId('run-row').filter({ hasText: 'dedup-threshold-probe' });
  await expect(probe).toHaveCount(1);
  await expect(probe.getByRole('link', { name: 'dedup-threshold-probe' })).toHaveAttribute('href', '/runs/groot-team/groot-data-etl/pr0b3run');
  // The e1 deduplication stage is one row: its OpenLineage run joined with its W&B run by the config key.
  const dedup = page.getByTestId('run-row').filter({ hasText: OL_RUN_IDS['e1.deduplication'] });
  await expect(dedup).toContainText('wandb-config');
});

test('a joined run shows W&B params and metrics, the link rule and a link to the W&B run', async ({ page }) => {
  await page.goto(`${app.base}/runs/${OL_RUN_IDS['e1.deduplication']}`);
  await expect(page.getByTestId('run-title')).toContainText('groot-data-etl.deduplication');
  await expect(page.getByTestId('link-rule')).toHaveText('wandb-config');
  await expect(page.getByTestId('link-panel')).toContainText(`The W&B run's config openlineage_run_id names OpenLineage run ${OL_RUN_IDS['e1.deduplication']}.`);
  await expect(page.getByTestId('experiment-run-id')).toContainText('k7d3dup1');
  const params = page.getByTestId('params');
  await expect(params).toContainText('W&B config');
  await expect(params.getByTestId('param-row').filter({ hasText: 'similarity_threshold' })).toContainText('0.95');
  await expect(page.getByTestId('metrics')).toContainText('final_dedup_rate');
  // The W&B artifact the run used, matched to the OpenLineage input by the location in its metadata.
  const used = grootProjects()[0]?.runs.find((r) => r.name === 'k7d3dup1')?.inputs[0];
  await expect(page.getByTestId('inputs')).toContainText('W&B artifact digest');
  await expect(page.getByTestId('inputs')).toContainText(used ? artifactDigest(used) : 'missing fixture');
  await expect(page.getByTestId('metric-chart').first().locator('path.recharts-line-curve')).toBeVisible();
  await expect(page.getByTestId('wandb-ui-link')).toHaveAttribute('href', `${stub.url}/groot-team/groot-data-etl/runs/k7d3dup1`);
  // The API key is used server-side only.
  expect(await page.content()).not.toContain(API_KEY);
  await page.screenshot({ path: test.info().outputPath('wandb-run-page.png'), fullPage: true });
});

test('a run tag ol:<uuid> links too', async ({ page }) => {
  await page.goto(`${app.base}/runs/${OL_RUN_IDS['e1.filtering']}`);
  await expect(page.getByTestId('link-rule')).toHaveText('wandb-config');
  await expect(page.getByTestId('link-panel')).toContainText(`tag ol:${OL_RUN_IDS['e1.filtering']}`);
});

test('deep links /runs/<entity>/<project>/<runId> resolve, per project', async ({ page }) => {
  await page.goto(`${app.base}/runs/groot-team/groot-data-etl/k7d3dup1`);
  await expect(page.getByTestId('lineage-run-id')).toContainText(OL_RUN_IDS['e1.deduplication']);
  // Same 8-character id, other project: a different, unlinked run.
  const other = await page.goto(`${app.base}/runs/groot-team/groot-eval/k7d3dup1`);
  expect(other?.status()).toBe(200);
  await expect(page.getByTestId('run-title')).toContainText('eval-dedup-quality');
  await expect(page.getByTestId('unmatched-notice')).toBeVisible();
  const api = await page.request.get(`${app.base}/api/runs/groot-team/groot-eval/k7d3dup1`);
  expect(await api.json()).toMatchObject({ id: 'groot-team/groot-eval/k7d3dup1', experiment: { source: 'wandb', runId: 'k7d3dup1', experimentId: 'groot-team/groot-eval' } });
});

test('a wrong key and a missing entity are reported on /health', async ({ page }) => {
  const broken = await startApp(basePort + 11, { WANDB_BASE_URL: stub.url, WANDB_API_KEY: 'wrong', WANDB_ENTITY: 'groot-team', WANDB_PROJECT: 'groot-data-etl' });
  try {
    await page.goto(`${broken.base}/health`);
    const card = page.getByTestId('source-health').filter({ hasText: 'W&B' });
    await expect(card).toContainText('unavailable');
    await expect(card.getByRole('alert')).toContainText('HTTP 401');
  } finally {
    broken.stop();
  }
  const unconfigured = await startApp(basePort + 12, { WANDB_API_KEY: 'k', WANDB_PROJECT: 'groot-data-etl' });
  try {
    await page.goto(`${unconfigured.base}/health`);
    await expect(page.getByTestId('env-problem').filter({ hasText: 'WANDB_ENTITY' })).toBeVisible();
    await expect(page.getByTestId('source-health').filter({ hasText: 'W&B' })).toContainText('WANDB_ENTITY');
  } finally {
    unconfigured.stop();
  }
});
