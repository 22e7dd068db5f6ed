import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { refKey } from '@/lib/model';
import { createMarquezSource } from '@/lib/sources/marquez';
import type { LineageSource } from '@/lib/sources/ports';
import { loadEventsFromFiles, startMarquezStub } from '@/tests/stubs/marquez';
import { EVENT_FILES, requestsTo, startStub } from './stub-setup';
import { caught } from '../../caught';


async function withServer(handler: (req: IncomingMessage, res: ServerResponse) => void, test: (url: string) => Promise<void>): Promise<void> {
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await test(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

describe('API key', () => {
  it('is sent as a Bearer token', async () => {
    const stub = await startStub({ apiKey: 's3cret-key' });
    try {
      const snap = await createMarquezSource({ url: stub.url, apiKey: 's3cret-key' }).snapshot();
      expect(snap.jobs.size).toBeGreaterThan(0);
      expect(stub.requests.every((r) => r.status === 200)).toBe(true);
    } finally {
      await stub.close();
    }
  });

  it('a wrong or missing key is kind auth, tried once, and the key never shows in messages', async () => {
    const stub = await startStub({ apiKey: 's3cret-key' });
    try {
      const source = createMarquezSource({ url: stub.url, apiKey: 'wrong-key' });
      const error = await caught(source.snapshot());
      expect(error).toMatchObject({ kind: 'auth', status: 401, source: 'Marquez' });
      expect(error.message).toMatch(/^Marquez: GET \/api\/v1\/(jobs|namespaces) was refused \(HTTP 401: Unauthorized\)/);
      expect(error.message).not.toMatch(/key-|s3cret|wrong/);
      expect(requestsTo(stub, '/api/v1/jobs')).toHaveLength(1);
      const health = await source.health();
      expect(health).toMatchObject({ status: 'unavailable', location: stub.url });
      expect(await caught(createMarquezSource({ url: stub.url }).snapshot())).toMatchObject({ kind: 'auth' });
    } finally {
      await stub.close();
    }
  });
});

describe('Marquez down', () => {
  it('with nothing loaded yet: snapshot throws kind network quickly, health is unavailable', async () => {
    const stub = await startStub();
    const url = stub.url;
    await stub.close();
    const source = createMarquezSource({ url, backoffMs: 10 });
    const started = performance.now();
    const error = await caught(source.snapshot());
    expect(performance.now() - started).toBeLessThan(2000);
    expect(error.kind).toBe('network');
    expect(error.message).toMatch(/^Marquez: GET \/api\/v1\/(jobs|namespaces) failed: connection refused \(ECONNREFUSED\)/);
    const health = await source.health();
    expect(health).toMatchObject({ id: 'marquez', label: 'Marquez', kind: 'lineage', status: 'unavailable', configured: true });
    expect(health.error).toMatch(/connection refused/);
    expect(health.details.failingSince).toMatch(/^\d{4}-/);
    expect(health.details.lastSuccess).toBeUndefined();
    // Within the refresh interval the failure is answered at once, without knocking again.
    const again = performance.now();
    expect(await caught(source.snapshot())).toBe(error);
    expect(performance.now() - again).toBeLessThan(50);
  });

  it('after a good snapshot: keeps serving it, health degraded with the error and since when, recovers when Marquez is back', async () => {
    const stub = await startStub();
    const port = Number(new URL(stub.url).port);
    const source: LineageSource = createMarquezSource({ url: stub.url, refreshIntervalMs: 0, backoffMs: 10 });
    const good = await source.snapshot();
    expect((await source.health()).status).toBe('ok');
    await stub.close();
    const stale = await source.snapshot();
    expect(stale).toBe(good);
    const health = await source.health();
    expect(health.status).toBe('degraded');
    expect(health.error).toMatch(/^Marquez: GET .* failed: connection refused .*failing since \d{4}-.*showing what it answered last/);
    expect(health.details).toMatchObject({ lastSuccess: expect.stringMatching(/^\d{4}-/), failingSince: expect.stringMatching(/^\d{4}-/) });
    expect(health.counts.runs).toBe(good.runs.size);
    const back = await startMarquezStub({ events: loadEventsFromFiles(EVENT_FILES), port });
    try {
      await source.snapshot();
      const healed = await source.health();
      expect(healed).toMatchObject({ status: 'ok', error: null });
      expect(healed.details.failingSince).toBeUndefined();
    } finally {
      await back.close();
    }
  });
});

describe('a Marquez that answers badly', () => {
  it('garbage JSON is kind parse, not retried', async () => {
    const hits: string[] = [];
    await withServer((req, res) => {
      hits.push(req.url?.split('?')[0] ?? '');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"jobs": [ {"name": ');
    }, async (url) => {
      const error = await caught(createMarquezSource({ url }).snapshot());
      expect(error.kind).toBe('parse');
      expect(error.message).toMatch(/^Marquez: GET \/api\/v1\/(jobs|namespaces) returned invalid JSON/);
      expect(new Set(hits).size).toBe(hits.length);
    });
  });

  it('JSON of the wrong shape is kind parse and names the field', async () => {
    await withServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(req.url?.startsWith('/api/v1/jobs') ? JSON.stringify({ jobs: [{ id: null }] }) : JSON.stringify({ namespaces: [] }));
    }, async (url) => {
      const error = await caught(createMarquezSource({ url }).snapshot());
      expect(error).toMatchObject({ kind: 'parse' });
      expect(error.message).toBe('Marquez: GET /api/v1/jobs returned an unexpected response: jobs.0.name: expected string, received undefined');
    });
  });

  it('no answer within the deadline is kind timeout', async () => {
    await withServer(() => {
      // never answers
    }, async (url) => {
      const started = performance.now();
      const error = await caught(createMarquezSource({ url, timeoutMs: 150, retries: 1, backoffMs: 10 }).snapshot());
      expect(error.kind).toBe('timeout');
      // The deadline covers the whole call: a hang uses it up, so there is no time left to retry.
      expect(error.message).toMatch(/timed out after 150 ms$/);
      expect(performance.now() - started).toBeLessThan(1500);
    });
  });

  it('a slow Marquez within the deadline is fine', async () => {
    const stub = await startStub({ latencyMs: 30 });
    try {
      const snap = await createMarquezSource({ url: stub.url, timeoutMs: 2000 }).snapshot();
      expect(snap.runs.size).toBeGreaterThan(0);
    } finally {
      await stub.close();
    }
  });

  it("one job's runs failing is a problem of that job, not of the source", async () => {
    const stub = await startStub();
    try {
      await withServer(async (req, res) => {
        if (req.url?.includes('/jobs/etl_orders/runs')) {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ code: 500, message: 'boom' }));
          return;
        }
        const answer = await fetch(`${stub.url}${req.url ?? '/'}`);
        res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
        res.end(await answer.text());
      }, async (url) => {
        const source = createMarquezSource({ url, retries: 0 });
        const snap = await source.snapshot();
        expect(snap.jobs.get(refKey({ namespace: 'food_delivery', name: 'etl_orders' }))?.runIds).toEqual([]);
        const health = await source.health();
        expect(health.status).toBe('ok');
        expect(health.problems).toEqual([{ where: `${url} job food_delivery/etl_orders`, message: 'its runs could not be read: Marquez: GET /api/v1/namespaces/food_delivery/jobs/etl_orders/runs answered HTTP 500: boom' }]);
      });
    } finally {
      await stub.close();
    }
  });
});
