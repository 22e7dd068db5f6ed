import fs from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { demoRun } from './demo-manifest';

const dedup = demoRun('e2.deduplication');
const runUrl = `/runs/${dedup.openlineage!.runId}`;

test.use({ viewport: { width: 1440, height: 900 } });

async function open(page: Page, query = '') {
  await page.goto(`${runUrl}${query}`);
  const chart = page.getByTestId('metric-chart').first();
  await expect(chart.locator('path.recharts-line-curve').first()).toBeVisible();
  // Every server-drawn preview has been replaced by its interactive chart once near the window (one per idle period).
  for (const card of await page.getByTestId('metric-card').all()) await card.scrollIntoViewIfNeeded();
  await expect(page.getByTestId('metric-chart-preview')).toHaveCount(0);
  await page.evaluate(() => window.scrollTo(0, 0));
  return chart;
}

const tickTexts = (chart: Locator, axis: 'x' | 'y') => chart.locator(`.recharts-${axis}Axis-tick-labels .recharts-cartesian-axis-tick-value`).allTextContents();

test('smoothing draws a time-weighted EMA over a faint raw line, and the URL keeps it', async ({ page }) => {
  const chart = await open(page);
  await expect(chart.locator('path.recharts-line-curve')).toHaveCount(1);
  await page.getByTestId('chart-smoothing').fill('0.8');
  await expect(page).toHaveURL(/[?&]smooth=0.8/);
  await expect(chart.locator('path.recharts-line-curve')).toHaveCount(2);
  await expect(chart.locator('.recharts-line path.recharts-line-curve').first()).toHaveAttribute('stroke-opacity', '0.25');
  await page.reload();
  await expect(page.getByTestId('chart-smoothing')).toHaveValue('0.8');
  await expect(page.getByTestId('metric-chart').first().locator('path.recharts-line-curve')).toHaveCount(2);
});

test('log y, and x by step, relative time and wall time', async ({ page }) => {
  const chart = await open(page);
  const linear = await tickTexts(chart, 'y');
  await page.getByTestId('chart-log-y').check();
  await expect(page).toHaveURL(/[?&]logy=1/);
  await expect.poll(() => tickTexts(chart, 'y')).not.toEqual(linear);

  await expect.poll(() => tickTexts(chart, 'x')).toContainEqual(expect.stringMatching(/^\d+(\.\d+)?k?$/));
  await page.getByTestId('axis-wall').click();
  await expect(page).toHaveURL(/[?&]x=wall/);
  await expect(chart).toHaveAttribute('data-axis', 'wall');
  await expect.poll(async () => (await tickTexts(chart, 'x')).every((t) => /^\d\d:\d\d:\d\d$/.test(t))).toBe(true);
  await page.getByTestId('axis-time').click();
  await expect(page).toHaveURL(/[?&]x=time/);
  await expect.poll(async () => (await tickTexts(chart, 'x')).at(-1)).toMatch(/^\d+ (s|min)( \d+ s)?$|^\d+ h \d\d min$/);
});

test('ticks are SI-formatted: no bare number of five or more digits', async ({ page }) => {
  await open(page, '?charts=total_samples');
  const chart = page.getByTestId('metric-chart').first();
  await expect(chart.locator('path.recharts-line-curve')).toBeVisible();
  const ticks = [...(await tickTexts(chart, 'y')), ...(await tickTexts(chart, 'x'))];
  expect(ticks.length).toBeGreaterThan(3);
  expect(ticks.filter((t) => /\d{5,}/.test(t))).toEqual([]);
  expect(ticks.some((t) => /k$/.test(t))).toBe(true);
});

test('dragging across a chart zooms the x axis; reset zooms out; the axis text is not selected', async ({ page }) => {
  const chart = await open(page);
  const plot = chart.locator('.recharts-cartesian-grid');
  const box = (await plot.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 5 });
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect(page).toHaveURL(/[?&]zoom=\d+(\.\d+)?_\d+(\.\d+)?/);
  const [from, to] = new URL(page.url()).searchParams.get('zoom')!.split('_').map(Number) as [number, number];
  const ticks = (await tickTexts(chart, 'x')).map(Number);
  expect(Math.min(...ticks)).toBeGreaterThanOrEqual(from);
  expect(Math.max(...ticks)).toBeLessThanOrEqual(to);
  expect(await page.evaluate(() => window.getSelection()?.toString() ?? '')).toBe('');
  await page.getByTestId('chart-reset-zoom').click();
  await expect(page).not.toHaveURL(/zoom=/);
});

test("hovering one chart shows the crosshair on the page's other charts", async ({ page }) => {
  const chart = await open(page);
  const second = page.getByTestId('metric-chart').nth(1);
  const box = (await chart.locator('.recharts-cartesian-grid').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await expect(second.locator('.recharts-tooltip-cursor')).toHaveCount(1);
});

test('several metrics on one chart, with a legend', async ({ page }) => {
  await open(page, '?charts=throughput,gpu_utilization');
  await page.getByTestId('chart-overlay').check();
  await expect(page).toHaveURL(/[?&]overlay=1/);
  const cards = page.getByTestId('metric-card');
  await expect(cards).toHaveCount(1);
  await expect(cards.first().locator('path.recharts-line-curve')).toHaveCount(2);
  await expect(cards.first().locator('.recharts-legend-item')).toHaveCount(2);
});

test('enlarge, CSV and PNG from the chart menu; min / max / last under the chart', async ({ page }) => {
  const chart = await open(page, '?charts=throughput');
  const last = await page.getByTestId('metrics').locator('tr', { has: page.locator('td', { hasText: /^throughput$/ }) }).locator('td').nth(1).textContent();
  await expect(chart.getByTestId('chart-stats')).toHaveText(new RegExp(`^min .+ · max .+ · last ${last!.replace(/[.+]/g, '\\$&')}$`));

  await chart.getByTestId('chart-actions').locator('summary').click();
  await chart.getByTestId('chart-enlarge').click();
  await expect(chart).toHaveClass(/chart-enlarged/);
  expect((await chart.boundingBox())!.width).toBeGreaterThan(1200);
  await expect(chart.getByTestId('chart-close')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(chart).not.toHaveClass(/chart-enlarged/);

  await chart.getByTestId('chart-actions').locator('summary').click();
  const [csv] = await Promise.all([page.waitForEvent('download'), chart.getByTestId('chart-csv').click()]);
  const text = fs.readFileSync((await csv.path())!, 'utf8').trim().split('\n');
  expect(text[0]).toBe('step,throughput');
  expect(text.length - 1).toBe(Number((await chart.locator('figcaption .subtle').textContent())!.match(/^(\d+) points/)![1]));

  await chart.getByTestId('chart-actions').locator('summary').click();
  const [png] = await Promise.all([page.waitForEvent('download'), chart.getByTestId('chart-png').click()]);
  expect(png.suggestedFilename()).toBe('throughput.png');
  expect(fs.readFileSync((await png.path())!).subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
});

test('the charts are painted with the page as SVG previews of the same lines, then become interactive', async ({ page, browser, baseURL }) => {
  // Without JavaScript the server's HTML alone draws each chart: a line, its caption and its min / max / last.
  const noScript = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1440, height: 900 }, baseURL });
  const bare = await noScript.newPage();
  await bare.goto(runUrl);
  const previews = bare.getByTestId('metric-chart-preview');
  expect(await previews.count()).toBeGreaterThan(1);
  await expect(previews.first().locator('path.chart-preview-line')).toHaveAttribute('d', /^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+){2,}/);
  const stats = await previews.first().getByTestId('chart-stats').textContent();
  await noScript.close();

  const chart = await open(page);
  // The interactive chart says the same min / max / last as its preview did.
  await expect(chart.getByTestId('chart-stats')).toHaveText(stats!);
});

test('a chart far below the window stays a preview until the reader scrolls near it', async ({ browser, baseURL }) => {
  // 400 px high: the charts of the third row start about 800 px down, beyond the 200 px margin.
  const context = await browser.newContext({ viewport: { width: 1440, height: 400 }, baseURL });
  const page = await context.newPage();
  await page.goto(runUrl);
  await expect(page.getByTestId('metric-chart').first().locator('path.recharts-line-curve')).toBeVisible();
  const last = page.getByTestId('metric-card').last();
  await page.waitForLoadState('networkidle');
  await expect(last.getByTestId('metric-chart-preview')).toHaveCount(1);
  await expect(last.getByTestId('metric-chart')).toHaveCount(0);
  await last.scrollIntoViewIfNeeded();
  await expect(last.getByTestId('metric-chart').locator('path.recharts-line-curve')).toBeVisible();
  await expect(last.getByTestId('metric-chart-preview')).toHaveCount(0);
  await context.close();
});

test('recharts is handed at most two points per two pixels of plot, and the ticks leave their labels room', async ({ page }) => {
  const chart = await open(page, '?charts=gpu_utilization');
  await expect(chart.locator('figcaption .subtle')).toHaveText(/^512 points/);
  const plotWidth = (await chart.locator('.recharts-cartesian-grid').boundingBox())!.width;
  const d = (await chart.locator('path.recharts-line-curve').getAttribute('d'))!;
  const vertices = d.split(/[ML]/).filter(Boolean).length;
  expect(vertices).toBeLessThan(512);
  expect(vertices).toBeLessThanOrEqual(plotWidth + 2);
  const boxes = await chart.locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value').evaluateAll((labels) => labels.map((l) => l.getBoundingClientRect()).map((r) => [r.left, r.right]));
  expect(boxes.length).toBeGreaterThan(2);
  for (let i = 1; i < boxes.length; i++) expect(boxes[i]![0]!).toBeGreaterThan(boxes[i - 1]![1]!);
});

test('each chart is one tab stop', async ({ page }) => {
  await open(page);
  const stops = await page.getByTestId('metric-card').evaluateAll((cards) => cards.map((card) => [...card.querySelectorAll<HTMLElement>('*')]
    .filter((e) => e.tabIndex >= 0 && e.checkVisibility() && !(e as HTMLButtonElement).disabled).length));
  expect(stops.length).toBeGreaterThan(1);
  expect(stops.every((n) => n === 1)).toBe(true);
});
