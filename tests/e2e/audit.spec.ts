import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { loadEventsFromFiles, startMarquezStub, type MarquezStub } from '../stubs/marquez';
import { startApp } from './app-server';
import { demoRun, manifest } from './demo-manifest';

const model = manifest.models[0]!;
const v2 = model.versions.find((v) => v.version === '2')!;
const e2 = manifest.executions.find((e) => e.id === 'e2')!;
const tokenization = demoRun(v2.label!);
const basePort = Number(process.env.E2E_PORT ?? 3100);
const demoDb = `sqlite:///${path.resolve('.demo-data', 'mlflow.db')}`;
const upstreamVersions = e2.stages.filter((s) => s.stage !== 'tokenization').reverse().map((s) => s.input!.version);

test('the audit of model groot-tokenizer v2 lists the dataset versions it was built from, down to the raw snapshot', async ({ page }) => {
  const response = await page.goto(`/audit/model:${model.name}/2`);
  expect(response?.status()).toBe(200);
  await expect(page.getByTestId('audit-title')).toContainText(`${model.name} version 2`);
  await expect(page.getByTestId('audit-inputs').getByTestId('audit-version')).toHaveText([tokenization.input!.version]);
  await expect(page.getByTestId('audit-outputs').getByTestId('audit-version')).toHaveText([tokenization.output!.version]);
  // The chain as the run saw it: filtering ← deduplication ← data-loading ← raw@4743f87a.
  await expect(page.getByTestId('audit-upstream').getByTestId('audit-upstream-version')).toHaveText(upstreamVersions);
  expect(upstreamVersions.at(-1)).toBe(e2.rawVersion);
  await expect(page.getByTestId('audit-identity')).toContainText(tokenization.mlflow!.runId);
  await expect(page.getByTestId('check-code-version')).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId('audit-hash')).toHaveText(/^[0-9a-f]{64}$/);
});

test('the Markdown download is the report, named after the model version', async ({ page }) => {
  await page.goto(`/audit/model:${model.name}/2`);
  const hash = await page.getByTestId('audit-hash').textContent();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-download-md').click()]);
  expect(download.suggestedFilename()).toBe(`audit-${model.name}-v2.md`);
  const text = fs.readFileSync((await download.path())!, 'utf8');
  expect(text).toMatch(new RegExp(`^# Audit report: model ${model.name} version 2\\n`));
  for (const stage of e2.stages) expect(text).toContain(stage.input!.version);
  expect(text).toContain(hash!);
});

test('the API serves JSON with the same hash, Markdown as an attachment, and 404 naming the sources for an unknown id', async ({ request }) => {
  const json = await request.get(`/api/audit/${tokenization.mlflow!.runId}?format=json`);
  expect(json.status()).toBe(200);
  const report = await json.json();
  expect(report.identity.lineage.runId).toBe(tokenization.openlineage!.runId);
  expect(report.hash.value).toMatch(/^[0-9a-f]{64}$/);
  const byModel = await (await request.get(`/api/audit/model:${model.name}/2`)).json();
  expect(byModel.identity.id).toBe(report.identity.id);

  const md = await request.get(`/api/audit/${tokenization.openlineage!.runId}?format=md`);
  expect(md.headers()['content-type']).toContain('text/markdown');
  expect(md.headers()['content-disposition']).toMatch(/^attachment; filename="audit-[\w.-]+\.md"$/);
  expect(await md.text()).toContain(report.hash.value);

  const missing = await request.get('/api/audit/no-such-run');
  expect(missing.status()).toBe(404);
  expect((await missing.json()).error).toMatch(/openlineage-files.*mlflow/);
  expect((await request.get(`/api/audit/${tokenization.mlflow!.runId}?format=pdf`)).status()).toBe(400);
});

test('the print view hides the navigation and the buttons and shows every section', async ({ page }) => {
  await page.goto(`/runs/${demoRun('e3.filtering').openlineage!.runId}`);
  await page.getByTestId('audit-link').click();
  await expect(page).toHaveURL(/\/audit\//);
  await expect(page.getByTestId('check-succeeded')).toHaveAttribute('data-ok', 'false');
  await expect(page.getByTestId('check-outputs')).toHaveAttribute('data-ok', 'false');
  await expect(page.locator('.app-header')).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.app-header')).toBeHidden();
  await expect(page.getByTestId('audit-download-md')).toBeHidden();
  for (const section of ['audit-checklist', 'audit-identity', 'audit-inputs', 'audit-upstream', 'audit-sources']) await expect(page.getByTestId(section)).toBeVisible();
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
});

test('an unknown audit id is a not-found page naming the sources searched', async ({ page }) => {
  const response = await page.goto('/audit/model:no-such-model/1');
  expect(response?.status()).toBe(404);
  await expect(page.getByTestId('not-found')).toContainText('openlineage-files');
});

test.describe('with the demo events served by a stub Marquez', () => {
  let stub: MarquezStub;
  let app: Awaited<ReturnType<typeof startApp>>;
  test.beforeAll(async () => {
    stub = await startMarquezStub({ events: loadEventsFromFiles([path.resolve('.demo-data', 'openlineage')]) });
    app = await startApp(basePort + 17, { MARQUEZ_URL: stub.url, MLFLOW_TRACKING_URI: demoDb });
  });
  test.afterAll(async () => {
    app?.stop();
    await stub?.close();
  });

  test('the audit walks the chain through Marquez to the raw snapshot, with the versions each run read', async ({ page }) => {
    await page.goto(`${app.base}/audit/model:${model.name}/2`);
    await expect(page.getByTestId('audit-inputs').getByTestId('audit-version')).toHaveText([tokenization.input!.version]);
    await expect(page.getByTestId('audit-upstream').getByTestId('audit-upstream-version')).toHaveText(upstreamVersions);
    await expect(page.getByTestId('check-upstream-complete')).toHaveAttribute('data-ok', 'true');
    await expect(page.getByTestId('audit-sources')).toContainText('marquez');
  });
});

test.describe('with Marquez unreachable', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  test.beforeAll(async () => {
    // A port nothing listens on: taken, then released.
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    app = await startApp(basePort + 18, {
      MARQUEZ_URL: `http://127.0.0.1:${port}`, MARQUEZ_TIMEOUT_MS: '1000',
      OPENLINEAGE_EVENTS: path.resolve('.demo-data', 'openlineage'), MLFLOW_TRACKING_URI: demoDb,
    });
  });
  test.afterAll(() => app?.stop());

  test('the report still comes from the other sources and its checklist names the source that did not answer', async ({ request }) => {
    const response = await request.get(`${app.base}/api/audit/model:${model.name}/2`);
    expect(response.status()).toBe(200);
    const report = await response.json();
    expect(report.inputs.map((d: { version: string }) => d.version)).toEqual([tokenization.input!.version]);
    const reachable = report.completeness.find((c: { id: string }) => c.id === 'sources-reachable');
    expect(reachable.ok).toBe(false);
    expect(reachable.detail).toMatch(/^marquez unavailable/);
    expect(report.sources.find((s: { id: string }) => s.id === 'marquez').status).toBe('unavailable');
  });
});
