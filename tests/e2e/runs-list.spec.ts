import { expect, test } from '@playwright/test';
import { manifest } from './demo-manifest';

test('filters live in the URL and narrow the list', async ({ page }) => {
  await page.goto('/?status=FAILED');
  const rows = page.getByTestId('run-row');
  const failed = manifest.runs.filter((r) => r.openlineage?.state === 'FAIL' || (!r.openlineage && r.mlflow?.status === 'FAILED'));
  await expect(rows).toHaveCount(failed.length);
  await page.getByLabel('Search').fill('deduplication');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/q=deduplication/);
  await expect(page).toHaveURL(/status=FAILED/);
});

test('every run of the demo is listed, matched or not, with its link rule', async ({ page }) => {
  await page.goto('/?limit=100');
  await expect(page.getByTestId('run-row')).toHaveCount(manifest.runs.length);
  await expect(page.getByTestId('runs-table')).toContainText('unmatched');
  for (const rule of ['uuid', 'mlflow-facet', 'tags-facet', 'mlflow-tag']) {
    await expect(page.getByTestId('runs-table').getByText(rule, { exact: true }).first()).toBeVisible();
  }
});

test('health lists both local sources with their counts', async ({ page }) => {
  await page.goto('/health');
  await expect(page.getByTestId('source-health')).toHaveCount(2);
  await expect(page.getByText('OpenLineage events')).toBeVisible();
  await expect(page.getByText('MLflow (SQLite)')).toBeVisible();
  await expect(page.getByTestId('health-status')).toHaveText('ok');
});
