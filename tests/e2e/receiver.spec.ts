import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { expect, test } from '@playwright/test';
import { startApp } from './app-server';
import { demoRun } from './demo-manifest';

// The OpenLineage receiver: the demo's events POSTed as the HTTP transport sends them, with no event
// files configured, join the demo's MLflow runs and show on run, job and dataset pages.
const basePort = Number(process.env.E2E_PORT ?? 3100);
const TOKEN = 'receiver-e2e-token';
const EVENTS_DIR = path.resolve('.demo-data', 'openlineage');
const MLFLOW = `sqlite:///${path.resolve('.demo-data', 'mlflow.db')}`;
const dedup = demoRun('e2.deduplication');

/** The demo's events as the file transport wrote them, one JSON event per file, in emission order. */
const demoEvents = (): Array<Record<string, unknown>> => fs.readdirSync(EVENTS_DIR).filter((f) => f.endsWith('.json')).sort()
  .map((f) => JSON.parse(fs.readFileSync(path.join(EVENTS_DIR, f), 'utf8')) as Record<string, unknown>);

/** A POST as the transport makes it: JSON, optional gzip, `Authorization: Bearer <api_key>`. */
function send(base: string, body: string | Uint8Array<ArrayBuffer>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${base}/api/v1/lineage`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
}
const bearer = { authorization: `Bearer ${TOKEN}` };

test.describe('the OpenLineage receiver with RUNLENS_INGEST_TOKEN', () => {
  let app: { base: string; stop: () => Promise<void> };
  test.beforeAll(async () => {
    app = await startApp(basePort + 1, { MLFLOW_TRACKING_URI: MLFLOW, RUNLENS_INGEST_TOKEN: TOKEN });
  });
  test.afterAll(() => app?.stop());

  test('refuses without the token, malformed events with their place and field, and bodies past 5 MB', async () => {
    const [first] = demoEvents();
    for (const headers of [{}, { authorization: 'Bearer nope' }] as Array<Record<string, string>>) {
      const response = await send(app.base, JSON.stringify(first), headers);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
    const batch = [first, { ...first, run: { runId: 'not-a-uuid' } }];
    const bad = await send(app.base, JSON.stringify(batch), bearer);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/event 1 of the batch .*run\.runId: must be a UUID/);
    const huge = await send(app.base, Buffer.alloc(6 * 1024 * 1024, 0x20), bearer);
    expect(huge.status).toBe(413);
    // Nothing refused was stored; the receiver is listed (a token is set) with no events yet.
    const health = await (await fetch(`${app.base}/api/health`)).json();
    expect(health.sources.find((s: { id: string }) => s.id === 'openlineage-receiver')?.counts).toMatchObject({ events: 0 });
  });

  test('stores the demo events (single and gzip batch) and the run page joins them with MLflow', async ({ page }) => {
    const events = demoEvents();
    const half = Math.floor(events.length / 2);
    for (const event of events.slice(0, half)) expect((await send(app.base, JSON.stringify(event), bearer)).status).toBe(201);
    const gzipped = await send(app.base, zlib.gzipSync(JSON.stringify(events.slice(half))), { ...bearer, 'content-encoding': 'gzip' });
    expect(gzipped.status).toBe(201);
    expect(await gzipped.json()).toMatchObject({ stored: events.length - half });

    // Counts follow the receiver's snapshot, refreshed at most every RUNLENS_REFRESH_INTERVAL_MS.
    await expect.poll(async () => {
      const health = await (await fetch(`${app.base}/api/health`)).json();
      return health.sources.find((s: { id: string }) => s.id === 'openlineage-receiver')?.counts;
    }, { timeout: 10_000 }).toMatchObject({ events: events.length, runEvents: events.length, otherEvents: 0 });

    await page.goto(`${app.base}/runs/${dedup.openlineage!.runId}`);
    await expect(page.getByTestId('run-title')).toContainText(dedup.openlineage!.job);
    await expect(page.getByTestId('link-rule')).toHaveText(dedup.rule!);
    // The MLflow side: its params and a metric history drawn from the demo mlflow.db.
    await expect(page.getByTestId('params')).toContainText('similarity_threshold');
    await expect(page.getByTestId('metric-chart').first().locator('path.recharts-line-curve')).toBeVisible();
    // The MLflow id opens the same joined run.
    await page.goto(`${app.base}/runs/${dedup.mlflow!.runId}`);
    await expect(page.getByTestId('link-rule')).toHaveText(dedup.rule!);

    await page.goto(`${app.base}/jobs/groot-data-etl/${encodeURIComponent(dedup.openlineage!.job)}`);
    await expect(page.getByTestId('job-run-row')).toHaveCount(3);
    await expect(page.getByTestId('job-run-row').first().getByTestId('job-run-link')).toContainText(demoRun('e3.deduplication').rule!);

    await page.goto(`${app.base}/datasets/${encodeURIComponent('s3://bucket')}/${encodeURIComponent('groot/staging/loaded')}`);
    await expect(page.getByTestId('dataset-version-row')).toHaveCount(3);
  });
});

test.describe('the receiver and dashboard auth', () => {
  const user = 'ops';
  const password = 'pa55-word';
  const basic = { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` };

  test('with a token, pipelines need only the token while the dashboard still needs its password', async () => {
    const app = await startApp(basePort + 2, { RUNLENS_AUTH: 'basic', RUNLENS_AUTH_USER: user, RUNLENS_AUTH_PASSWORD: password, RUNLENS_INGEST_TOKEN: TOKEN }, { readyPath: '/api/live' });
    try {
      const [first] = demoEvents();
      expect((await send(app.base, JSON.stringify(first), bearer)).status).toBe(201);
      expect((await send(app.base, JSON.stringify(first), basic)).status).toBe(401);
      expect((await fetch(`${app.base}/api/health`)).status).toBe(401);
      expect((await fetch(`${app.base}/api/health`, { headers: basic })).status).toBe(200);
    } finally {
      await app.stop();
    }
  });

  test('without a token, the receiver follows dashboard auth like every route', async () => {
    const app = await startApp(basePort + 3, { RUNLENS_AUTH: 'basic', RUNLENS_AUTH_USER: user, RUNLENS_AUTH_PASSWORD: password }, { readyPath: '/api/live' });
    try {
      const [first] = demoEvents();
      const refused = await send(app.base, JSON.stringify(first), { authorization: 'Bearer anything' });
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toMatch(/^Basic/);
      expect((await send(app.base, JSON.stringify(first), basic)).status).toBe(201);
    } finally {
      await app.stop();
    }
  });
});
