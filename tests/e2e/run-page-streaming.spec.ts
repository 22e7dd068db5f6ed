import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startFaultProxy, type FaultProxy } from '../stubs/faults';
import { loadEventsFromFiles, startMarquezStub, type MarquezStub } from '../stubs/marquez';
import { startApp } from './app-server';

// The run page streams: its top (title, metrics, params, charts) needs only the index, so it arrives while
// the lineage source is still asked for the run's exact dataset versions; the datasets follow its answer.
const groot = path.resolve(process.cwd(), '..', 'shared', 'data', 'groot-a');
const expected = JSON.parse(fs.readFileSync(path.join(groot, 'EXPECTED.json'), 'utf8'));
const dedup = expected.executions[0].stages.find((s: { stage: string }) => s.stage === 'deduplication');
const basePort = Number(process.env.E2E_PORT ?? 3100);

let stub: MarquezStub;
let proxy: FaultProxy;
let app: Awaited<ReturnType<typeof startApp>>;

test.beforeAll(async () => {
  stub = await startMarquezStub({ events: loadEventsFromFiles([path.join(groot, 'openlineage', 'events.ndjson')]) });
  proxy = await startFaultProxy(stub.url);
  app = await startApp(basePort + 31, { MARQUEZ_URL: proxy.url, MARQUEZ_TIMEOUT_MS: '60000', MLFLOW_TRACKING_URI: `sqlite:///${path.join(groot, 'mlflow-server', 'mlflow.db')}` }, { indexed: true });
});
test.afterAll(async () => {
  await app?.stop();
  await proxy?.close();
  await stub?.close();
});

test("a run page's title, metrics, params and charts arrive while Marquez is still asked for the run's exact versions", async ({ page }) => {
  // The exact versions start with Marquez's record of the run (GET /jobs/runs/<id>): held until released.
  const marquezRun = proxy.hold(`/api/v1/jobs/runs/${dedup.openlineage_run_id}`);
  try {
    await page.goto(`${app.base}/runs/${dedup.mlflow_run_id}`, { waitUntil: 'commit' });
    await expect(page.getByTestId('run-title')).toContainText('deduplication');
    await expect(page.getByTestId('params')).toContainText('similarity_threshold');
    await expect(page.getByTestId('metrics')).toBeVisible();
    await expect(page.getByTestId('charts-panel')).toBeVisible();
    await expect(page.getByTestId('run-rest-loading')).toBeVisible();
    // Order, not time: all of the above while Marquez's answer is still held, and no dataset shown yet.
    await expect.poll(() => marquezRun.held()).toBeGreaterThan(0);
    await expect(page.getByTestId('inputs')).toHaveCount(0);
  } finally {
    marquezRun.release();
  }
  await expect(page.getByTestId('version-basis')).toContainText("run's own OpenLineage events");
  await expect(page.getByTestId('inputs').getByTestId('dataset-version')).toContainText([dedup.input.version]);
  await expect(page.getByTestId('run-rest-loading')).toHaveCount(0);
});
