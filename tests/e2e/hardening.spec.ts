import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { demoRun } from './demo-manifest';
import { startStandalone, type StandaloneApp } from './standalone-app';

// Issue #13 against the server the Docker image runs: auth holds for on-demand revalidation requests, bad
// request lines get 400/405 with the security headers (not 500 stack traces), login floods get 429s, and
// every response carries COOP/CORP (HSTS over TLS); the prerendered error page's scripts are allowed by hash.
const basePort = Number(process.env.E2E_PORT ?? 3100);
const demo = {
  OPENLINEAGE_EVENTS: path.resolve('.demo-data', 'openlineage'),
  MLFLOW_TRACKING_URI: `sqlite:///${path.resolve('.demo-data', 'mlflow.db')}`,
};
const dedup = demoRun('e2.deduplication').openlineage!;
const user = 'ops';
const password = 'correct horse battery staple';
const authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
let app: StandaloneApp;

test.beforeAll(async () => {
  const hash = spawnSync(process.execPath, ['scripts/auth-hash.mjs'], { input: password, encoding: 'utf8' }).stdout.trim();
  app = await startStandalone(basePort + 41, { ...demo, RUNLENS_AUTH: 'basic', RUNLENS_AUTH_USER: user, RUNLENS_AUTH_PASSWORD_HASH: hash });
});
test.afterAll(() => app?.stop());

/** A raw request line (Node's client would not send `*` or TRACE bodies the way an attacker does). */
function raw(line: string, headers = ''): Promise<string> {
  const { port } = new URL(app.base);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1', () => socket.write(`${line}\r\nHost: 127.0.0.1\r\n${headers}Connection: close\r\n\r\n`));
    let text = '';
    socket.on('data', (chunk) => (text += chunk));
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
  });
}

test('x-prerender-revalidate with the shipped previewModeId does not skip auth', async ({ request }) => {
  const manifest = JSON.parse(fs.readFileSync(path.join('.next', 'prerender-manifest.json'), 'utf8'));
  const previewModeId: string = manifest.preview.previewModeId;
  expect(previewModeId).toMatch(/^[0-9a-f]{16,}$/);
  for (const url of ['/api/runs', `/runs/${dedup.runId}`, '/health', '/api/health', `/api/audit/${dedup.runId}`]) {
    const response = await request.get(`${app.base}${url}`, { headers: { 'x-prerender-revalidate': previewModeId }, maxRedirects: 0 });
    expect(response.status(), url).toBe(401);
    expect(await response.text(), url).not.toContain(dedup.job);
  }
});

test('TRACE, a `*` target and invalid percent-encoding get 400/405 with the security headers, before auth', async ({ request }) => {
  const trace = await raw('TRACE /api/runs HTTP/1.1');
  expect(trace).toMatch(/^HTTP\/1\.1 405 /);
  const star = await raw('OPTIONS * HTTP/1.1');
  expect(star).toMatch(/^HTTP\/1\.1 400 /);
  for (const text of [trace, star]) {
    expect(text).toMatch(/x-content-type-options: nosniff/i);
    expect(text).toMatch(/x-frame-options: DENY/i);
    expect(text).not.toMatch(/ at |node_modules|Error:/);
  }
  for (const url of ['/api/runs/%ff', '/runs/%ff', '/runs/%E0%A4%A', '/jobs/%/x']) {
    const response = await request.get(`${app.base}${url}`, { headers: { authorization } });
    expect(response.status(), url).toBe(400);
    expect(response.headers()['x-content-type-options'], url).toBe('nosniff');
  }
  // Counted, by reason, on /api/metrics.
  const metrics = await (await request.get(`${app.base}/api/metrics`, { headers: { authorization } })).text();
  expect(metrics).toMatch(/runlens_requests_rejected_total\{reason="method"\} [1-9]/);
  expect(metrics).toMatch(/runlens_requests_rejected_total\{reason="encoding"\} [1-9]/);
  expect(metrics).toMatch(/^nodejs_eventloop_lag_seconds /m);
});

test('every response has COOP and CORP, HSTS only behind TLS, and the error page scripts are allowed by hash', async ({ request }) => {
  for (const url of ['/', '/api/live', '/_next/static/does-not-exist.js']) {
    const headers = (await request.get(`${app.base}${url}`, { headers: { authorization } })).headers();
    expect(headers['cross-origin-opener-policy'], url).toBe('same-origin');
    expect(headers['cross-origin-resource-policy'], url).toBe('same-origin');
    expect(headers['strict-transport-security'], url).toBeUndefined();
  }
  const tls = await request.get(`${app.base}/api/live`, { headers: { 'x-forwarded-proto': 'https' } });
  expect(tls.headers()['strict-transport-security']).toMatch(/max-age=\d+/);
  const page = await request.get(`${app.base}/_global-error`, { headers: { authorization } });
  const csp = page.headers()['content-security-policy'] ?? '';
  const html = await page.text();
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '');
  expect(inline.length).toBeGreaterThan(0);
  const { createHash } = await import('node:crypto');
  for (const body of inline) expect(csp).toContain(`'sha256-${createHash('sha256').update(body).digest('base64')}'`);
});

// How long the valid login waits during the flood is a figure, not a pass/fail here: `npm run bench:load` measures it.
test('a flood of wrong passwords gets 429 with Retry-After, and a valid login during it is let in', async () => {
  const { port } = new URL(app.base);
  const get = (auth: string, localAddress: string) => new Promise<{ status: number; retryAfter: string | undefined }>((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: '/api/metrics', localAddress, headers: { authorization: auth } }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode ?? 0, retryAfter: response.headers['retry-after'] }));
    }).on('error', reject);
  });
  // A fresh credential each time (an accepted one is cached): the valid login below pays its own scrypt.
  await get(`Basic ${Buffer.from(`${user}:warm-up`).toString('base64')}`, '127.0.0.5');
  const wrong = (i: number) => `Basic ${Buffer.from(`${user}:guess-${i}`).toString('base64')}`;
  const flood = Array.from({ length: 300 }, (_, i) => get(wrong(i), '127.0.0.9'));
  await new Promise((resolve) => setTimeout(resolve, 50));
  const valid = await get(authorization, '127.0.0.1');
  const answers = await Promise.all(flood);
  expect(valid.status).toBe(200);
  const limited = answers.filter((a) => a.status === 429);
  expect(limited.length).toBeGreaterThan(250);
  for (const a of limited) expect(Number(a.retryAfter)).toBeGreaterThan(0);
  expect(answers.every((a) => a.status === 401 || a.status === 429)).toBe(true);
});

test('ids are percent-decoded once, the same on pages and in the API', async ({ request }) => {
  const hex = dedup.runId.charCodeAt(0).toString(16);
  const once = `%${hex}${dedup.runId.slice(1)}`;
  const twice = `%25${hex}${dedup.runId.slice(1)}`;
  for (const prefix of ['/runs/', '/api/runs/', '/audit/', '/api/audit/']) {
    expect((await request.get(`${app.base}${prefix}${once}`, { headers: { authorization } })).status(), `${prefix}${once}`).toBe(200);
    expect((await request.get(`${app.base}${prefix}${twice}`, { headers: { authorization } })).status(), `${prefix}${twice}`).toBe(404);
  }
});
