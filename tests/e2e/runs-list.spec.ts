import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { demoRun, manifest } from './demo-manifest';

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
  // Stages fold under their pipeline execution: opening every group shows every run.
  const toggles = page.getByTestId('stages-toggle');
  for (let i = 0; i < await toggles.count(); i++) await toggles.nth(i).click();
  await expect(page.getByTestId('run-row').filter({ visible: true })).toHaveCount(manifest.runs.length);
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

const parentOf = (r: (typeof manifest.runs)[number]) => r.openlineage?.parentRunId ?? r.mlflow?.parentRunId ?? null;
const topLevel = manifest.runs.filter((r) => parentOf(r) === null);
const stages = manifest.runs.filter((r) => parentOf(r) !== null);
const olId = (label: string) => demoRun(label).openlineage!.runId;

test('stages fold under their pipeline execution, collapsed, and open with the toggle', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('runs-count')).toContainText(
    `Showing ${topLevel.length} of ${topLevel.length} runs (pipeline executions and standalone runs); ${stages.length} stages in all`);
  const rows = page.getByTestId('run-row');
  // Only pipeline executions and standalone runs show at first: no stage sorts above its parent as a row of its own.
  await expect(rows.filter({ visible: true })).toHaveCount(topLevel.length);
  const e3 = rows.filter({ hasText: olId('e3.pipeline') });
  const toggle = e3.getByTestId('stages-toggle');
  await expect(toggle).toHaveText(/▸\s*3\s+stages/);
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  const failedStage = rows.filter({ hasText: olId('e3.filtering') });
  await expect(failedStage).toBeHidden();

  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(toggle).toHaveText(/▾\s*3\s+stages/);
  await expect(failedStage).toBeVisible();
  await expect(rows.filter({ visible: true })).toHaveCount(topLevel.length + 3);
  // The stages sit right under their parent, newest first like the list, and indented.
  const order = await page.locator('tbody').filter({ has: e3 }).getByTestId('run-row').evaluateAll((trs) => trs.map((tr) => tr.textContent ?? ''));
  expect(order.map((text) => ['e3.pipeline', 'e3.filtering', 'e3.deduplication', 'e3.data-loading'].find((l) => text.includes(olId(l))))).toEqual(
    ['e3.pipeline', 'e3.filtering', 'e3.deduplication', 'e3.data-loading']);
  const indent = (row: typeof e3) => row.locator('td.run-name').evaluate((td) => parseFloat(getComputedStyle(td).paddingLeft));
  expect(await indent(failedStage)).toBeGreaterThan(await indent(e3) + 10);

  await toggle.click();
  await expect(failedStage).toBeHidden();
});

test('filtering lists matches flat: a stage whose pipeline does not match still shows, naming its pipeline', async ({ page }) => {
  await page.goto('/?q=filtering');
  const matches = manifest.runs.filter((r) => r.stage === 'filtering');
  const rows = page.getByTestId('run-row');
  await expect(rows.filter({ visible: true })).toHaveCount(matches.length);
  await expect(page.getByTestId('runs-count')).toHaveText(`Showing ${matches.length} of ${matches.length} runs, stages included (listed flat while filtering)`);
  const e3 = rows.filter({ hasText: olId('e3.filtering') });
  await expect(e3.getByRole('link', { name: 'its pipeline run' })).toHaveAttribute('href', `/runs/${olId('e3.pipeline')}`);
});

test('one pipeline execution\'s stages are listed with ?parent=<id>, counted as stages', async ({ page }) => {
  await page.goto(`/?parent=${olId('e1.pipeline')}`);
  await expect(page.getByTestId('run-row').filter({ visible: true })).toHaveCount(4);
  await expect(page.getByTestId('runs-count')).toContainText('Showing 4 of 4 stages of groot-data-etl');
});

test('start times read "… ago", with the UTC time on hover, and tick without reloading the table', async ({ page }) => {
  const started = Date.parse(demoRun('e3.pipeline').openlineage!.startTime!);
  await page.clock.install({ time: started + 3 * 60_000 + 5_000 });
  await page.goto('/');
  const time = page.getByTestId('run-row').filter({ hasText: olId('e3.pipeline') }).getByTestId('relative-time');
  await expect(time).toHaveText('3\u00a0min\u00a0ago');
  await expect(time).toHaveAttribute('title', new Date(started).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, ' UTC'));
  await expect(time).toHaveAttribute('datetime', new Date(started).toISOString());
  // One line, whatever the column's width.
  expect(await time.evaluate((e) => new Set([...e.getClientRects()].map((r) => Math.round(r.top))).size)).toBe(1);
  await time.evaluate((e) => { (e as HTMLElement & { probe?: boolean }).probe = true; });
  const serverRequests: string[] = [];
  // Link prefetches (other pages, or this one) are not a reload: only a request for this page's content counts.
  page.on('request', (r) => { if (new URL(r.url()).pathname === '/' && !r.headers()['next-router-prefetch']) serverRequests.push(r.url()); });
  await page.clock.runFor(2 * 60_000);
  await expect(time).toHaveText('5\u00a0min\u00a0ago');
  // The same element was updated in place, and the server was not asked for the page again.
  expect(await time.evaluate((e) => (e as HTMLElement & { probe?: boolean }).probe === true)).toBe(true);
  expect(serverRequests).toEqual([]);
});

test('ticked rows are highlighted; a run is named first and its id comes second', async ({ page }) => {
  await page.goto('/');
  const row = page.getByTestId('run-row').filter({ hasText: olId('e2.pipeline') });
  const background = () => row.locator('td').nth(1).evaluate((td) => getComputedStyle(td).backgroundColor);
  const before = await background();
  await row.getByTestId('compare-select').check();
  expect(await background()).not.toBe(before);
  await row.getByTestId('compare-select').uncheck();
  expect(await background()).toBe(before);
  const cell = row.locator('td.run-name');
  await expect(cell.getByRole('link').first()).toHaveText(demoRun('e2.pipeline').openlineage!.job);
  const [name, id] = await Promise.all([cell.getByRole('link').first().boundingBox(), cell.locator('.mono').boundingBox()]);
  expect(id!.y).toBeGreaterThan(name!.y);
});

test('the API stays flat unless asked to group, and then nests stages under their parent', async ({ request }) => {
  const flat = await (await request.get('/api/runs?limit=100')).json();
  expect(flat.total).toBe(manifest.runs.length);
  expect(flat.stages).toBeUndefined();
  const grouped = await (await request.get('/api/runs?limit=100&group=stages')).json();
  expect(grouped.total).toBe(topLevel.length);
  expect(grouped.stagesTotal).toBe(stages.length);
  const e1 = grouped.stages.find((g: { parentId: string }) => g.parentId === olId('e1.pipeline'));
  expect(e1.total).toBe(4);
  expect(e1.runs.map((r: { id: string }) => r.id).sort()).toEqual(['e1.data-loading', 'e1.deduplication', 'e1.filtering', 'e1.tokenization'].map(olId).sort());
});

test('opened stage groups and a ?parent= list pass axe (no critical or serious violation)', async ({ page }) => {
  for (const url of ['/', `/?parent=${olId('e1.pipeline')}`]) {
    await page.goto(url);
    const toggles = page.getByTestId('stages-toggle');
    for (let i = 0; i < await toggles.count(); i++) await toggles.nth(i).click();
    const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(violations.filter((v) => v.impact === 'critical' || v.impact === 'serious').map((v) => `${url}: ${v.id}`)).toEqual([]);
  }
});
