import { spawnSync } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { appRoutes, fillRoute } from './app-routes';
import { demoRun } from './demo-manifest';
import { startStandalone, type StandaloneApp } from './standalone-app';

// With auth on, every page and API route found in app/ refuses a request without credentials; only /api/live answers.
// Runs the standalone server the Docker image runs, on the demo data.
const basePort = Number(process.env.E2E_PORT ?? 3100);
const demo = {
  OPENLINEAGE_EVENTS: path.resolve('.demo-data', 'openlineage'),
  MLFLOW_TRACKING_URI: `sqlite:///${path.resolve('.demo-data', 'mlflow.db')}`,
};
const dedup = demoRun('e2.deduplication').openlineage!;
const routes = appRoutes().filter((r) => r.pattern !== '/api/live');
const urls = routes.map((r) => fillRoute(r.pattern, { id: dedup.runId, namespace: dedup.namespace, name: dedup.job }));

test('the crawl finds the routes it must protect', () => {
  expect(routes.map((r) => r.pattern)).toEqual(expect.arrayContaining(['/', '/runs/[...id]', '/lineage', '/health', '/api/health', '/api/runs', '/api/runs/[...id]']));
});

test.describe('basic auth', () => {
  let app: StandaloneApp;
  const user = 'ops';
  const password = 'tr0ub4dor&3';
  test.beforeAll(async () => {
    const hash = spawnSync(process.execPath, ['scripts/auth-hash.mjs'], { input: password, encoding: 'utf8' }).stdout.trim();
    app = await startStandalone(basePort + 30, { ...demo, RUNLENS_AUTH: 'basic', RUNLENS_AUTH_USER: user, RUNLENS_AUTH_PASSWORD_HASH: hash });
  });
  test.afterAll(() => app?.stop());

  test('with credentials every route answers', async ({ request }) => {
    const authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    for (const url of urls) {
      const status = (await request.get(`${app.base}${url}`, { headers: { authorization }, maxRedirects: 0 })).status();
      expect(status, url).not.toBe(401);
      expect(status, url).not.toBe(429);
      expect(status, url).toBeLessThan(500);
    }
  });

  test('/api/live stays open and says only "ok"', async ({ request }) => {
    const response = await request.get(`${app.base}/api/live`);
    expect(response.status()).toBe(200);
    expect(await response.text()).toBe('ok');
  });

  test('a browser that signs in uses the whole app', async ({ browser }) => {
    const context = await browser.newContext({ httpCredentials: { username: user, password } });
    const page = await context.newPage();
    await page.goto(`${app.base}/`);
    await expect(page.getByTestId('run-row').first()).toBeVisible();
    await page.goto(`${app.base}/runs/${dedup.runId}`);
    await expect(page.getByTestId('metric-chart').first()).toBeVisible();
    await page.goto(`${app.base}/lineage?node=${encodeURIComponent(`job:${encodeURIComponent(dedup.namespace)}:${encodeURIComponent(dedup.job)}`)}`);
    await expect(page.getByTestId('explorer-node').first()).toBeVisible();
    await context.close();
  });

  // Last: its wrong passwords lock this address out for a minute (login throttle), as they should.
  test('every route without credentials, or with wrong ones, is 401 with a Basic challenge', async ({ request }) => {
    const wrong = `Basic ${Buffer.from(`${user}:guess`).toString('base64')}`;
    for (const url of urls) {
      for (const headers of [{}, { authorization: wrong }, { rsc: '1' }] as Array<Record<string, string>>) {
        const response = await request.get(`${app.base}${url}`, { headers, maxRedirects: 0 });
        // Wrong passwords: after 10 failures from one address the login throttle answers 429 (hardening.spec.ts).
        const expected = headers.authorization === wrong ? [401, 429] : [401];
        expect(expected, `${url} ${JSON.stringify(headers)}`).toContain(response.status());
        if (response.status() === 401) expect(response.headers()['www-authenticate'], url).toMatch(/^Basic realm="Runlens"/);
        else expect(Number(response.headers()['retry-after']), url).toBeGreaterThan(0);
        expect(await response.text(), url).not.toContain(dedup.job);
      }
    }
  });
});

/** A GET from a chosen loopback address (127.0.0.2 is a different peer than 127.0.0.1 on Linux). */
function getFrom(localAddress: string, url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    http.get(url, { localAddress, headers }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    }).on('error', reject);
  });
}

test.describe('proxy auth', () => {
  let app: StandaloneApp;
  test.beforeAll(async () => {
    app = await startStandalone(basePort + 31, { ...demo, RUNLENS_AUTH: 'proxy', RUNLENS_AUTH_TRUSTED_PROXIES: '127.0.0.1', RUNLENS_AUTH_PROXY_HEADER: 'X-Auth-User' });
  });
  test.afterAll(() => app?.stop());

  test('the user header counts only from a trusted proxy address', async () => {
    for (const url of urls) {
      expect(await getFrom('127.0.0.1', `${app.base}${url}`, {}), `${url} without the header`).toBe(401);
      // Another peer cannot borrow the proxy's address through X-Forwarded-For or our own stamp header.
      const spoofed = { 'x-auth-user': 'mallory', 'x-forwarded-for': '127.0.0.1', 'x-runlens-peer-address': '127.0.0.1' };
      expect(await getFrom('127.0.0.2', `${app.base}${url}`, spoofed), `${url} from an untrusted peer`).toBe(401);
      const status = await getFrom('127.0.0.1', `${app.base}${url}`, { 'x-auth-user': 'alice' });
      expect(status, `${url} through the proxy`).not.toBe(401);
      expect(status, url).toBeLessThan(500);
    }
    expect(await getFrom('127.0.0.2', `${app.base}/api/live`, {})).toBe(200);
  });
});

test('misconfigured auth refuses everything but /api/live, and says why', async ({ request }) => {
  const app = await startStandalone(basePort + 32, { ...demo, RUNLENS_AUTH: 'basic', RUNLENS_AUTH_USER: 'ops' });
  try {
    const health = await request.get(`${app.base}/api/health`);
    expect(health.status()).toBe(503);
    expect((await health.json()).error).toContain('RUNLENS_AUTH_PASSWORD_HASH');
    expect((await request.get(`${app.base}/`)).status()).toBe(503);
    expect((await request.get(`${app.base}/api/live`)).status()).toBe(200);
    expect(app.output()).toContain('RUNLENS_AUTH_PASSWORD_HASH');
  } finally {
    app.stop();
  }
});
