import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultProxy, type FaultProxy } from '../../stubs/faults';

let upstream: Server;
let proxy: FaultProxy;

beforeAll(async () => {
  upstream = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ method: req.method, url: req.url, body }));
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  proxy = await startFaultProxy(`http://127.0.0.1:${(upstream.address() as AddressInfo).port}`);
});
afterAll(async () => {
  await proxy.close();
  upstream.closeAllConnections();
  await new Promise<void>((resolve) => upstream.close(() => resolve()));
});

describe('fault proxy', () => {
  it('forwards GETs and POSTs with their bodies when no fault is set', async () => {
    expect(await (await fetch(`${proxy.url}/a?b=1`)).json()).toEqual({ method: 'GET', url: '/a?b=1', body: '' });
    const posted = await fetch(`${proxy.url}/search`, { method: 'POST', body: '{"x":1}', headers: { 'content-type': 'application/json' }, signal: AbortSignal.timeout(2000) });
    expect(await posted.json()).toEqual({ method: 'POST', url: '/search', body: '{"x":1}' });
  });

  it('answers each fault as named, and forwards again when cleared', async () => {
    await proxy.setFault('http-500');
    expect((await fetch(`${proxy.url}/a`)).status).toBe(500);
    await proxy.setFault('http-401');
    expect(await (await fetch(`${proxy.url}/a`)).text()).toBe('Unauthorized');
    await proxy.setFault('malformed-json');
    expect(() => JSON.parse('{"injected": "malformed", "items": [{"name": ')).toThrow();
    expect((await fetch(`${proxy.url}/a`)).status).toBe(200);
    await proxy.setFault('refused');
    // A pooled keep-alive socket sees "other side closed" first; a new connection is refused.
    await fetch(`${proxy.url}/a`).catch(() => null);
    await expect(fetch(`${proxy.url}/a`)).rejects.toMatchObject({ cause: { code: 'ECONNREFUSED' } });
    await proxy.setFault('hang');
    await expect(fetch(`${proxy.url}/a`, { signal: AbortSignal.timeout(200) })).rejects.toMatchObject({ name: 'TimeoutError' });
    await proxy.setFault(null);
    expect((await fetch(`${proxy.url}/a`)).status).toBe(200);
    expect(proxy.requests.map((r) => r.fault)).toContain('hang');
  });
});
