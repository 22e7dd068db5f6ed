import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createMarquezClient, createMarquezSource } from '@/lib/sources/marquez';
import { requestsTo, startStub } from './stub-setup';
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
      const page = await createMarquezClient({ url: stub.url, apiKey: 's3cret-key' }).allJobs({ limit: 100, offset: 0 });
      expect(page.jobs.length).toBeGreaterThan(0);
      expect((await createMarquezSource({ url: stub.url, apiKey: 's3cret-key' }).health()).status).toBe('ok');
      expect(stub.requests.length).toBe(2);
      expect(stub.requests.every((r) => r.status === 200)).toBe(true);
    } finally {
      await stub.close();
    }
  });

  it('a wrong or missing key is kind auth, tried once, and the key never shows in messages', async () => {
    const stub = await startStub({ apiKey: 's3cret-key' });
    try {
      const error = await caught(createMarquezClient({ url: stub.url, apiKey: 'wrong-key' }).allJobs({ limit: 100, offset: 0 }));
      expect(error).toMatchObject({ kind: 'auth', status: 401, source: 'Marquez' });
      expect(error.message).toMatch(/^Marquez: GET \/api\/v1\/jobs was refused \(HTTP 401: Unauthorized\)/);
      expect(error.message).not.toMatch(/key-|s3cret|wrong/);
      expect(requestsTo(stub, '/api/v1/jobs')).toHaveLength(1);
      const health = await createMarquezSource({ url: stub.url, apiKey: 'wrong-key' }).health();
      expect(health).toMatchObject({ status: 'unavailable', location: stub.url });
      expect(health.error).toMatch(/^Marquez: GET \/api\/v1\/namespaces was refused \(HTTP 401: Unauthorized\)/);
      expect(health.error).not.toMatch(/s3cret|wrong/);
      expect(requestsTo(stub, '/api/v1/namespaces')).toHaveLength(1);
      expect(await caught(createMarquezClient({ url: stub.url }).allJobs({ limit: 100, offset: 0 }))).toMatchObject({ kind: 'auth' });
    } finally {
      await stub.close();
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
      const error = await caught(createMarquezClient({ url }).allJobs({ limit: 100, offset: 0 }));
      expect(error.kind).toBe('parse');
      expect(error.message).toMatch(/^Marquez: GET \/api\/v1\/jobs returned invalid JSON/);
      expect(new Set(hits).size).toBe(hits.length);
    });
  });

  it('JSON of the wrong shape is kind parse and names the field', async () => {
    await withServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(req.url?.startsWith('/api/v1/jobs') ? JSON.stringify({ jobs: [{ id: null }] }) : JSON.stringify({ namespaces: [] }));
    }, async (url) => {
      const error = await caught(createMarquezClient({ url }).allJobs({ limit: 100, offset: 0 }));
      expect(error).toMatchObject({ kind: 'parse' });
      expect(error.message).toBe('Marquez: GET /api/v1/jobs returned an unexpected response: jobs.0.name: expected string, received undefined');
    });
  });

  it('no answer within the deadline is kind timeout', async () => {
    await withServer(() => {
      // never answers
    }, async (url) => {
      const started = performance.now();
      const error = await caught(createMarquezClient({ url, timeoutMs: 150, retries: 1, backoffMs: 10 }).allJobs({ limit: 100, offset: 0 }));
      expect(error.kind).toBe('timeout');
      // The deadline covers the whole call: a hang uses it up, so there is no time left to retry.
      expect(error.message).toMatch(/timed out after 150 ms$/);
      expect(performance.now() - started).toBeLessThan(1500);
    });
  });

  it('a slow Marquez within the deadline is fine', async () => {
    const stub = await startStub({ latencyMs: 30 });
    try {
      const page = await createMarquezClient({ url: stub.url, timeoutMs: 2000 }).allJobs({ limit: 100, offset: 0 });
      expect(page.jobs.length).toBeGreaterThan(0);
    } finally {
      await stub.close();
    }
  });
});
