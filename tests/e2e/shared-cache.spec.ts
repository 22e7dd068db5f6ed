import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startMarquezStub, type MarquezStub } from '../stubs/marquez';
import { startMlflowStub, type MlflowStub } from '../stubs/mlflow';
import { startRedisServer, type RedisServer } from '../stubs/redis-server';
import { WIDE_RUN_ID, wideRunEvents, writeWideRunRecordings } from '../stubs/wide-run';
import { startApp } from './app-server';
import { isPerRun } from './upstream-requests';

// Issue #6 §2: replicas behind a load balancer share one cache on a real redis-server.
const basePort = Number(process.env.E2E_PORT ?? 3100);

let redis: RedisServer;
let marquez: MarquezStub;
let mlflow: MlflowStub;
let recordings: string;
const apps: Array<Awaited<ReturnType<typeof startApp>>> = [];
const perRun = () => [...marquez.requests, ...mlflow.requests].filter(isPerRun).length;

test.beforeAll(async () => {
  redis = await startRedisServer();
  recordings = writeWideRunRecordings(fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-wide-')));
  marquez = await startMarquezStub({ events: wideRunEvents() });
  mlflow = await startMlflowStub({ recordings });
});
test.afterAll(async () => {
  for (const app of apps) app.stop();
  await marquez?.close();
  await mlflow?.close();
  await redis?.stop();
  fs.rmSync(recordings, { recursive: true, force: true });
});

async function replica(offset: number, redisUrl: string) {
  const app = await startApp(basePort + offset, { MARQUEZ_URL: marquez.url, MLFLOW_TRACKING_URI: mlflow.url, REDIS_URL: redisUrl });
  apps.push(app);
  return app;
}

/** The value once it stopped changing for a second (polled every 250 ms, 30 s at most). */
async function settled(read: () => number | Promise<number>): Promise<number> {
  let last = await read();
  let stableSince = Date.now();
  for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = await read();
    if (now !== last) [last, stableSince] = [now, Date.now()];
    else if (Date.now() - stableSince >= 1_000) return now;
  }
  throw new Error(`still changing after 30 s (last ${last})`);
}

async function view(base: string): Promise<string> {
  const response = await fetch(`${base}/runs/${WIDE_RUN_ID}`);
  expect(response.status).toBe(200);
  return response.text();
}

test('a second replica serves the run page from the shared cache: no new per-run upstream requests', async () => {
  const [first, second] = await Promise.all([replica(41, redis.url), replica(42, redis.url)]);
  const html = await view(first.base);
  expect(html).toContain('wide.train');
  // The first replica may still finish a history past the page's deadline, and writes to Redis without holding
  // its response for it: both settle before the second replica is asked.
  const loaded = await settled(perRun);
  expect(loaded).toBeGreaterThan(0);
  await settled(() => redis.keyCount());
  expect(await view(second.base)).toContain('wide.train');
  expect(perRun()).toBe(loaded);
  const health = await (await fetch(`${second.base}/api/health`)).json();
  expect(health.cache).toMatchObject({ kind: 'memory+redis', status: 'ok' });
});

test('a Redis that is down costs upstream calls, never a page: /health names it', async ({ page }) => {
  const app = await replica(43, 'redis://127.0.0.1:1');
  expect(await view(app.base)).toContain('wide.train');
  await page.goto(`${app.base}/health`);
  await expect(page.getByTestId('cache-health')).toContainText('degraded');
  await expect(page.getByTestId('cache-health').getByRole('alert')).toContainText('Redis');
});
