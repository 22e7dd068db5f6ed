import { expect, test } from '@playwright/test';
import { demoRun } from './demo-manifest';

const executions = ['e3', 'e2', 'e1'];

test('job page: the deduplication runs newest first with input versions, link rules and a dedup_rate trend', async ({ page }) => {
  await page.goto(`/jobs/groot-data-etl/${encodeURIComponent('groot-data-etl.deduplication')}`);
  await expect(page.getByTestId('job-title')).toContainText('groot-data-etl.deduplication');
  const rows = page.getByTestId('job-run-row');
  await expect(rows).toHaveCount(3);
  for (const [i, e] of executions.entries()) {
    const run = demoRun(`${e}.deduplication`);
    const row = rows.nth(i);
    // Named by its run name, the id beside it.
    await expect(row.getByRole('link', { name: run.mlflow!.runName, exact: true })).toHaveAttribute('href', `/runs/${run.openlineage!.runId}`);
    await expect(row).toContainText(run.openlineage!.runId);
    await expect(row.getByTestId('job-run-input')).toHaveText(`${run.input!.namespace}/${run.input!.name}@${run.input!.version}`);
    await expect(row.getByTestId('job-run-link')).toContainText(run.rule!);
  }
  await expect(page.getByTestId('job-facts')).toContainText('TASK');
  await expect(page.getByTestId('open-in-explorer')).toHaveAttribute('href', /^\/lineage\?node=job%3Agroot-data-etl%3Agroot-data-etl\.deduplication$/);

  const chart = page.locator('[data-testid="metric-trend"][data-metric="dedup_rate"]');
  await expect(chart.locator('path.recharts-line-curve')).toBeVisible();
  expect(await chart.locator('.recharts-line-dots circle').count()).toBeGreaterThanOrEqual(2);
  await expect(chart).toContainText('2026-11-20');
  await page.screenshot({ path: test.info().outputPath('job-page.png'), fullPage: true });
});

test('dataset page: three loaded versions newest first, with writer, readers and schema', async ({ page }) => {
  await page.goto(`/datasets/${encodeURIComponent('s3://bucket')}/${encodeURIComponent('groot/staging/loaded')}`);
  const rows = page.getByTestId('dataset-version-row');
  await expect(rows).toHaveCount(3);
  for (const [i, e] of executions.entries()) {
    const writer = demoRun(`${e}.data-loading`);
    const reader = demoRun(`${e}.deduplication`);
    const row = rows.nth(i);
    await expect(row.getByTestId('version-string')).toHaveText(writer.output!.version);
    await expect(row.getByTestId('version-writer').getByRole('link', { name: 'groot-data-etl.data-loading' })).toHaveAttribute('href', `/runs/${writer.openlineage!.runId}`);
    await expect(row.getByTestId('writer-metrics')).toContainText(writer.rule!);
    await expect(row.getByTestId('version-readers').getByRole('link', { name: 'groot-data-etl.deduplication' })).toHaveAttribute('href', `/runs/${reader.openlineage!.runId}`);
    // Each read is dated by the reader's start, in UTC.
    await expect(row.getByTestId('version-readers').getByTestId('reader-started')).toContainText(reader.openlineage!.startTime.slice(0, 10));
    await expect(row.getByTestId('version-schema')).toContainText('sample_id');
  }
  await expect(rows.first().getByTestId('schema-diff')).toContainText('Same schema');
  await expect(page.getByTestId('dataset-schema')).toContainText('sample_id');
  await page.screenshot({ path: test.info().outputPath('dataset-page.png'), fullPage: true });
});

test('a raw input lists the runs that read it', async ({ page }) => {
  await page.goto(`/datasets/${encodeURIComponent('s3://bucket')}/${encodeURIComponent('groot/raw/multimodal')}`);
  await expect(page.getByTestId('dataset-version-row')).toHaveCount(0);
  const readers = page.getByTestId('raw-input-readers');
  for (const e of executions) await expect(readers.getByRole('link', { name: 'groot-data-etl.data-loading' }).and(page.locator(`[href="/runs/${demoRun(`${e}.data-loading`).openlineage!.runId}"]`))).toBeVisible();
  // Each read is dated by the reader's start, in UTC.
  for (const e of executions) {
    const run = demoRun(`${e}.data-loading`);
    const row = readers.getByTestId('raw-input-reader').filter({ has: page.locator(`[href="/runs/${run.openlineage!.runId}"]`) });
    await expect(row.getByTestId('reader-started')).toContainText(run.openlineage!.startTime.slice(0, 10));
  }
  // One count of versions on the page: the versions its readers read, never "Versions (0)" beside them.
  const read = new Set(executions.map((e) => demoRun(`${e}.data-loading`).input!.version));
  await expect(readers.getByTestId('versions-read')).toHaveText(`· ${read.size} versions read`);
  await expect(page.getByTestId('dataset-versions')).toHaveCount(0);
});

test('run page: the e1 tokenization upstream panel lists filtering, deduplication and data-loading with exact versions', async ({ page }) => {
  const tokenization = demoRun('e1.tokenization');
  await page.goto(`/runs/${tokenization.openlineage!.runId}`);
  const rows = page.getByTestId('run-upstream').getByTestId('upstream-run');
  const chain = ['tokenization', 'filtering', 'deduplication', 'data-loading'];
  await expect(rows).toHaveCount(chain.length);
  for (const [i, stage] of chain.entries()) {
    const run = demoRun(`e1.${stage}`);
    const row = rows.nth(i);
    await expect(row.getByRole('link', { name: `groot-data-etl.${stage}`, exact: true })).toHaveAttribute('href', `/jobs/groot-data-etl/groot-data-etl.${stage}`);
    // The run by its experiment run's name, its id beside it.
    await expect(row.getByRole('link', { name: run.mlflow!.runName, exact: true })).toHaveAttribute('href', `/runs/${run.openlineage!.runId}`);
    await expect(row).toContainText(run.openlineage!.runId);
    await expect(row.getByTestId('upstream-version')).toHaveText(run.input!.version);
    await expect(row.getByTestId('upstream-link')).toContainText(run.rule!);
  }
  await expect(rows.last()).toContainText('raw input');
  await page.getByTestId('run-upstream').screenshot({ path: test.info().outputPath('run-upstream.png') });

  // The job link opens the job page.
  await rows.nth(1).getByRole('link', { name: 'groot-data-etl.filtering', exact: true }).click();
  await expect(page.getByTestId('job-title')).toContainText('groot-data-etl.filtering');
});

test('an unknown job is a 404 naming the lineage sources searched', async ({ page }) => {
  const response = await page.goto('/jobs/groot-data-etl/no-such-job');
  expect(response?.status()).toBe(404);
  await expect(page.getByTestId('not-found')).toContainText('no-such-job');
  await expect(page.getByTestId('not-found')).toContainText('openlineage-files');
});
