import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fetchJson } from '@/lib/http/fetch-json';
import { caught } from '../caught';
import { scriptedServer } from './scripted-server';

const server = scriptedServer();
const anySchema = z.unknown();
const CHUNK = Buffer.alloc(64 * 1024, 0x20);

/** Writes a JSON-looking body without end, honouring backpressure; resolves with the bytes written once the client hangs up. */
function endless(res: ServerResponse, status = 200): Promise<number> {
  return new Promise((resolve) => {
    let written = 0;
    res.writeHead(status, { 'content-type': 'application/json' });
    res.write('[');
    written += 1;
    const pump = (): void => {
      while (!res.destroyed) {
        written += CHUNK.byteLength;
        if (!res.write(CHUNK)) return void res.once('drain', pump);
      }
    };
    res.on('close', () => resolve(written));
    pump();
  });
}

describe('upstream bodies are read up to a cap', () => {
  it('stops an endless body at the cap, closes the connection and says so in its own words', async () => {
    let wrote: Promise<number> = Promise.resolve(0);
    server.handler = (_req, res) => void (wrote = endless(res));
    const cap = 1024 * 1024;
    const started = performance.now();
    const error = await caught(fetchJson({ url: `${server.base}/api/2.0/mlflow/runs/search`, schema: anySchema, source: 'Stub', timeoutMs: 20_000, retries: 2, maxBodyBytes: cap }));
    expect(error.kind).toBe('parse');
    expect(error.message).toBe('Stub: GET /api/2.0/mlflow/runs/search answered more than 1 MB; not read');
    // not retried: the same request would get the same body
    expect(server.hits).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(10_000);
    // the stub saw the connection close: what it wrote is the cap plus socket buffers, not a stream read to the deadline
    expect(await wrote).toBeLessThan(cap + 16 * 1024 * 1024);
  });

  it('refuses a declared Content-Length over the cap without reading it', async () => {
    server.handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(10 * 1024 * 1024) });
      res.write('[1');
    };
    const error = await caught(fetchJson({ url: `${server.base}/big`, schema: anySchema, source: 'Stub', timeoutMs: 5000, maxBodyBytes: 1024 * 1024 }));
    expect(error.message).toBe('Stub: GET /big answered more than 1 MB; not read');
  });

  it('uses a 64 MB cap by default, and reads a body under it', async () => {
    
    let wrote: Promise<number> = Promise.resolve(0);
    server.handler = (_req, res) => void (wrote = endless(res));
    const error = await caught(fetchJson({ url: `${server.base}/huge`, schema: anySchema, source: 'Stub', timeoutMs: 30_000 }));
    expect(error.message).toBe('Stub: GET /huge answered more than 64 MB; not read');
    expect(await wrote).toBeLessThan(64*1024*1024 + 16 * 1024 * 1024);

    const items = Array.from({ length: 20_000 }, (_, i) => ({ run_id: `r${i}`, name: 'x'.repeat(100) }));
    server.handler = (_req, res) => res.end(JSON.stringify(items));
    await expect(fetchJson({ url: `${server.base}/ok`, schema: anySchema, source: 'Stub', timeoutMs: 5000, maxBodyBytes: 4 * 1024 * 1024 })).resolves.toHaveLength(20_000);
  }, 40_000);

  it('reads only the start of an endless error body and still reports the status', async () => {
    let wrote: Promise<number> = Promise.resolve(0);
    server.handler = (_req, res) => void (wrote = endless(res, 500));
    const error = await caught(fetchJson({ url: `${server.base}/err`, schema: anySchema, source: 'Stub', timeoutMs: 10_000 }));
    expect(error.kind).toBe('http');
    expect(error.status).toBe(500);
    expect(await wrote).toBeLessThan(16 * 1024 * 1024);
  });
});
