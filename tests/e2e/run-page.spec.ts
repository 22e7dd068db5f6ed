import { expect, test } from '@playwright/test';
import { demoRun, manifest } from './demo-manifest';

const dedup = demoRun('e2.deduplication');

test('runs list → run page shows versions, params, a chart with points and the graph', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('run-row').first()).toBeVisible();
  // Several executions ran this stage: open its pipeline execution, then pick the row of this run by its id.
  await page.getByTestId('run-row').filter({ hasText: demoRun('e2.pipeline').openlineage!.runId }).getByTestId('stages-toggle').click();
  await page.getByTestId('run-row').filter({ hasText: dedup.openlineage!.runId }).getByRole('link', { name: dedup.openlineage!.job }).click();
  await expect(page).toHaveURL(/\/runs\//);
  await expect(page.getByTestId('run-title')).toContainText(dedup.openlineage!.job);

  // Inputs and outputs with the exact producer versions the run read and wrote.
  await expect(page.getByTestId('inputs').getByTestId('dataset-version')).toContainText([dedup.input!.version]);
  await expect(page.getByTestId('outputs').getByTestId('dataset-version')).toContainText([dedup.output!.version]);

  // Params of both sides; the link rule with its sentence.
  await expect(page.getByTestId('params')).toContainText('similarity_threshold');
  await expect(page.getByTestId('link-rule')).toHaveText(dedup.rule!);

  // A drawn history line and graph nodes (producer run → input → this run → output → consumer).
  const chart = page.getByTestId('metric-chart').first();
  await expect(chart.locator('path.recharts-line-curve')).toBeVisible();
  await page.locator('#lineage').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('run-graph').getByTestId('graph-node')).toHaveCount(5);

  await page.screenshot({ path: test.info().outputPath('run-page.png'), fullPage: true });
});

test('the charts switch to time since the first point, and the URL keeps the choice', async ({ page }) => {
  await page.goto(`/runs/${dedup.openlineage!.runId}`);
  const chart = page.getByTestId('metric-chart').first();
  const ticks = chart.locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value');
  await expect(chart).toHaveAttribute('data-axis', 'step');
  await expect(ticks.first()).toHaveText(/^\d+$/);

  await page.getByTestId('axis-time').click();
  await expect(page).toHaveURL(/[?&]x=time/);
  await expect(chart).toHaveAttribute('data-axis', 'time');
  await expect(ticks.last()).toHaveText(/^\d+ (s|min)( \d+ s)?$|^\d+ h \d\d min$/);
  await expect(chart.locator('path.recharts-line-curve')).toBeVisible();

  await page.reload();
  await expect(page.getByTestId('axis-time')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('metric-chart').first()).toHaveAttribute('data-axis', 'time');
  await page.getByTestId('axis-step').click();
  await expect(page).not.toHaveURL(/[?&]x=/);
});

test('the MLflow id and the OpenLineage id of one run open the same page', async ({ page }) => {
  const byLineage = await page.goto(`/runs/${dedup.openlineage!.runId}`);
  expect(byLineage?.status()).toBe(200);
  const lineageTitle = await page.getByTestId('run-title').textContent();
  await expect(page.getByTestId('experiment-run-id')).toContainText(dedup.mlflow!.runId);

  await page.goto(`/runs/${dedup.mlflow!.runId}`);
  await expect(page.getByTestId('run-title')).toHaveText(lineageTitle ?? '');
  await expect(page.getByTestId('lineage-run-id')).toContainText(dedup.openlineage!.runId);
});

test('an unknown id shows a not-found page naming the sources searched', async ({ page }) => {
  const response = await page.goto('/runs/00000000-0000-4000-8000-000000000000');
  expect(response?.status()).toBe(404);
  await expect(page.getByTestId('not-found')).toContainText('openlineage-files');
  await expect(page.getByTestId('not-found')).toContainText('mlflow-sqlite');
  await expect(page.getByTestId('not-found')).toContainText('00000000-0000-4000-8000-000000000000');
});

test('a failed stage shows its error; unmatched runs say so on both sides', async ({ page }) => {
  const failed = manifest.runs.find((r) => r.openlineage?.state === 'FAIL' && r.stage !== 'pipeline');
  await page.goto(`/runs/${failed!.openlineage!.runId}`);
  await expect(page.getByTestId('failure')).toContainText(failed!.openlineage!.errorMessage!.slice(0, 40));

  for (const label of [...manifest.unmatched.openlineageOnly, ...manifest.unmatched.mlflowOnly]) {
    const run = demoRun(label);
    await page.goto(`/runs/${run.openlineage?.runId ?? run.mlflow!.runId}`);
    await expect(page.getByTestId('unmatched-notice')).toBeVisible();
  }
});

test('a pipeline run lists its stages and each stage links back to it', async ({ page }) => {
  const pipeline = demoRun('e1.pipeline');
  await page.goto(`/runs/${pipeline.openlineage!.runId}`);
  const stages = manifest.runs.filter((r) => r.openlineage?.parentRunId === pipeline.openlineage!.runId);
  await expect(page.getByTestId('relations').getByRole('listitem')).toHaveCount(stages.length);
});

test('an input dataset opens its page: versions newest first, each with the run that wrote it', async ({ page }) => {
  await page.goto(`/runs/${dedup.openlineage!.runId}`);
  await page.getByTestId('inputs').getByRole('link', { name: dedup.input!.name }).click();
  await expect(page.getByTestId('dataset-title')).toContainText(dedup.input!.name);
  const row = page.getByTestId('dataset-version-row').filter({ hasText: dedup.input!.version });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('link', { name: 'groot-data-etl.deduplication' })).toBeVisible();
  const writers = manifest.runs.filter((r) => r.output?.name === dedup.input!.name && r.openlineage);
  await expect(page.getByTestId('dataset-version-row')).toHaveCount(writers.length);
});
