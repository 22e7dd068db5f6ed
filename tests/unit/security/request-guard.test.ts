import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { peerAddress, PEER_ADDRESS_HEADER } from '@/lib/auth/peer-address';
import { installRequestGuard, refusalOf } from '@/lib/security/request-guard';

// The guard runs before Next routes a request: what it refuses never reaches Next (which answered those
// with 500 stack traces before auth), and what it lets through carries no header that would skip proxy.ts.
describe('request guard', () => {
  let server: http.Server;
  let port: number;
  let reached: http.IncomingMessage[] = [];
  beforeAll(async () => {
    installRequestGuard();
    server = http.createServer((request, response) => {
      reached.push(request);
      response.end(JSON.stringify(request.headers));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  function send(options: http.RequestOptions): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
    return new Promise((resolve, reject) => {
      http.request({ host: '127.0.0.1', port, ...options }, (response) => {
        let body = '';
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      }).on('error', reject).end();
    });
  }

  /** A raw request line, for targets Node's client would not send (`*`). */
  function raw(line: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => socket.write(`${line}\r\nHost: x\r\nConnection: close\r\n\r\n`));
      let text = '';
      socket.on('data', (chunk) => (text += chunk));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
  }

  it('stamps the TCP peer and overwrites whatever the client claims', async () => {
    const spoofed = await send({ localAddress: '127.0.0.2', path: '/', headers: { [PEER_ADDRESS_HEADER]: '10.0.0.5', 'x-forwarded-for': '10.0.0.5' } });
    expect(JSON.parse(spoofed.body)[PEER_ADDRESS_HEADER]).toBe('127.0.0.2');
    expect(peerAddress(new Headers({ [PEER_ADDRESS_HEADER]: '127.0.0.2' }))).toBe('127.0.0.2');
    expect(peerAddress(new Headers())).toBeNull();
  });

  it('drops x-prerender-revalidate, so Next never skips proxy.ts (auth) for a request', async () => {
    const response = await send({ path: '/api/runs', headers: { 'x-prerender-revalidate': 'a'.repeat(64), 'x-prerender-revalidate-if-generated': '1' } });
    const seen = JSON.parse(response.body);
    expect(seen['x-prerender-revalidate']).toBeUndefined();
    expect(seen['x-prerender-revalidate-if-generated']).toBeUndefined();
  });

  it('sets the security headers on every response, HSTS only over TLS', async () => {
    const plain = await send({ path: '/' });
    expect(plain.headers['x-content-type-options']).toBe('nosniff');
    expect(plain.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(plain.headers['cross-origin-resource-policy']).toBe('same-origin');
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    const proxied = await send({ path: '/', headers: { 'x-forwarded-proto': 'https' } });
    expect(proxied.headers['strict-transport-security']).toMatch(/max-age=\d+/);
  });

  it('answers TRACE with 405, a `*` target and bad percent-encoding with 400, with the headers, before the app', async () => {
    reached = [];
    const trace = await send({ method: 'TRACE', path: '/api/runs' });
    expect(trace.status).toBe(405);
    expect(trace.headers.allow).toContain('GET');
    expect(trace.headers['x-frame-options']).toBe('DENY');
    expect(trace.headers['content-security-policy']).toContain("default-src 'none'");
    const bad = await send({ path: '/api/runs/%ff' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error).toMatch(/percent-encoding/);
    expect((await send({ path: '/runs/%E0%A4%A' })).status).toBe(400);
    expect(await raw('OPTIONS * HTTP/1.1')).toMatch(/^HTTP\/1\.1 400 .*[\s\S]*x-content-type-options: nosniff/i);
    expect(reached).toEqual([]);
    // Valid encodings still pass, once each.
    expect((await send({ path: '/runs/a%2Fb%20c' })).status).toBe(200);
    expect(reached).toHaveLength(1);
  });

  it('refusalOf: pure decisions', () => {
    expect(refusalOf('GET', '/x?q=%ff')).toBeNull();
    expect(refusalOf('CONNECT', 'host:443')?.status).toBe(405);
    expect(refusalOf('GET', 'http://evil/x')?.reason).toBe('target');
    expect(refusalOf('GET', '/a%zz')?.reason).toBe('encoding');
  });
});
