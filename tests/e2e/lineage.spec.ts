import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { lineageHref } from '@/lib/api/links';
import { startApp } from './app-server';
import { demoRun } from './demo-manifest';

// The lineage explorer on the demo data (served by playwright.config), then on the Marquez seed
// (column lineage) and a synthetic 2,000-job graph (cap notice, layout worker, zoomed-out overview) on their own port.
const dedupRun = demoRun('e2.deduplication').openlineage!;
const dedup = { kind: 'job' as const, namespace: dedupRun.namespace, name: dedupRun.job };
const nodes = (page: Page) => page.getByTestId('explorer-graph').getByTestId('explorer-node');

test('a job opens laid out left to right; up, down and both change the nodes and the URL', async ({ page }) => {
  await page.goto(lineageHref(dedup));
  await expect(nodes(page)).toHaveCount(5);
  // Laid out: the producer job, the focus and the consumer job stand in data-flow order.
  const x = async (name: string) => (await nodes(page).filter({ hasText: new RegExp(`^${name.replace(/\./g, '\\.')}`) }).boundingBox())?.x ?? NaN;
  const [loading, focus, filtering] = await Promise.all(['groot-data-etl.data-loading', dedup.name, 'groot-data-etl.filtering'].map(x));
  expect(loading).toBeLessThan(focus!);
  expect(focus).toBeLessThan(filtering!);

  await page.getByTestId('explorer-depth').selectOption('4');
  await expect(page).toHaveURL(/depth=4/);
  await expect(nodes(page)).toHaveCount(8);
  await page.getByTestId('explorer-dir-up').click();
  await expect(page).toHaveURL(/dir=up/);
  await expect(nodes(page)).toHaveCount(4);
  await page.getByTestId('explorer-dir-down').click();
  await expect(page).toHaveURL(/dir=down/);
  await expect(nodes(page)).toHaveCount(5);
  await page.getByTestId('explorer-dir-both').click();
  await expect(page).not.toHaveURL(/dir=/);
  await expect(nodes(page)).toHaveCount(8);
  // The full graph adds siblings: the pipeline job that also reads the raw dataset.
  await page.getByTestId('explorer-full').click();
  await expect(page).toHaveURL(/full=1/);
  await expect(nodes(page).filter({ hasText: /^groot-data-etl(?!\.)/ })).toHaveCount(1);
});

test('a small view is placed on the page at once, without waiting for ELK in the layout worker', async ({ page }) => {
  await page.goto(lineageHref(dedup));
  await expect(nodes(page)).toHaveCount(5);
  // The worker's layout marks its start; the quick layout of a small graph does not run there.
  expect(await page.evaluate(() => performance.getEntriesByName('runlens:layout-start').length)).toBe(0);
  await expect(page.getByTestId('explorer-laying-out')).toHaveCount(0);
});

test('a small view is painted with the page as an SVG preview whose nodes open their side panel', async ({ browser, baseURL }) => {
  // Without JavaScript the server's HTML alone draws the graph: its nodes are links to the view with a panel open.
  const noScript = await browser.newContext({ javaScriptEnabled: false, baseURL });
  const bare = await noScript.newPage();
  await bare.goto(lineageHref(dedup));
  const preview = bare.getByTestId('explorer-graph').getByTestId('explorer-node-preview');
  await expect(preview).toHaveCount(5);
  await expect(preview.and(bare.locator('[data-focus=true]'))).toContainText(dedup.name);
  const previewEdges = await bare.getByTestId('explorer-graph-preview').locator('path[marker-end]').count();
  await preview.filter({ hasText: 'groot/staging/loaded' }).click();
  await expect(bare).toHaveURL(/selected=dataset/);
  await expect(bare.getByTestId('explorer-node-preview').and(bare.locator('[aria-current=true]'))).toContainText('groot/staging/loaded');
  await noScript.close();

  // With scripts the canvas replaces it (the same nodes, as many edges), and the graph is not fetched again.
  const live = await browser.newPage({ baseURL });
  const fetched: string[] = [];
  live.on('request', (r) => { if (new URL(r.url()).pathname === '/api/lineage') fetched.push(r.url()); });
  await live.goto(lineageHref(dedup));
  await expect(nodes(live)).toHaveCount(5);
  await expect(live.getByTestId('explorer-graph-preview')).toHaveCount(0);
  await expect(live.getByTestId('explorer-graph').locator('.react-flow__edge')).toHaveCount(previewEdges);
  expect(previewEdges).toBeGreaterThan(1);
  expect(fetched).toEqual([]);
  await live.close();
});

test('the depth is in the URL and survives a reload', async ({ page }) => {
  await page.goto(lineageHref(dedup));
  await expect(nodes(page)).toHaveCount(5);
  await page.getByTestId('explorer-depth').selectOption('3');
  await expect(page).toHaveURL(/depth=3/);
  await expect(nodes(page)).toHaveCount(7);
  await page.reload();
  await expect(page.getByTestId('explorer-depth')).toHaveValue('3');
  await expect(nodes(page)).toHaveCount(7);
});

test('the search box jumps to a dataset', async ({ page }) => {
  await page.goto(lineageHref(dedup, { depth: 3 }));
  await page.getByRole('searchbox', { name: 'Search jobs and datasets' }).fill('staging/dedup');
  await page.getByTestId('explorer-search-hit').filter({ hasText: 'groot/staging/deduplicated' }).click();
  await expect(page).toHaveURL(/node=dataset%3As3%253A%252F%252Fbucket%3Agroot%252Fstaging%252Fdeduplicated/);
  await expect(page).toHaveURL(/depth=3/);
  await expect(page.locator('[data-testid=explorer-node][data-focus=true]')).toContainText('groot/staging/deduplicated');
});

test('clicking a job opens the side panel with its runs and linked metrics', async ({ page }) => {
  await page.goto(lineageHref(dedup));
  await nodes(page).filter({ hasText: dedup.name }).click();
  await expect(page).toHaveURL(/selected=job/);
  const panel = page.getByTestId('explorer-panel');
  await expect(panel.getByTestId('explorer-job-run').first()).toBeVisible();
  await expect(panel.getByTestId('explorer-job-run').first().getByRole('link')).toHaveAttribute('href', /^\/runs\//);
  await expect(panel.getByTestId('explorer-run-metrics').first()).toContainText('dedup_rate');
  await expect(panel.getByTestId('explorer-panel-page')).toHaveAttribute('href', `/jobs/${dedup.namespace}/${dedup.name}`);

  // A dataset's panel has its schema; expand adds a node's neighbours one hop around it.
  await nodes(page).filter({ hasText: 'groot/staging/loaded' }).click();
  await expect(panel.getByTestId('explorer-dataset-schema')).toBeVisible();
  await expect(panel.getByTestId('explorer-dataset-versions')).toBeVisible();
  await nodes(page).filter({ hasText: 'groot-data-etl.data-loading' }).click();
  // Expand acts on the panel's node: wait until the panel shows the job (on a slow machine the click on
  // expand could otherwise land on the previous node's panel while the selection is still navigating).
  await expect(page).toHaveURL(/selected=job%3Agroot-data-etl%3Agroot-data-etl\.data-loading/);
  await expect(page.getByRole('complementary', { name: /groot-data-etl\.data-loading/ })).toBeVisible();
  await panel.getByTestId('explorer-expand').click();
  await expect(page).toHaveURL(/expand=job/);
  await expect(nodes(page)).toHaveCount(6);
  await expect(nodes(page).filter({ hasText: 'groot/raw/multimodal' })).toHaveCount(1);
  await page.screenshot({ path: test.info().outputPath('lineage-explorer.png'), fullPage: true });
});

test('a dataset node expands to its schema fields, read on demand, without selecting the node', async ({ page }) => {
  await page.goto(lineageHref(dedup));
  const loaded = nodes(page).filter({ hasText: 'groot/staging/loaded' });
  await expect(loaded).toBeVisible();
  await expect(page.getByTestId('explorer-fields')).toHaveCount(0);
  const fieldsRequest = page.waitForRequest((r) => r.url().includes('/api/lineage/fields?'));
  const toggle = page.getByRole('button', { name: 'Show the 9 fields of groot/staging/loaded' });
  await toggle.click();
  await fieldsRequest;
  const list = page.getByTestId('explorer-fields');
  await expect(list.getByTestId('explorer-field-row')).toHaveCount(9);
  await expect(list.getByTestId('explorer-field-row').first()).toHaveText(/sample_id\s*string/);
  await expect(list.getByTestId('explorer-fields-note')).toHaveCount(0);
  // The toggle is its own control: the node's side panel did not open.
  await expect(page).not.toHaveURL(/selected=/);
  await page.getByRole('button', { name: 'Hide the 9 fields of groot/staging/loaded' }).click();
  await expect(page.getByTestId('explorer-fields')).toHaveCount(0);
});

test('bad input is a message, never a 500; an unknown node is an empty state', async ({ page, request }) => {
  const bad = await page.goto('/lineage?node=job%3Aonly-one-part&depth=99');
  expect(bad?.status()).toBe(200);
  await expect(page.getByTestId('explorer-bad-query')).toContainText('depth must be a whole number from 1 to 20');
  await page.goto(lineageHref({ kind: 'job', namespace: 'nowhere', name: 'nothing' }));
  await expect(page.getByTestId('explorer-not-found')).toContainText('No job nowhere / nothing in the configured lineage sources');
  expect((await request.get('/api/lineage?node=run:x:y')).status()).toBe(400);
  expect((await request.get('/api/lineage')).status()).toBe(400);
  expect((await request.get('/api/lineage?node=job:nowhere:nothing')).status()).toBe(404);
  expect((await request.get('/api/lineage/search?q=')).status()).toBe(400);
  const search = await (await request.get('/api/lineage/search?q=dedup')).json();
  expect(search.hits.map((h: { name: string }) => h.name)).toContain(dedup.name);
});

test('with no node: a search box and jobs to start from', async ({ page }) => {
  await page.goto('/lineage');
  await expect(page.getByTestId('explorer-start-jobs').getByRole('link').first()).toBeVisible();
  await page.getByTestId('explorer-start-jobs').getByRole('link', { name: dedup.name, exact: true }).click();
  await expect(nodes(page)).toHaveCount(5);
});

test.describe('column lineage and a large graph', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  let dir: string;

  test.beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-e2e-lineage-'));
    fs.writeFileSync(path.join(dir, 'synthetic.json'), JSON.stringify([...syntheticEvents(2000), wideDatasetEvent(1200)]));
    const seed = path.resolve('..', 'shared', 'data', 'openlineage', 'marquez-seed', 'food-delivery-events.json');
    app = await startApp(Number(process.env.E2E_PORT ?? 3100) + 7, { OPENLINEAGE_EVENTS: [seed, path.join(dir, 'synthetic.json')].join(path.delimiter) }, { indexed: true });
  });
  test.afterAll(() => {
    app?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('columns=1 draws field-level edges from the columnLineage facet', async ({ page }) => {
    const table = { kind: 'dataset' as const, namespace: 'food_delivery', name: 'public.orders_7_days' };
    await page.goto(`${app.base}${lineageHref(table, { dir: 'up' })}`);
    await expect(nodes(page).first()).toBeVisible();
    await expect(page.getByTestId('explorer-field')).toHaveCount(0);
    await page.getByTestId('explorer-columns').click();
    await expect(page).toHaveURL(/columns=1/);
    await expect(page.getByTestId('explorer-field').filter({ hasText: 'order_id' }).first()).toBeVisible();
    await expect(page.getByTestId('explorer-summary')).toContainText('fields');
  });

  test('a dataset of 1,200 fields lists the first 50 and says so; the fields API refuses a job', async ({ page, request }) => {
    const wide = { kind: 'dataset' as const, namespace: 'synthetic', name: 'wide' };
    const api = await request.get(`${app.base}/api/lineage/fields?node=dataset%3Asynthetic%3Awide`);
    expect(api.status()).toBe(200);
    const body = await api.json();
    expect(body.total).toBe(1200);
    expect(body.fields).toHaveLength(50);
    expect(body.fields[0]).toEqual({ name: 'column_0000', type: 'BIGINT', description: null });
    const job = await request.get(`${app.base}/api/lineage/fields?node=job%3Asynthetic%3Awide-writer`);
    expect(job.status()).toBe(400);
    expect((await job.json()).error).toContain('node must be a dataset');
    expect((await request.get(`${app.base}/api/lineage/fields?node=dataset%3Asynthetic%3Anone`)).status()).toBe(404);

    await page.goto(`${app.base}${lineageHref(wide)}`);
    await page.getByRole('button', { name: 'Show the 1,200 fields of wide' }).click();
    const list = page.getByTestId('explorer-fields');
    await expect(list.getByTestId('explorer-field-row')).toHaveCount(50);
    await expect(list.getByTestId('explorer-fields-note')).toHaveText('Showing 50 of 1,200 fields.');
  });

  // How long the main thread is blocked while this graph is laid out and drawn is measured by the bench
  // (scripts/bench/lineage.mjs, the same 4,001-node star), never by a timed test.
  test('a 4,001-node view is capped with a notice; laid out in full, in the layout worker', async ({ page }) => {
    const hub = { kind: 'dataset' as const, namespace: 'synthetic', name: 'raw' };
    await page.goto(`${app.base}${lineageHref(hub, { dir: 'down' })}`);
    await expect(page.getByTestId('explorer-cut')).toContainText('Showing 1,500 of 4,001 nodes within depth 2');

    // Too big to come with the page: the browser fetches it, and no preview is drawn. The page's states are
    // recorded as they appear: a fast machine lays the graph out before an assertion could look at the notice.
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { seenStates: string[] }).seenStates = seen;
      new MutationObserver(() => {
        for (const id of ['explorer-laying-out', 'explorer-graph-preview']) {
          const text = document.querySelector(`[data-testid="${id}"]`)?.textContent;
          if (text != null && !seen.includes(`${id}: ${text}`)) seen.push(`${id}: ${text}`);
        }
      }).observe(document, { subtree: true, childList: true, characterData: true });
    });
    const fetched = page.waitForRequest((r) => new URL(r.url()).pathname === '/api/lineage');
    await page.goto(`${app.base}${lineageHref(hub, { dir: 'down', limit: 5000 })}`);
    await fetched;
    await expect(nodes(page).first()).toBeVisible({ timeout: 60_000 });
    const seenStates = await page.evaluate(() => (window as unknown as { seenStates: string[] }).seenStates);
    expect(seenStates.filter((s) => s.startsWith('explorer-laying-out'))).toEqual(['explorer-laying-out: Laying out 4,001 nodes…']);
    expect(seenStates.filter((s) => s.startsWith('explorer-graph-preview'))).toEqual([]);
    await expect(page.getByTestId('explorer-cut')).toHaveCount(0);
    // The worker was started and the layout went through it: both marks carry the 4,001 nodes.
    const marks = await page.evaluate(() => ({
      worker: performance.getEntriesByName('runlens:layout-worker').length,
      laidOut: performance.getEntriesByName('runlens:layout-end').map((m) => (m as PerformanceMark).detail?.nodes),
    }));
    expect(marks.worker).toBe(1);
    expect(marks.laidOut).toEqual([4001]);

    // At reading zoom only the nodes on screen are mounted, and the hub's 2,000 edges (to jobs far off screen)
    // are all drawn, in the edge layer's one path rather than as 2,000 @xyflow edges.
    const mounted = page.getByTestId('explorer-graph').locator('.react-flow__node');
    expect(await mounted.count()).toBeGreaterThan(0);
    expect((await mountedOffPane(page)).offPane).toBe(0);
    await expect(page.getByTestId('explorer-overview')).toHaveCount(0);
    await expect(page.getByTestId('explorer-graph').locator('.react-flow__edge')).toHaveCount(0);
    const hubStart = await page.locator('.react-flow__node[data-id="dataset:synthetic:raw"]').evaluate((n) => {
      const [, x, y] = /translate\(([-\d.e]+)px,\s*([-\d.e]+)px\)/.exec((n as HTMLElement).style.transform)!;
      return `M${Number(x) + n.clientWidth},${Number(y) + n.clientHeight / 2} `;
    });
    const curves = page.getByTestId('explorer-edges').locator('g[data-kind="flow"]').getByTestId('explorer-edge-curves');
    const fromHub = await curves.evaluate((p, start) => p.getAttribute('d')!.split(/(?=M)/).filter((c) => c.startsWith(start)).length, hubStart);
    expect(fromHub).toBe(2000);

    // Panned two screens down the column of jobs, the nodes there are mounted (the window followed the view).
    const pane = (await page.getByTestId('explorer-graph').boundingBox())!;
    const centre = { x: pane.x + pane.width / 2, y: pane.y + pane.height / 2 };
    const before = await mounted.evaluateAll((all) => all.map((n) => n.getAttribute('data-id')));
    for (let i = 0; i < 4; i++) {
      await page.mouse.move(centre.x, centre.y + pane.height * 0.4);
      await page.mouse.down();
      await page.mouse.move(centre.x, centre.y - pane.height * 0.1, { steps: 5 });
      await page.mouse.up();
    }
    await expect.poll(async () => (await mountedOffPane(page)).mounted).toBeGreaterThan(0);
    expect((await mountedOffPane(page)).offPane).toBe(0);
    const after = await mounted.evaluateAll((all) => all.map((n) => n.getAttribute('data-id')));
    expect(after.filter((id) => !before.includes(id)).length).toBeGreaterThan(0);

    // Zoomed out, the graph is one canvas and no node or edge is mounted; fitting again brings the nodes back.
    for (let i = 0; i < 14; i++) await page.locator('.react-flow__controls-zoomout').click();
    await expect(page.getByTestId('explorer-overview')).toBeVisible();
    await expect(mounted).toHaveCount(0);
    await expect(page.getByTestId('explorer-graph').locator('.react-flow__edge')).toHaveCount(0);
    await expect(page.getByTestId('explorer-edges')).toHaveCount(0);
    await page.locator('.react-flow__controls-fitview').click();
    await expect(page.getByTestId('explorer-overview')).toHaveCount(0);
    await expect(nodes(page).filter({ hasText: 'raw' }).first()).toBeVisible();
  });
});

/** How many @xyflow nodes are mounted, and how many of them lie wholly outside the graph's pane. */
async function mountedOffPane(page: Page) {
  return page.getByTestId('explorer-graph').evaluate((pane) => {
    const box = pane.getBoundingClientRect();
    const all = [...pane.querySelectorAll('.react-flow__node')].map((n) => n.getBoundingClientRect());
    const off = all.filter((r) => r.right < box.left || r.left > box.right || r.bottom < box.top || r.top > box.bottom);
    return { mounted: all.length, offPane: off.length };
  });
}

/** A job writing one dataset whose schema facet has `fields` fields. */
function wideDatasetEvent(fields: number) {
  return {
    eventType: 'COMPLETE',
    eventTime: '2026-01-02T00:00:00.000Z',
    producer: 'runlens-e2e',
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: { runId: '00000000-0000-4000-8000-ffffffffffff' },
    job: { namespace: 'synthetic', name: 'wide-writer' },
    inputs: [],
    outputs: [{
      namespace: 'synthetic',
      name: 'wide',
      facets: {
        schema: {
          _producer: 'runlens-e2e',
          _schemaURL: 'https://openlineage.io/spec/facets/1-1-1/SchemaDatasetFacet.json',
          fields: Array.from({ length: fields }, (_, i) => ({ name: `column_${String(i).padStart(4, '0')}`, type: 'BIGINT' })),
        },
      },
    }],
  };
}

/** One raw dataset read by `jobs` jobs, each writing its own output: a wide graph around one node. */
function syntheticEvents(jobs: number) {
  return Array.from({ length: jobs }, (_, i) => ({
    eventType: 'COMPLETE',
    eventTime: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
    producer: 'runlens-e2e',
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: { runId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` },
    job: { namespace: 'synthetic', name: `job-${String(i).padStart(4, '0')}` },
    inputs: [{ namespace: 'synthetic', name: 'raw' }],
    outputs: [{ namespace: 'synthetic', name: `out-${String(i).padStart(4, '0')}` }],
  }));
}
