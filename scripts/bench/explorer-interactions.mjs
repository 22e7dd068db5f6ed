// Explorer interactions (issue #12): on a laid-out view of ≈4,000 nodes, the longest main-thread task
// (PerformanceObserver 'longtask', Chromium) while the reader fits the view, pans, zooms out to the whole graph
// and back, pans zoomed out, selects a node and searches. Target: no task > 200 ms.

const SETTLE_MS = 800;

/** Long tasks that started after `since`, as durations. */
const tasksSince = (page, since) => page.evaluate((t) => window.__bench.tasks.filter(([at]) => at >= t).map(([, ms]) => ms), since);
const now = (page) => page.evaluate(() => performance.now());
/** Two animation frames: whatever the last input changed has been painted. */
const painted = (page) => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

async function drag(page, from, to, steps = 12) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= steps; i++) {
    await page.mouse.move(from.x + ((to.x - from.x) * i) / steps, from.y + ((to.y - from.y) * i) / steps);
    await painted(page);
  }
  await page.mouse.up();
}

async function wheel(page, at, deltaY, notches) {
  await page.mouse.move(at.x, at.y);
  for (let i = 0; i < notches; i++) {
    await page.mouse.wheel(0, deltaY);
    await painted(page);
  }
}

/**
 * Runs each interaction on an open, painted explorer page and returns [name, longest task ms, tasks > 50 ms]
 * per interaction. `searchText` is typed into the search box (its hits must appear).
 */
export async function measureInteractions(page, searchText) {
  const pane = await page.getByTestId('explorer-graph').boundingBox();
  const centre = { x: pane.x + pane.width / 2, y: pane.y + pane.height / 2 };
  const steps = [
    ['fit view (Controls button)', async () => {
      await page.locator('.react-flow__controls-fitview').click();
    }],
    ['pan at reading zoom (drag 500 px)', async () => {
      await drag(page, { x: centre.x + 200, y: centre.y + 100 }, { x: centre.x - 300, y: centre.y - 100 });
    }],
    ['zoom out to the whole graph (wheel, 12 notches)', async () => {
      await wheel(page, centre, 400, 12);
    }],
    ['pan zoomed out (drag 300 px)', async () => {
      await drag(page, { x: centre.x - 150, y: centre.y }, { x: centre.x + 150, y: centre.y + 60 });
    }],
    ['zoom back in (wheel, 12 notches)', async () => {
      await wheel(page, centre, -400, 12);
    }],
    ['select a node (side panel opens)', async () => {
      await page.locator('.react-flow__controls-fitview').click();
      await page.waitForTimeout(SETTLE_MS);
      const started = await now(page);
      await page.getByTestId('explorer-graph').getByTestId('explorer-node').first().click();
      await page.waitForURL(/selected=/);
      await page.getByTestId('explorer-panel').waitFor();
      return started;
    }],
    ['search (type, hits listed)', async () => {
      await page.getByRole('searchbox', { name: 'Search jobs and datasets' }).fill(searchText);
      await page.getByTestId('explorer-search-hit').first().waitFor({ timeout: 30_000 });
    }],
  ];
  const rows = [];
  for (const [name, act] of steps) {
    await page.waitForTimeout(SETTLE_MS);
    let since = await now(page);
    const started = await act();
    if (typeof started === 'number') since = started;
    await painted(page);
    await page.waitForTimeout(SETTLE_MS);
    const tasks = await tasksSince(page, since);
    rows.push([name, Math.max(0, ...tasks), tasks.length]);
  }
  return rows;
}
