import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorDetail, fetchJson, rateLimitWaitMs, retryAfterMs } from '@/lib/http/fetch-json';
import { caught } from '../caught';
import { json, scriptedServer } from './scripted-server';


const server = scriptedServer();

const okSchema = z.looseObject({ ok: z.boolean() });


describe('fetchJson', () => {
  it('returns the validated body and sends the headers given', async () => {
    server.handler = (_req, res) => json(res, 200, { ok: true, extra: 1 });
    const value = await fetchJson({ url: `${server.base}/api/v1/x`, schema: okSchema, source: 'Stub', timeoutMs: 1000, headers: { authorization: 'Bearer k' } });
    expect(value).toEqual({ ok: true, extra: 1 });
    expect(server.hits[0]?.authorization).toBe('Bearer k');
  });

  it('turns user:password in the URL into Basic auth and never names them in errors', async () => {
    server.handler = (_req, res) => json(res, 404, { code: 404, message: 'nope' });
    const error = await caught(fetchJson({ url: `http://alice:s3cret@127.0.0.1:${new URL(server.base).port}/api/v1/x?token=abc`, schema: okSchema, source: 'Stub', timeoutMs: 1000 }));
    expect(server.hits[0]?.authorization).toBe(`Basic ${Buffer.from('alice:s3cret').toString('base64')}`);
    expect(error.message).toBe('Stub: GET /api/v1/x answered HTTP 404: nope');
    expect(error.message).not.toMatch(/alice|s3cret|token|abc/);
  });

  it('gives up at the deadline with kind timeout', async () => {
    server.handler = (_req, res) => setTimeout(() => json(res, 200, { ok: true }), 1500);
    const started = performance.now();
    const error = await caught(fetchJson({ url: `${server.base}/slow`, schema: okSchema, source: 'Stub', timeoutMs: 150 }));
    expect(error.kind).toBe('timeout');
    expect(error.message).toBe('Stub: GET /slow timed out after 150 ms');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('times out a body that stalls after the headers', async () => {
    server.handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"ok":');
      setTimeout(() => res.end('true}'), 1500);
    };
    const error = await caught(fetchJson({ url: `${server.base}/stall`, schema: okSchema, source: 'Stub', timeoutMs: 150 }));
    expect(error.kind).toBe('timeout');
  });

  it('retries a GET on 5xx with backoff, then succeeds', async () => {
    server.handler = (_req, res, hit) => (hit < 3 ? json(res, 503, { code: 503, message: 'busy' }) : json(res, 200, { ok: true }));
    const value = await fetchJson({ url: `${server.base}/flaky`, schema: okSchema, source: 'Stub', timeoutMs: 1000, retries: 3, backoffMs: 20 });
    expect(value.ok).toBe(true);
    expect(server.hits).toHaveLength(3);
    // exponential: the second wait is at least the first's minimum doubled (jitter keeps half of each)
    const gap1 = (server.hits[1]?.at ?? 0) - (server.hits[0]?.at ?? 0);
    const gap2 = (server.hits[2]?.at ?? 0) - (server.hits[1]?.at ?? 0);
    expect(gap1).toBeGreaterThanOrEqual(9);
    expect(gap2).toBeGreaterThanOrEqual(19);
  });

  it('says how many attempts were made when retries run out', async () => {
    server.handler = (_req, res) => json(res, 500, { code: 500, message: 'boom' });
    const error = await caught(fetchJson({ url: `${server.base}/down`, schema: okSchema, source: 'Stub', timeoutMs: 1000, retries: 2, backoffMs: 5 }));
    expect(server.hits).toHaveLength(3);
    expect(error).toMatchObject({ kind: 'http', status: 500, source: 'Stub' });
    expect(error.message).toBe('Stub: GET /down answered HTTP 500: boom (after 3 attempts)');
  });

  it('never retries a POST', async () => {
    server.handler = (_req, res) => json(res, 503, { code: 503, message: 'busy' });
    const error = await caught(fetchJson({ url: `${server.base}/write`, method: 'POST', body: { a: 1 }, schema: okSchema, source: 'Stub', timeoutMs: 1000, retries: 3, backoffMs: 5 }));
    expect(server.hits).toHaveLength(1);
    expect(error.status).toBe(503);
  });

  it('retries a POST the caller marks as a read (a GraphQL query)', async () => {
    server.handler = (_req, res, hit) => (hit === 1 ? json(res, 503, { message: 'busy' }) : json(res, 200, { ok: true }));
    const value = await fetchJson({ url: `${server.base}/graphql`, method: 'POST', body: { query: '{ viewer { id } }' }, idempotent: true, schema: okSchema, source: 'Stub', timeoutMs: 1000, retries: 2, backoffMs: 5 });
    expect(value).toEqual({ ok: true });
    expect(server.hits.map((h) => h.method)).toEqual(['POST', 'POST']);
  });

  it('waits for RateLimit-Reset on a 429 without Retry-After', async () => {
    server.handler = (_req, res, hit) => (hit === 1 ? json(res, 429, { message: 'rate limited' }, { 'ratelimit-reset': '1' }) : json(res, 200, { ok: true }));
    await fetchJson({ url: `${server.base}/graphql`, method: 'POST', body: {}, idempotent: true, schema: okSchema, source: 'Stub', timeoutMs: 3000, retries: 1, backoffMs: 5 });
    expect(server.hits).toHaveLength(2);
    expect((server.hits[1]?.at ?? 0) - (server.hits[0]?.at ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it('never retries a 404', async () => {
    server.handler = (_req, res) => json(res, 404, { code: 404, message: "Job 'x' not found." });
    const error = await caught(fetchJson({ url: `${server.base}/api/v1/namespaces/n/jobs/x`, schema: okSchema, source: 'Marquez', timeoutMs: 1000, retries: 3, backoffMs: 5 }));
    expect(server.hits).toHaveLength(1);
    expect(error).toMatchObject({ kind: 'http', status: 404 });
    expect(error.message).toBe("Marquez: GET /api/v1/namespaces/n/jobs/x answered HTTP 404: Job 'x' not found.");
  });

  it('honours Retry-After on 429', async () => {
    server.handler = (_req, res, hit) => (hit === 1 ? json(res, 429, { code: 429, message: 'slow down' }, { 'retry-after': '1' }) : json(res, 200, { ok: true }));
    await fetchJson({ url: `${server.base}/limited`, schema: okSchema, source: 'Stub', timeoutMs: 3000, retries: 1, backoffMs: 5 });
    expect(server.hits).toHaveLength(2);
    expect((server.hits[1]?.at ?? 0) - (server.hits[0]?.at ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it('does not wait for a Retry-After beyond its limit', async () => {
    server.handler = (_req, res) => json(res, 429, { code: 429, message: 'later' }, { 'retry-after': '3600' });
    const error = await caught(fetchJson({ url: `${server.base}/limited`, schema: okSchema, source: 'Stub', timeoutMs: 1000, retries: 2 }));
    expect(server.hits).toHaveLength(1);
    expect(error.status).toBe(429);
  });

  it('maps 401 and 403 to kind auth', async () => {
    server.handler = (_req, res, hit) => json(res, hit === 1 ? 401 : 403, { code: 401, message: 'unauthorized' });
    const first = await caught(fetchJson({ url: `${server.base}/a`, schema: okSchema, source: 'Stub', timeoutMs: 1000, retries: 2 }));
    const second = await caught(fetchJson({ url: `${server.base}/a`, schema: okSchema, source: 'Stub', timeoutMs: 1000, retries: 2 }));
    expect([first.kind, second.kind]).toEqual(['auth', 'auth']);
    expect([first.status, second.status]).toEqual([401, 403]);
    expect(server.hits).toHaveLength(2);
  });

  it('reports invalid JSON and schema mismatches as kind parse, without retrying', async () => {
    server.handler = (_req, res, hit) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(hit === 1 ? '{"ok": tru' : JSON.stringify({ ok: 'yes' }));
    };
    const garbage = await caught(fetchJson({ url: `${server.base}/g`, schema: okSchema, source: 'Stub', timeoutMs: 1000, retries: 2 }));
    expect(garbage.kind).toBe('parse');
    expect(garbage.message).toMatch(/^Stub: GET \/g returned invalid JSON \(/);
    const wrong = await caught(fetchJson({ url: `${server.base}/g`, schema: okSchema, source: 'Stub', timeoutMs: 1000, retries: 2 }));
    expect(wrong.kind).toBe('parse');
    expect(wrong.message).toMatch(/^Stub: GET \/g returned an unexpected response: ok: /);
    expect(server.hits).toHaveLength(2);
  });

  it('uses the first 199 characters of a plain-text 400 and marks the cut', async () => {
    const text = `Invalid nodeId ${'x'.repeat(400)}`;
    server.handler = (_req, res) => {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end(text);
    };
    const error = await caught(fetchJson({ url: `${server.base}/api/v1/lineage?nodeId=bad`, schema: okSchema, source: 'Marquez', timeoutMs: 1000, retries: 2 }));
    expect(error).toMatchObject({ kind: 'http', status: 400 });
    expect(error.message).toBe(`Marquez: GET /api/v1/lineage answered HTTP 400: ${text.slice(0, 199)}…`);
    expect(server.hits).toHaveLength(1);
  });

  it('reports a refused connection as kind network, after retrying', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await caught(fetchJson({ url: `http://127.0.0.1:${port}/api/v1/jobs`, schema: okSchema, source: 'Marquez', timeoutMs: 1000, retries: 1, backoffMs: 5 }));
    expect(error.kind).toBe('network');
    expect(error.message).toBe('Marquez: GET /api/v1/jobs failed: connection refused (ECONNREFUSED) (after 2 attempts)');
  });
});

describe('helpers', () => {
  it('reads Retry-After as seconds or a date', () => {
    expect(retryAfterMs('2')).toBe(2000);
    expect(rateLimitWaitMs(new Headers({ 'retry-after': '2', 'ratelimit-reset': '9' }))).toBe(2000);
    expect(rateLimitWaitMs(new Headers({ 'ratelimit-reset': '7' }))).toBe(7000);
    expect(rateLimitWaitMs(new Headers({ ratelimit: 'limit=100, remaining=0, reset=4' }))).toBe(4000);
    expect(rateLimitWaitMs(new Headers({ ratelimit: 'limit=100, remaining=3' }))).toBeNull();
    expect(retryAfterMs(null)).toBeNull();
    expect(retryAfterMs('soon')).toBeNull();
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
  });

  it('takes the message of {code,message} bodies and trims plain text', () => {
    expect(errorDetail('{"code":400,"message":"bad depth"}')).toBe('bad depth');
    expect(errorDetail('  line one\n  line two ')).toBe('line one line two');
    expect(errorDetail('')).toBe('');
  });
});
