import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { LIVE_REFRESH_MS } from '@/lib/queries/live-refresh';
import { startApp } from './app-server';

// Issue #4 §4: running runs refresh every 20 s and say they are live; finished runs are not polled.
const groot = path.resolve(process.cwd(), '..', 'shared', 'data', 'groot-a');
const expected = JSON.parse(fs.readFileSync(path.join(groot, 'EXPECTED.json'), 'utf8'));
const stage = (name: string) => expected.executions[0].stages.find((s: { stage: string }) => s.stage === name);
const tokenization = stage('tokenization').openlineage_run_id as string;
const basePort = Number(process.env.E2E_PORT ?? 3100);

const lines = fs.readFileSync(path.join(groot, 'openlineage', 'events.ndjson'), 'utf8').split('\n').filter((l) => l.trim() !== '');
// Held back until the test "finishes" the run: tokenization's COMPLETE (and the pipeline's, which follows it).
const finishing = lines.filter((l) => l.includes(tokenization) && l.includes('"COMPLETE"'));

let dir: string;
let events: string;
let app: Awaited<ReturnType<typeof startApp>>;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-live-'));
  events = path.join(dir, 'events.ndjson');
  fs.writeFileSync(events, `${lines.filter((l) => !finishing.includes(l)).join('\n')}\n`);
  app = await startApp(basePort + 44, { OPENLINEAGE_EVENTS: events, RUNLENS_REFRESH_INTERVAL_MS: '200' });
});
test.afterAll(() => {
  app?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

function apiPolls(page: Page): string[] {
  const polls: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/runs')) polls.push(r.url());
  });
  return polls;
}

test('a finished run is not polled', async ({ page }) => {
  await page.clock.install();
  const polls = apiPolls(page);
  await page.goto(`${app.base}/runs/${stage('filtering').openlineage_run_id}`);
  await expect(page.getByTestId('run-title')).toContainText('COMPLETED');
  await expect(page.getByTestId('live-indicator')).toHaveCount(0);
  await page.clock.fastForward(3 * LIVE_REFRESH_MS);
  expect(polls).toEqual([]);
});

test('the runs list is live while it shows a running run', async ({ page }) => {
  await page.goto(`${app.base}/`);
  await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-live', 'true');
  await page.goto(`${app.base}/?status=COMPLETED`);
  await expect(page.getByTestId('run-row').first()).toBeVisible();
  await expect(page.getByTestId('live-indicator')).toHaveCount(0);
});

test('a running run says it is live, refreshes, and stops once it finished', async ({ page }) => {
  test.setTimeout(150_000);
  await page.clock.install();
  const polls = apiPolls(page);
  await page.goto(`${app.base}/runs/${tokenization}`);
  await expect(page.getByTestId('run-title')).toContainText('RUNNING');
  const indicator = page.getByTestId('live-indicator');
  await expect(indicator).toHaveAttribute('data-live', 'true');
  await expect(indicator).toContainText(`refreshes every ${LIVE_REFRESH_MS / 1000} s`);
  await expect(page.getByTestId('live-updated')).toHaveText(/^\d\d:\d\d:\d\d UTC$/);
  expect(polls).toEqual([]); // the rendered page is the first answer
  // The title's elapsed time ticks in the browser.
  const elapsed = page.getByTestId('live-elapsed');
  await expect(elapsed).toHaveText(/^running for \d+(s|m \d+s|h \d+m)$/);
  const elapsedBefore = await elapsed.textContent();

  await page.clock.fastForward(LIVE_REFRESH_MS + 1_000);
  await expect.poll(() => polls.length).toBe(1);
  expect(new URL(polls[0]!).pathname).toBe(`/api/runs/${tokenization}`);
  // Past an hour the elapsed time reads in minutes (the fixture run started days ago): a minute on, it reads differently.
  await page.clock.fastForward(60_000);
  await expect(elapsed).not.toHaveText(elapsedBefore ?? '');

  // The run finishes: the next poll sees it, the page re-renders as finished, and polling stops.
  fs.appendFileSync(events, `${finishing.join('\n')}\n`);
  // Once the server has read the new events (the test's own request, not the page's), the page's next poll sees them.
  await expect.poll(async () => (await (await fetch(`${app.base}/api/runs/${tokenization}`)).json()).lineage.state).toBe('COMPLETED');
  // The next poll sees it; from here time runs for real, so the router's refresh can land (React and the
  // router schedule with timers that a paused fake clock would hold back).
  await page.clock.fastForward(LIVE_REFRESH_MS);
  await page.clock.resume();
  await expect(page.getByTestId('run-title')).toContainText('COMPLETED', { timeout: 60_000 });
  await expect(indicator).toHaveCount(0);
  const settled = polls.length;
  await page.clock.fastForward(3 * LIVE_REFRESH_MS);
  expect(polls.length).toBe(settled);
});
