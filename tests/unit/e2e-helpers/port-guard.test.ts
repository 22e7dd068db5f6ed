import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startApp } from '@/tests/e2e/app-server';
import { assertPortFree } from '@/tests/e2e/port-guard';
import { startStandalone } from '@/tests/e2e/standalone-app';
import { freePort } from '@/tests/stubs/free-port';

// A server left from an earlier failed run still answers /api/live and /api/health on the spec's port.
const servers: http.Server[] = [];
async function leftOver(port = 0): Promise<number> {
  const server = http.createServer((_, response) => response.end('{"status":"ok"}'));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

describe('e2e app helpers and a port already taken', () => {
  it('startStandalone refuses to test a server it did not start', async () => {
    const port = await leftOver();
    await expect(startStandalone(port, {})).rejects.toThrow(new RegExp(`port ${port} on 127.0.0.1 is already taken by another process`));
  }, 30_000);

  it('startApp refuses too, naming how to find the process', async () => {
    const port = await leftOver();
    await expect(startApp(port, {})).rejects.toThrow(/already taken.*ss -ltnp/s);
  }, 30_000);

  it('waits for a server that is shutting down to free the port', async () => {
    const port = await leftOver();
    const closing = servers.pop()!;
    setTimeout(() => closing.close(), 500);
    const started = Date.now();
    await assertPortFree(port, 10_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
  });

  it('passes at once when nothing listens', async () => {
    const port = await freePort();
    const started = Date.now();
    await assertPortFree(port, 0);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
