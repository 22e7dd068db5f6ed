import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { appRoutes } from './app-routes';
import { DEMO_PAGES } from './demo-pages';
import { demoRun } from './demo-manifest';

/**
 * Cells whose text is a number, an id, a version, a time or a state, rendered on more than one line. Measured
 * on the rendered line boxes: a Range over the text gives one client rect per line fragment.
 */
function brokenValues(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const value = /^([+-]?[\d,.]+(e[+-]?\d+)?|[0-9a-f]{8,}|[0-9a-f]{8}-[0-9a-f-]{27}|[A-Z]{3,}|\d{4}-\d\d-\d\d[ T][\d:]+( UTC)?|[+-]?Infinity|NaN)$/;
    const broken: string[] = [];
    const walker = document.createTreeWalker(document.querySelector('main')!, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim() ?? '';
      if (!value.test(text) || !node.parentElement?.closest('td, th') || !node.parentElement.checkVisibility()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (lines.size > 1) broken.push(text);
    }
    return broken;
  });
}

for (const width of [1440, 390]) {
  test(`no number, id or state in a table breaks across lines at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    for (const { name, url } of DEMO_PAGES) {
      await page.goto(url);
      await page.waitForLoadState('networkidle');
      expect(await brokenValues(page), name).toEqual([]);
    }
  });
}

test('at 390 px no page scrolls sideways: tables scroll inside their panel', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const { name, url } of DEMO_PAGES) {
    await page.goto(url);
    await page.waitForLoadState('networkidle');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, name).toBeLessThanOrEqual(0);
  }
  // The run page's tables are still all there, reachable by scrolling their panel.
  await page.goto(`/runs/${demoRun('e2.deduplication').openlineage!.runId}`);
  const inputs = page.getByTestId('inputs');
  // Polled: the page streams in under its loading state, and the table is laid out once its rows arrive.
  await expect.poll(() => inputs.evaluate((e) => e.scrollWidth > e.clientWidth)).toBe(true);
});

const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor || getComputedStyle(document.documentElement).backgroundColor);
const rootBackground = (page: Page) => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
const panelColours = (page: Page) => page.locator('.panel').first().evaluate((e) => [getComputedStyle(e).backgroundColor, getComputedStyle(e).color]);

test('dark mode follows prefers-color-scheme; the toggle overrides it and is remembered', async ({ page }) => {
  const url = `/runs/${demoRun('e2.deduplication').openlineage!.runId}`;
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(url);
  expect(await rootBackground(page)).toBe('rgb(247, 248, 250)');
  expect(await panelColours(page)).toEqual(['rgb(255, 255, 255)', 'rgb(29, 35, 48)']);

  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await rootBackground(page)).toBe('rgb(15, 18, 24)');
  expect(await panelColours(page)).toEqual(['rgb(23, 27, 35)', 'rgb(230, 232, 238)']);

  await page.getByTestId('theme-toggle').click();
  expect(await rootBackground(page)).toBe('rgb(247, 248, 250)');
  await page.reload();
  // The server paints the choice from the cookie: light although the system says dark.
  expect(await page.locator('html').getAttribute('data-theme')).toBe('light');
  expect(await rootBackground(page)).toBe('rgb(247, 248, 250)');
  expect(await background(page)).not.toBe('rgb(15, 18, 24)');
});

test('a skip link leads past the header to the content', async ({ page }) => {
  await page.goto('/models');
  await page.keyboard.press('Tab');
  const skip = page.getByTestId('skip-link');
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
});

test('the favicon is served', async ({ request }) => {
  const response = await request.get('/favicon.ico');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toMatch(/image\//);
  expect((await response.body()).subarray(0, 4).toString('hex')).toBe('00000100');
});

test('every dynamic page has a loading state', () => {
  const pages = appRoutes().filter((r) => r.kind === 'page' && r.pattern !== '/');
  const missing = pages.filter((r) => {
    const dir = path.join('app', ...r.pattern.split('/').filter(Boolean));
    return !fs.existsSync(path.join(dir, 'loading.tsx'));
  });
  expect(missing.map((r) => r.pattern)).toEqual([]);
});

test('a slim progress bar shows while the next page is on its way', async ({ page }) => {
  const target = demoRun('e2.deduplication');
  await page.goto(`/jobs/groot-data-etl/${encodeURIComponent(target.openlineage!.job)}`);
  // Hold the next page's server answer for a second, so the wait is visible.
  await page.route('**/runs/**', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await route.continue();
  });
  await page.locator(`main a[href="/runs/${target.openlineage!.runId}"]`).first().click();
  await expect(page.getByTestId('nav-progress')).toBeVisible();
  await expect(page).toHaveURL(/\/runs\//, { timeout: 15_000 });
  await expect(page.getByTestId('run-title')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('nav-progress')).toHaveCount(0);
});
