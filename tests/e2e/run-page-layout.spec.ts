import { expect, test, type Locator } from '@playwright/test';
import { demoRun } from './demo-manifest';

const dedup = demoRun('e2.deduplication');
const failed = demoRun('e3.filtering');

test.use({ viewport: { width: 1440, height: 900 } });

const topOf = async (locator: Locator) => (await locator.boundingBox())!.y;

test('at 1440×900 the title, metrics, params and the first chart are above the fold; the rest follows in order', async ({ page }) => {
  await page.goto(`/runs/${dedup.openlineage!.runId}`);
  const chart = page.getByTestId('metric-chart').first();
  await expect(chart.locator('path.recharts-line-curve').first()).toBeVisible();
  expect(await page.evaluate(() => window.scrollY)).toBe(0);

  await expect(page.getByTestId('run-title')).toContainText(dedup.mlflow!.runName);
  await expect(page.getByTestId('run-title')).toContainText(dedup.openlineage!.job);
  for (const id of ['metrics', 'params']) expect(await topOf(page.getByTestId(id)), id).toBeLessThan(900);
  expect(await topOf(chart)).toBeLessThanOrEqual(900);
  expect(await topOf(page.getByTestId('metrics').locator('tbody tr').first())).toBeLessThan(900);

  // Then datasets, lineage, the upstream chain, code, tags and the raw facets, in that order.
  const order = ['#charts', '#datasets', '#lineage', '#upstream', '#code', '#tags', '#facets'];
  const tops = [];
  for (const selector of order) tops.push(await topOf(page.locator(selector)));
  expect(tops).toEqual([...tops].sort((a, b) => a - b));
});

test('the link is a compact badge that opens to its sentence and rules', async ({ page }) => {
  await page.goto(`/runs/${dedup.openlineage!.runId}`);
  const badge = page.getByTestId('link-panel');
  await expect(page.getByTestId('link-rule')).toHaveText(dedup.rule!);
  expect((await badge.boundingBox())!.height).toBeLessThan(40);
  await expect(badge.getByText('Rules that hold')).toBeHidden();
  await badge.locator('summary').click();
  await expect(badge.getByText('Rules that hold')).toBeVisible();
});

test('a failed run shows its error first, the stack trace folded', async ({ page }) => {
  await page.goto(`/runs/${failed.openlineage!.runId}`);
  const failure = page.getByTestId('failure');
  await expect(failure).toContainText(failed.openlineage!.errorMessage!);
  expect(await topOf(failure)).toBeLessThan(await topOf(page.getByTestId('metrics')));
  expect(await topOf(failure)).toBeLessThan(400);
  const details = failure.locator('details');
  await expect(details).not.toHaveAttribute('open', /.*/);
  await expect(details.locator('pre')).toBeHidden();
});

test('the section nav jumps to each section', async ({ page }) => {
  await page.goto(`/runs/${dedup.openlineage!.runId}`);
  await page.getByTestId('section-nav').getByRole('link', { name: 'Upstream' }).click();
  await expect(page).toHaveURL(/#upstream$/);
  await expect(page.locator('#upstream')).toBeInViewport();
});

test('a click on a graph node opens its page', async ({ page }) => {
  await page.goto(`/runs/${dedup.openlineage!.runId}`);
  await page.locator('#lineage').scrollIntoViewIfNeeded();
  const graph = page.getByTestId('run-graph');
  const node = graph.getByTestId('graph-node').and(page.locator('a[href^="/runs/"]:not([aria-current])')).first();
  await expect(node).toBeVisible();
  const href = await node.getAttribute('href');
  await node.scrollIntoViewIfNeeded();
  // A real mouse click at the node's centre: no forced dispatch past pointer-events.
  const box = (await node.boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await expect(page).toHaveURL(new RegExp(`${href!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
});

test('the run graph is painted with the page as an SVG preview of the same nodes and links', async ({ browser, baseURL }) => {
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  const page = await noScript.newPage();
  await page.goto(`${baseURL}/runs/${dedup.openlineage!.runId}`);
  // The server's HTML as it arrived. React may stream parts of the preview as separate segments that only its
  // scripts move into place, so its nodes and links are counted page-wide (both appear nowhere else).
  await expect(page.getByTestId('run-graph-preview')).toHaveCount(1);
  const nodes = page.getByTestId('graph-node-preview');
  await expect(nodes).toHaveCount(5);
  await expect(nodes.and(page.locator('[aria-current="page"]'))).toContainText(dedup.openlineage!.job);
  expect(await nodes.and(page.locator('a[href^="/runs/"]')).count()).toBeGreaterThan(1);
  const previewEdges = await page.locator('path[marker-end="url(#run-graph-preview-arrow)"]').count();
  await noScript.close();

  // With scripts, the interactive graph replaces it: the same nodes and as many edges.
  const live = await browser.newPage();
  await live.goto(`${baseURL}/runs/${dedup.openlineage!.runId}`);
  // Below the fold, the interactive graph's code loads only as the lineage section comes near the window.
  await live.waitForLoadState('networkidle');
  await expect(live.getByTestId('run-graph-preview')).toHaveCount(1);
  await expect(live.getByTestId('run-graph')).toHaveCount(0);
  await live.locator('#lineage').scrollIntoViewIfNeeded();
  await expect(live.getByTestId('run-graph').getByTestId('graph-node')).toHaveCount(5);
  await expect(live.getByTestId('run-graph-preview')).toHaveCount(0);
  await expect(live.getByTestId('run-graph').locator('.react-flow__edge')).toHaveCount(previewEdges);
  expect(previewEdges).toBeGreaterThan(1);
  await live.close();
});

test('the small run graph is painted without loading ELK, and no layout message stays', async ({ page }) => {
  const scripts: string[] = [];
  page.on('response', async (response) => {
    if (response.request().resourceType() === 'script') scripts.push(await response.text().catch(() => ''));
  });
  await page.goto(`/runs/${dedup.openlineage!.runId}`);
  await page.locator('#lineage').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('run-graph').getByTestId('graph-node')).toHaveCount(5);
  await expect(page.getByTestId('run-graph').getByRole('status')).toHaveCount(0);
  await page.waitForLoadState('networkidle');
  expect(scripts.length).toBeGreaterThan(0);
  // elkjs's bundle names its Java origin: no script of the page carries it.
  expect(scripts.filter((s) => s.includes('org.eclipse.elk')).length).toBe(0);
});

test('tab titles name runs, not ids', async ({ page }) => {
  await page.goto(`/runs/${dedup.mlflow!.runId}`);
  await expect(page).toHaveTitle(`${dedup.openlineage!.job} · COMPLETED · Runlens`);
});
