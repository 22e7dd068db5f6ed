import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { FAULTS, startFaultProxy, type Fault, type FaultProxy } from '../stubs/faults';
import { loadEventsFromFiles, startMarquezStub } from '../stubs/marquez';
import { startMlflowStub } from '../stubs/mlflow';
import { startApp } from './app-server';

// The fault matrix: each remote source × each way an upstream breaks. Every source sits behind a fault
// proxy; one breaks while the others answer. The run page and runs list must render with a banner
// naming the broken source, what failed and since when; nothing answers 5xx or outlasts the deadline by 1 s.
const groot = path.resolve(process.cwd(), '..', 'shared', 'data', 'groot-a');
const expected = JSON.parse(fs.readFileSync(path.join(groot, 'EXPECTED.json'), 'utf8'));
const dedup = expected.executions[0].stages.find((s: { stage: string }) => s.stage === 'deduplication');
const basePort = Number(process.env.E2E_PORT ?? 3100);
// Small, but not so small that a healthy stub misses it while the app is still starting on a busy machine.
const DEADLINE_MS = 2500;
const SLACK_MS = 1000;

interface RemoteSource {
  /** The source id banners name. */
  id: string;
  start(): Promise<{ url: string; close(): Promise<void> }>;
  env(url: string): Record<string, string>;
  /** A run the other sources still show while this one is broken. */
  runIdWhileDown: string;
}

// Adding a source to the matrix is one entry here.
const SOURCES: RemoteSource[] = [
  {
    id: 'marquez',
    start: () => startMarquezStub({ events: loadEventsFromFiles([path.join(groot, 'openlineage', 'events.ndjson')]) }),
    env: (url) => ({ MARQUEZ_URL: url, MARQUEZ_TIMEOUT_MS: String(DEADLINE_MS) }),
    runIdWhileDown: dedup.mlflow_run_id,
  },
  {
    id: 'mlflow',
    start: () => startMlflowStub(),
    env: (url) => ({ MLFLOW_TRACKING_URI: url, MLFLOW_TIMEOUT_MS: String(DEADLINE_MS) }),
    runIdWhileDown: dedup.openlineage_run_id,
  },
];

// What the banner must say for each fault (the error text comes from lib/http).
const WHAT: Record<Fault, RegExp> = {
  refused: /connection refused \(ECONNREFUSED\)/,
  hang: new RegExp(`timed out after ${DEADLINE_MS} ms`),
  'http-500': /answered HTTP 500: injected fault: internal error/,
  'malformed-json': /returned invalid JSON/,
  'http-401': /was refused \(HTTP 401: Unauthorized\)/,
};

const stubs: Array<{ close(): Promise<void> }> = [];
const proxies = new Map<string, FaultProxy>();

test.beforeAll(async () => {
  for (const source of SOURCES) {
    const stub = await source.start();
    stubs.push(stub);
    proxies.set(source.id, await startFaultProxy(stub.url));
  }
});
test.afterAll(async () => {
  for (const proxy of proxies.values()) await proxy.close();
  for (const stub of stubs) await stub.close();
});

function appEnv(): Record<string, string> {
  return Object.assign({}, ...SOURCES.map((s) => s.env(proxies.get(s.id)?.url ?? '')));
}

/** Status and time of one request; the body for the caller to check. */
async function timed(page: Page, url: string): Promise<{ status: number; ms: number; text: string }> {
  const started = Date.now();
  const response = await page.request.get(url, { maxRedirects: 0, timeout: 30_000 });
  const text = await response.text();
  return { status: response.status(), ms: Date.now() - started, text };
}

let nextPort = 0;
// Ten cases cycle through eight ports; a port comes round again long after its app stopped.
const appPort = () => basePort + 20 + (nextPort++ % 8);

for (const source of SOURCES) {
  for (const fault of FAULTS) {
    test(`${source.id} ${fault}: pages render with a banner, no 5xx, within the deadline + 1 s`, async ({ page }) => {
      for (const [id, proxy] of proxies) await proxy.setFault(id === source.id ? fault : null);
      // /api/metrics calls no upstream: the first upstream call is the app's own warm-up or the pages below.
      const app = await startApp(appPort(), appEnv(), { readyPath: '/api/metrics' });
      try {
        const runUrl = `${app.base}/runs/${encodeURIComponent(source.runIdWhileDown)}`;
        const urls = [runUrl, `${app.base}/`, `${app.base}/api/runs`, `${app.base}/api/runs/${source.runIdWhileDown}`, `${app.base}/api/health`, `${app.base}/health`];
        for (const url of urls) {
          const r = await timed(page, url);
          expect(r.status, url).toBe(200);
          expect(r.ms, `${url} took ${r.ms} ms`).toBeLessThan(DEADLINE_MS + SLACK_MS);
        }

        for (const url of [runUrl, `${app.base}/`]) {
          await page.goto(url);
          const banner = page.getByTestId('source-unavailable').filter({ hasText: `${source.id} is unavailable` });
          await expect(banner).toHaveCount(1);
          await expect(banner).toContainText(WHAT[fault]);
          await expect(banner.getByTestId('source-unavailable-since')).toHaveText(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
          // Only the broken source has a banner: the others answered.
          await expect(page.getByTestId('source-unavailable')).toHaveCount(1);
        }
        await expect(page.getByTestId('run-row').first()).toBeVisible();

        const runs = await (await page.request.get(`${app.base}/api/runs`)).json();
        expect(runs.unavailableSources).toEqual([expect.objectContaining({ source: source.id, error: expect.stringMatching(WHAT[fault]) })]);
        expect(runs.runs.length).toBeGreaterThan(0);

        const health = await (await page.request.get(`${app.base}/api/health`)).json();
        const card = health.sources.find((s: { id: string }) => s.id === source.id);
        expect(card.status).toBe('unavailable');
        expect(card.details.circuitBreaker).toMatch(/^(closed|open|half-open)(; .*)?failing since \d{4}-/);
        expect(health.breakers.map((b: { failingSince: string | null }) => b.failingSince !== null)).toContain(true);
      } finally {
        await app.stop();
      }
    });
  }
}

test('a source that stays down costs one fast failure once its breaker opens', async ({ page }) => {
  const marquez = proxies.get('marquez');
  if (!marquez) throw new Error('no Marquez proxy');
  for (const proxy of proxies.values()) await proxy.setFault(null);
  // Loaded while healthy and warm, so a 1 s deadline is only missed by the hang.
  const app = await startApp(basePort + 28, { ...appEnv(), MARQUEZ_TIMEOUT_MS: '1000' });
  try {
    // Loaded while healthy; then Marquez hangs. Search asks Marquez on every request, so each costs the deadline…
    expect((await page.request.get(`${app.base}/api/lineage/search?q=dedup`)).status()).toBe(200);
    await marquez.setFault('hang');
    for (let i = 0; i < 5; i++) {
      const r = await timed(page, `${app.base}/api/lineage/search?q=dedup${i}`);
      expect(r.status).toBe(200);
      expect(JSON.parse(r.text).unavailableSources).toEqual([expect.objectContaining({ source: 'marquez', error: expect.stringMatching(/timed out/) })]);
    }
    // …until five failed calls in a row open the breaker: then Marquez is not called at all.
    const asked = marquez.requests.length;
    const fast = await timed(page, `${app.base}/api/lineage/search?q=dedup-fast`);
    expect(fast.status).toBe(200);
    expect(fast.ms).toBeLessThan(500);
    expect(JSON.parse(fast.text).unavailableSources).toEqual([expect.objectContaining({ source: 'marquez', error: expect.stringMatching(/Marquez: not called .*5 calls in a row failed, failing since \d{4}-/) })]);
    expect(marquez.requests.length).toBe(asked);
    const health = await (await page.request.get(`${app.base}/api/health`)).json();
    expect(health.breakers).toContainEqual(expect.objectContaining({ source: 'Marquez', state: 'open', consecutiveFailures: 5 }));
    const metrics = await (await page.request.get(`${app.base}/api/metrics`)).text();
    expect(metrics).toContain('runlens_circuit_breaker_state{source="Marquez",state="open"} 1');
    expect(metrics).toMatch(/runlens_upstream_errors_total\{source="Marquez",endpoint="\/api\/v1\/search",kind="unavailable"\} [1-9]/);
  } finally {
    await app.stop();
    await marquez.setFault(null);
  }
});
