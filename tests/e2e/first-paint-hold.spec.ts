import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { FIRST_PAINT_HOLD_MS, firstPaintHoldScript } from '../../lib/ui/first-paint-hold';

// The root layout's first-paint hold, in Chromium: a page whose body streams in soon after its head paints whole
// in its first frame (React would otherwise reveal the late part 300 ms after a first paint of the skeletons), and a
// slow page still paints what it has by the deadline. A loopback page streams a shell, then its content.
let server: http.Server;
let base: string;

test.beforeAll(async () => {
  server = http.createServer((request, response) => {
    const query = new URL(request.url ?? '/', 'http://x').searchParams;
    const contentAfterMs = Number(query.get('after'));
    const hold = query.has('hold') ? firstPaintHoldScript(Number(query.get('hold'))) : '';
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.write(`<!DOCTYPE html><html><head><script>${hold}</script></head><body><p id="shell">loading…</p>${' '.repeat(2048)}`);
    setTimeout(() => response.end('<p id="content">the run</p></body></html>'), contentAfterMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** What the document held at its first animation frame (rendering steps run only once rendering is unblocked). */
async function firstFrameOf(page: import('@playwright/test').Page, url: string) {
  await page.addInitScript(() => {
    requestAnimationFrame(() => {
      (window as unknown as { firstFrame: object }).firstFrame = { at: performance.now(), content: document.getElementById('content') !== null };
    });
  });
  await page.goto(url);
  await expect.poll(() => page.evaluate(() => (window as unknown as { firstFrame?: object }).firstFrame)).toBeTruthy();
  return page.evaluate(() => (window as unknown as { firstFrame: { at: number; content: boolean } }).firstFrame);
}

// A longer deadline than the app's, so the page arrives well inside it on a busy machine; the app's own deadline is
// what the next test holds to.
test('a page that finishes streaming within the deadline paints whole in its first frame', async ({ page }) => {
  const first = await firstFrameOf(page, `${base}/?after=600&hold=5000`);
  expect(first.content).toBe(true);
});

test('without the hold, the same page paints its shell first (what the hold is for)', async ({ page }) => {
  const first = await firstFrameOf(page, `${base}/?after=600`);
  expect(first.content).toBe(false);
});

test('a slow page paints what it has at the deadline, before the rest arrives', async ({ page }) => {
  const contentAfterMs = FIRST_PAINT_HOLD_MS + 4_000;
  const first = await firstFrameOf(page, `${base}/?after=${contentAfterMs}&hold=${FIRST_PAINT_HOLD_MS}`);
  expect(first.content).toBe(false);
  await expect(page.locator('#content')).toHaveText('the run', { timeout: 10_000 });
});
