import { chromium } from '@playwright/test';
const url = process.argv[2];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
for (let i = 0; i < 2; i++) {
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
await page.addInitScript(() => {
  window.__t = []; window.__m = {};
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__t.push([Math.round(e.startTime), Math.round(e.duration)]); }).observe({ type: 'longtask', buffered: true });
  new MutationObserver(() => {
    const m = window.__m; const now = Math.round(performance.now());
    for (const [k, sel] of [['preview', '[data-testid=metric-chart-preview]'], ['interactive', '.recharts-line-curve'], ['graphLoading', '[data-testid=run-graph-loading]'], ['graph', '[data-testid=graph-node]'], ['flow', '.react-flow']]) if (!m[k] && document.querySelector(sel)) m[k] = now;
  }).observe(document, { childList: true, subtree: true });
});
await page.goto(url); await page.waitForLoadState('load'); await page.waitForTimeout(3000);
console.log(JSON.stringify(await page.evaluate(() => ({ tasks: window.__t, marks: window.__m, dcl: Math.round(performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd), scripts: performance.getEntriesByType('resource').filter((e) => e.initiatorType === 'script').map((e) => [e.name.split('/').pop(), Math.round(e.transferSize/1024), Math.round(e.responseEnd)]) }))));
await page.close();
}
await browser.close();
