import path from 'node:path';
import { expect, test } from '@playwright/test';
import { loadEventsFromFiles, startMarquezStub, type MarquezStub } from '../stubs/marquez';
import { startApp } from './app-server';
import { demoRun, manifest } from './demo-manifest';

// The demo's events served by a stub Marquez: the walk must get each producer's exact versions and
// producers from Marquez (its own events and /runlineage/upstream), not from the snapshot alone.
const demoData = path.join(process.cwd(), '.demo-data');
const port = Number(process.env.E2E_PORT ?? 3100) + 15;

let stub: MarquezStub;
let app: Awaited<ReturnType<typeof startApp>>;

test.beforeAll(async () => {
  stub = await startMarquezStub({ events: loadEventsFromFiles([path.join(demoData, 'openlineage')]) });
  app = await startApp(port, { MARQUEZ_URL: stub.url, MLFLOW_TRACKING_URI: `sqlite:///${path.join(demoData, 'mlflow.db')}` });
});
test.afterAll(async () => {
  app?.stop();
  await stub?.close();
});

test('from Marquez, comparing the e1 and e2 tokenization runs walks up to the raw data and the threshold', async ({ page }) => {
  const [e1, e2] = ['e1', 'e2'].map((id) => manifest.executions.find((e) => e.id === id)!);
  const ids = [demoRun('e1.tokenization'), demoRun('e2.tokenization')].map((r) => r.openlineage!.runId);
  const body = await (await page.request.get(`${app.base}/api/compare?runs=${ids.join(',')}`)).json();
  expect(body.runs.map((r: { id: string }) => r.id)).toEqual(ids);
  const causes: string[] = body.pairs[0].causes;
  expect(causes).toContain(`groot-data-etl.deduplication ran with similarity_threshold ${e2!.similarityThreshold} instead of ${e1!.similarityThreshold} and threshold ${e2!.similarityThreshold} instead of ${e1!.similarityThreshold}`);
  expect(causes).toContain(`groot-data-etl.data-loading read a newer version of s3://bucket/groot/raw/multimodal (${e2!.rawVersion} instead of ${e1!.rawVersion}), a raw input: no loaded run wrote either version; dated by when loaded runs first read each`);

  await page.goto(`${app.base}/compare?runs=${ids.join(',')}`);
  await expect(page.getByTestId('input-diff').getByTestId('dataset-diff-row')).toHaveAttribute('data-status', 'changed-version');
});
