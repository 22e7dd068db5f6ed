import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { FAULTS, startFaultProxy, type Fault, type FaultProxy } from '../stubs/faults';
import { loadEventsFromFiles, startMarquezStub } from '../stubs/marquez';
import { startMlflowStub } from '../stubs/mlflow';
import { ENTITY, PROJECT, startWandbStub } from '../stubs/wandb';
import { startApp } from './app-server';

// The fault matrix: each remote source × each way an upstream breaks. Every source sits behind a fault
// proxy; one breaks while the others answer. The run page and runs list must render with a banner
// naming the broken source, what failed and since when; nothing answers 5xx. How long pages take while a
// source hangs is a figure, not a pass/fail here: `npm run bench:load` measures it.
const groot = path.resolve(process.cwd(), '..', 'shared', 'data', 'groot-a');
const expected = JSON.parse(fs.readFileSync(path.join(groot, 'EXPECTED.json'), 'utf8'));
const dedup = expected.executions[0].stages.find((s: { stage: string }) => s.stage === 'deduplication');
const basePort = Number(process.env.E2E_PORT ?? 3100);
// The broken source's deadline; the healthy ones get a long one, so a busy machine starting the app
// never makes them miss it (deadlines are per source).
const DEADLINE_MS = 2000;
const HEALTHY_DEADLINE_MS = 20_000;

interface RemoteSource {
  /** The source id banners name. */
  id: string;
  start(): Promise<{ url: string; close(): Promise<void> }>;
  /** The source's variables, with its deadline. */
  env(url: string, deadlineMs: number): Record<string, string>;
  /** A run the other sources still show while this one is broken. */
  runIdWhileDown: string;
}

// Adding a source to the matrix is one entry here.
const SOURCES: RemoteSource[] = [
  {
    id: 'marquez',
    start: () => startMarquezStub({ events: loadEventsFromFiles([path.join(groot, 'openlineage', 'events.ndjson')]) }),
    env: (url, deadlineMs) => ({ MARQUEZ_URL: url, MARQUEZ_TIMEOUT_MS: String(deadlineMs) }),
    runIdWhileDown: dedup.mlflow_run_id,
  },
  {
    id: 'mlflow',
    start: () => startMlflowStub(),
    env: (url, deadlineMs) => ({ MLFLOW_TRACKING_URI: url, MLFLOW_TIMEOUT_MS: String(deadlineMs) }),
    runIdWhileDown: dedup.openlineage_run_id,
  },
  {
    id: 'wandb',
    start: () => startWandbStub({ apiKey: 'faults-wandb-key' }),
    env: (url, deadlineMs) => ({ WANDB_BASE_URL: url, WANDB_API_KEY: 'faults-wandb-key', WANDB_ENTITY: ENTITY, WANDB_PROJECT: PROJECT, WANDB_TIMEOUT_MS: String(deadlineMs) }),
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

function appEnv(broken: string | null): Record<string, string> {
  return Object.assign({}, ...SOURCES.map((s) => s.env(proxies.get(s.id)?.url ?? '', s.id === broken ? DEADLINE_MS : HEALTHY_DEADLINE_MS)));
}

/** Status of one request; the body for the caller to check. */
async function answer(page: Page, url: string): Promise<{ status: number; text: string }> {
  const response = await page.request.get(url, { maxRedirects: 0, timeout: 30_000 });
  return { status: response.status(), text: await response.text() };
}

let nextPort = 0;
// The cases cycle through eight ports; a port comes round again long after its app stopped.
const appPort = () => basePort + 20 + (nextPort++ % 8);

for (const source of SOURCES) {
  for (const fault of FAULTS) {
    test(`${source.id} ${fault}: pages render with a banner, no 5xx`, async ({ page }) => {
      test.setTimeout(120_000);
      for (const [id, proxy] of proxies) await proxy.setFault(id === source.id ? fault : null);
      // /api/metrics calls no upstream. The app's start-up warm-up makes the first calls; a busy machine
      // loading the app may stall them past the deadline, so wait until the source reports this fault
      // (at once, or at its next refresh) before timing anything.
      const app = await startApp(appPort(), appEnv(source.id), { readyPath: '/api/metrics' });
      try {
        await expect.poll(async () => {
          const body = await (await page.request.get(`${app.base}/api/runs?limit=1`, { timeout: 60_000 })).json();
          return body.unavailableSources.find((f: { source: string }) => f.source === source.id)?.error ?? '';
        }, { timeout: 45_000, intervals: [500, 1000, 2000] }).toMatch(WHAT[fault]);
        const runUrl = `${app.base}/runs/${encodeURIComponent(source.runIdWhileDown)}`;
        // An unknown UUID is looked up in the lineage sources: a call to Marquez (broken or not) on every request.
        const lookup = `${app.base}/api/runs/00000000-0000-4000-8000-000000000000`;
        const urls = [runUrl, `${app.base}/`, `${app.base}/api/runs`, `${app.base}/api/runs/${source.runIdWhileDown}`, lookup, `${app.base}/api/health`, `${app.base}/health`];
        // The first request to a route loads its code (seconds on a busy machine); the second is checked.
        for (const url of urls) await page.request.get(url, { timeout: 60_000 });
        for (const url of urls) expect((await answer(page, url)).status, url).toBe(url === lookup ? 404 : 200);

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

test('a source that stays down is not called once its breaker opens', async ({ page }) => {
  test.setTimeout(120_000);
  const marquez = proxies.get('marquez');
  if (!marquez) throw new Error('no Marquez proxy');
  for (const proxy of proxies.values()) await proxy.setFault(null);
  const app = await startApp(basePort + 28, appEnv('marquez'));
  try {
    // Loaded while healthy (a start-up on a busy machine may miss the first deadline: Marquez is asked again after 10 s).
    await expect.poll(async () => (await (await page.request.get(`${app.base}/api/health`)).json()).sources.find((s: { id: string }) => s.id === 'marquez')?.status, { timeout: 30_000 }).toBe('ok');
    // Then Marquez hangs. Search asks Marquez on every request, so each costs the deadline…
    await marquez.setFault('hang');
    let slow = 0;
    for (; slow < 8; slow++) {
      const r = await answer(page, `${app.base}/api/lineage/search?q=dedup${slow}`);
      expect(r.status).toBe(200);
      const error: string = JSON.parse(r.text).unavailableSources[0]?.error ?? '';
      if (error.includes('not called')) break;
      expect(error).toMatch(new RegExp(`timed out after ${DEADLINE_MS} ms`));
    }
    // …until five failed calls in a row (searches, and a snapshot refresh if one fell due) open the breaker:
    // then Marquez is not called at all (no deadline to wait for).
    expect(slow).toBeGreaterThanOrEqual(1);
    expect(slow).toBeLessThanOrEqual(5);
    const asked = marquez.requests.length;
    const fast = await answer(page, `${app.base}/api/lineage/search?q=dedup-fast`);
    expect(fast.status).toBe(200);
    // Five open it; a call already in flight when it opened (the feed, the health probe) may still count a sixth.
    expect(JSON.parse(fast.text).unavailableSources).toEqual([expect.objectContaining({ source: 'marquez', error: expect.stringMatching(/Marquez: not called .*\b([5-9]|\d\d) calls in a row failed, failing since \d{4}-/) })]);
    expect(marquez.requests.length).toBe(asked);
    const health = await (await page.request.get(`${app.base}/api/health`)).json();
    const breaker = health.breakers.find((b: { source: string }) => b.source === 'Marquez');
    expect(breaker).toMatchObject({ state: 'open' });
    expect(breaker.consecutiveFailures).toBeGreaterThanOrEqual(5);
    expect(health.sources.find((s: { id: string }) => s.id === 'marquez').details.circuitBreaker).toMatch(/^open; ([5-9]|\d\d) failed calls in a row; failing since .*; next try after /);
    const metrics = await (await page.request.get(`${app.base}/api/metrics`)).text();
    expect(metrics).toContain('runlens_circuit_breaker_state{source="Marquez",state="open"} 1');
    expect(metrics).toMatch(/runlens_upstream_errors_total\{source="Marquez",endpoint="\/api\/v1\/search",kind="unavailable"\} [1-9]/);
    expect(metrics).toMatch(/runlens_upstream_errors_total\{source="Marquez",endpoint="\/api\/v1\/search",kind="timeout"\} [1-9]/);
  } finally {
    await app.stop();
    await marquez.setFault(null);
  }
});
