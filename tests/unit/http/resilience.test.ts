import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createServer as createHttps, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { breakerFor } from '@/lib/http/breaker';
import { fetchJson } from '@/lib/http/fetch-json';
import { setLogSink } from '@/lib/observability/log';
import { renderMetrics } from '@/lib/observability/metrics';
import { caught } from '../caught';
import { json, scriptedServer } from './scripted-server';

// Deadlines, idempotent POSTs, the circuit breaker, per-source TLS, and what every call leaves in metrics and logs.
const server = scriptedServer();

const okSchema = z.looseObject({ ok: z.boolean() });


describe('idempotent POSTs', () => {
  it('retries a POST marked idempotent (a search that only reads), with the same body', async () => {
    const bodies: string[] = [];
    server.handler = (req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        bodies.push(raw);
        if (bodies.length < 3) json(res, 503, { message: 'busy' });
        else json(res, 200, { ok: true });
      });
    };
    const value = await fetchJson({ url: `${server.base}/runs/search`, method: 'POST', idempotent: true, body: { q: 1 }, schema: okSchema, source: 'Idem', timeoutMs: 2000, retries: 2, backoffMs: 5 });
    expect(value.ok).toBe(true);
    expect(bodies).toEqual(['{"q":1}', '{"q":1}', '{"q":1}']);
  });

  it('still sends a plain POST once', async () => {
    server.handler = (_req, res) => json(res, 503, { message: 'busy' });
    await caught(fetchJson({ url: `${server.base}/write`, method: 'POST', body: {}, schema: okSchema, source: 'Idem', timeoutMs: 2000, retries: 2, backoffMs: 5 }));
    expect(server.hits).toHaveLength(1);
  });
});

describe('one deadline per call', () => {
  it('covers the retries: a server that hangs costs the deadline once, not once per attempt', async () => {
    server.handler = () => {
      // never answers
    };
    const started = performance.now();
    const error = await caught(fetchJson({ url: `${server.base}/hang`, schema: okSchema, source: 'Slow', timeoutMs: 300, retries: 3, backoffMs: 5 }));
    const took = performance.now() - started;
    expect(error.kind).toBe('timeout');
    expect(error.message).toBe('Slow: GET /hang timed out after 300 ms');
    expect(server.hits).toHaveLength(1);
    expect(took).toBeGreaterThanOrEqual(290);
    expect(took).toBeLessThan(700);
  });

  it('does not start a backoff wait that would end past the deadline', async () => {
    server.handler = (_req, res) => json(res, 500, { message: 'boom' });
    const started = performance.now();
    await caught(fetchJson({ url: `${server.base}/boom`, schema: okSchema, source: 'Slow', timeoutMs: 400, retries: 5, backoffMs: 300 }));
    // attempt, wait 150–300 ms, attempt; the next wait (300–600 ms) would pass 400 ms, so it stops.
    expect(server.hits).toHaveLength(2);
    // Margin for a busy machine; a third attempt would also show in server.hits.
    expect(performance.now() - started).toBeLessThan(700);
  });
});

describe('circuit breaker', () => {
  it('after N failed calls the next fails fast with kind unavailable, naming the source and since when', async () => {
    server.handler = (_req, res) => json(res, 500, { message: 'db down' });
    breakerFor('Flaky', { failureThreshold: 2, cooldownMs: 60_000 });
    for (let i = 0; i < 2; i++) await caught(fetchJson({ url: `${server.base}/x`, schema: okSchema, source: 'Flaky', timeoutMs: 1000, retries: 1, backoffMs: 5 }));
    expect(server.hits).toHaveLength(4);
    const error = await caught(fetchJson({ url: `${server.base}/x`, schema: okSchema, source: 'Flaky', timeoutMs: 1000 }));
    // Failing fast is not calling at all: the server heard nothing more.
    expect(server.hits).toHaveLength(4);
    expect(error.kind).toBe('unavailable');
    expect(error.failingSince).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(error.message).toMatch(/^Flaky: not called \(GET \/x\): 2 calls in a row failed, failing since \d{4}-.*; the next try is after \d{4}-.*\. Last error: Flaky: GET \/x answered HTTP 500: db down \(after 2 attempts\)$/);
  });

  it('half-open: one probe after the cool-down; its success closes the breaker', async () => {
    let up = false;
    server.handler = (_req, res) => (up ? json(res, 200, { ok: true }) : json(res, 503, { message: 'down' }));
    breakerFor('Probe', { failureThreshold: 1, cooldownMs: 100 });
    await caught(fetchJson({ url: `${server.base}/p`, schema: okSchema, source: 'Probe', timeoutMs: 1000 }));
    expect((await caught(fetchJson({ url: `${server.base}/p`, schema: okSchema, source: 'Probe', timeoutMs: 1000 }))).kind).toBe('unavailable');
    up = true;
    await new Promise((r) => setTimeout(r, 120));
    expect(await fetchJson({ url: `${server.base}/p`, schema: okSchema, source: 'Probe', timeoutMs: 1000 })).toEqual({ ok: true });
    expect(breakerFor('Probe').view().state).toBe('closed');
    expect(server.hits).toHaveLength(2);
  });

  it('is per source: another upstream keeps working', async () => {
    server.handler = (_req, res) => json(res, 200, { ok: true });
    breakerFor('Dead', { failureThreshold: 1 }).failed('gone');
    expect((await caught(fetchJson({ url: `${server.base}/a`, schema: okSchema, source: 'Dead', timeoutMs: 1000 }))).kind).toBe('unavailable');
    expect(await fetchJson({ url: `${server.base}/a`, schema: okSchema, source: 'Alive', timeoutMs: 1000 })).toEqual({ ok: true });
  });

  it('does not count 404, 401 or garbage towards opening (the upstream answered)', async () => {
    let n = 0;
    server.handler = (_req, res) => {
      n += 1;
      if (n % 3 === 0) json(res, 404, { message: 'no such run' });
      else if (n % 3 === 1) json(res, 401, { message: 'who?' });
      else res.end('{not json');
    };
    breakerFor('Answers', { failureThreshold: 1 });
    for (let i = 0; i < 6; i++) await caught(fetchJson({ url: `${server.base}/q`, schema: okSchema, source: 'Answers', timeoutMs: 1000 }));
    expect(breakerFor('Answers').view().state).toBe('closed');
    expect(server.hits).toHaveLength(6);
  });

  it('ignores 5xx of an endpoint whose 5xx is an answer', async () => {
    server.handler = (_req, res) => json(res, 500, { message: 'walk hit a raw input' });
    breakerFor('Walks', { failureThreshold: 1 });
    for (let i = 0; i < 3; i++) await caught(fetchJson({ url: `${server.base}/runlineage/upstream`, schema: okSchema, source: 'Walks', timeoutMs: 1000, serverErrorsAreAnswers: true }));
    expect(breakerFor('Walks').view()).toMatchObject({ state: 'closed', consecutiveFailures: 0 });
  });
});

describe('metrics and logs of every call', () => {
  it('counts requests by endpoint template and outcome, times them, and logs one JSON line per failed call', async () => {
    const lines: string[] = [];
    setLogSink((line) => lines.push(line));
    server.handler = (req, res) => (req.url?.includes('missing') ? json(res, 404, { message: 'no' }) : req.url?.includes('bad') ? json(res, 500, { message: 'boom' }) : json(res, 200, { ok: true }));
    await fetchJson({ url: `${server.base}/jobs/runs/one?token=secret`, schema: okSchema, source: 'Metered', timeoutMs: 1000, endpoint: '/jobs/runs/{run}' });
    await fetchJson({ url: `${server.base}/jobs/runs/two`, schema: okSchema, source: 'Metered', timeoutMs: 1000, endpoint: '/jobs/runs/{run}' });
    await caught(fetchJson({ url: `${server.base}/jobs/runs/missing`, schema: okSchema, source: 'Metered', timeoutMs: 1000, endpoint: '/jobs/runs/{run}' }));
    await caught(fetchJson({ url: `${server.base}/bad`, schema: okSchema, source: 'Metered', timeoutMs: 1000, retries: 1, backoffMs: 5 }));
    const text = await renderMetrics();
    expect(text).toContain('runlens_upstream_requests_total{source="Metered",endpoint="/jobs/runs/{run}",method="GET",outcome="ok"} 2');
    expect(text).toContain('runlens_upstream_requests_total{source="Metered",endpoint="/jobs/runs/{run}",method="GET",outcome="not_found"} 1');
    expect(text).toContain('runlens_upstream_requests_total{source="Metered",endpoint="/bad",method="GET",outcome="http"} 2');
    expect(text).toContain('runlens_upstream_errors_total{source="Metered",endpoint="/bad",kind="http"} 2');
    expect(text).toContain('runlens_upstream_request_duration_seconds_count{source="Metered",endpoint="/jobs/runs/{run}"} 3');
    expect(text).not.toMatch(/jobs\/runs\/one|secret/);
    // The 404 is an answer: only the failed call is logged, once, after its retries.
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      expect.objectContaining({ level: 'warn', event: 'upstream_call_failed', source: 'Metered', endpoint: '/bad', method: 'GET', kind: 'http', status: 500, attempts: 2, message: 'Metered: GET /bad answered HTTP 500: boom (after 2 attempts)' }),
    ]);
  });
});

describe('insecure TLS, for one source only', () => {
  let tls: HttpsServer;
  let tlsBase = '';
  let dir = '';

  beforeAll(async () => {
    // A throwaway self-signed certificate, as a private MLflow server might have.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
      '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore' });
    tls = createHttps({ key: fs.readFileSync(path.join(dir, 'key.pem')), cert: fs.readFileSync(path.join(dir, 'cert.pem')) }, (_req, res) => json(res, 200, { ok: true }));
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    tlsBase = `https://127.0.0.1:${(tls.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    tls.closeAllConnections();
    await new Promise<void>((resolve) => tls.close(() => resolve()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a self-signed certificate by default and accepts it when the call asks', async () => {
    const refused = await caught(fetchJson({ url: `${tlsBase}/api`, schema: okSchema, source: 'Private', timeoutMs: 2000 }));
    expect(refused.kind).toBe('network');
    expect(refused.message).toMatch(/SELF_SIGNED|CERT/i);
    expect(await fetchJson({ url: `${tlsBase}/api`, schema: okSchema, source: 'Private', timeoutMs: 2000, insecureTls: true })).toEqual({ ok: true });
    // Other calls still verify: the setting is per call, not process-wide.
    expect((await caught(fetchJson({ url: `${tlsBase}/api`, schema: okSchema, source: 'Other', timeoutMs: 2000 }))).kind).toBe('network');
  });
});

describe('circuit breaker probe with retries', () => {
  it('a half-open probe may retry within its call, and its failure reopens the breaker instead of leaving it stuck', async () => {
    server.handler = (_req, res) => json(res, 503, { message: 'down' });
    breakerFor('Stuck', { failureThreshold: 1, cooldownMs: 50 });
    await caught(fetchJson({ url: `${server.base}/s`, schema: okSchema, source: 'Stuck', timeoutMs: 1000 }));
    await new Promise((r) => setTimeout(r, 60));
    const probe = await caught(fetchJson({ url: `${server.base}/s`, schema: okSchema, source: 'Stuck', timeoutMs: 1000, retries: 2, backoffMs: 5 }));
    expect(probe.message).toMatch(/HTTP 503: down \(after 3 attempts\)$/);
    expect(breakerFor('Stuck').view().state).toBe('open');
    await new Promise((r) => setTimeout(r, 60));
    server.handler = (_req, res) => json(res, 200, { ok: true });
    expect(await fetchJson({ url: `${server.base}/s`, schema: okSchema, source: 'Stuck', timeoutMs: 1000, retries: 2 })).toEqual({ ok: true });
    expect(breakerFor('Stuck').view().state).toBe('closed');
  });
});
