import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { MAX_IN_FLIGHT_PER_CLIENT } from '@/lib/security/client-gate';
import { CLIENT_REQUESTS_AT_ONCE } from '@/lib/security/client-queue';
import { guardedServerForSuite } from './guarded-server';

// A flood from one address (unknown run ids) is shed before routing once that address has
// MAX_IN_FLIGHT_PER_CLIENT requests in flight; another client is not held behind it.
describe('per-client in-flight cap in the request guard', () => {
  const guarded = guardedServerForSuite();

  const send = (localAddress: string, path: string) => new Promise<{ status: number; retryAfter: string | undefined }>((resolve, reject) => {
    const agent = new http.Agent({ keepAlive: false });
    http.request({ host: '127.0.0.1', port: guarded.port, path, localAddress, agent }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode ?? 0, retryAfter: response.headers['retry-after'] as string | undefined }));
    }).on('error', reject).end();
  });

  it('answers 503 with Retry-After beyond the cap, never reaching the app; other clients and /api/live pass', async () => {
    const answered: Array<{ status: number }> = [];
    const flood = Array.from({ length: MAX_IN_FLIGHT_PER_CLIENT + 50 }, () => send('127.0.0.3', '/hold').then((a) => (answered.push(a), a)));
    // In flight: CLIENT_REQUESTS_AT_ONCE in progress (client-queue.ts), the rest waiting their turn; beyond, shed at once.
    await expect.poll(() => answered.filter((a) => a.status === 503).length, { timeout: 10_000 }).toBe(50);
    expect(guarded.held).toHaveLength(CLIENT_REQUESTS_AT_ONCE);
    expect(await send('127.0.0.4', '/')).toEqual({ status: 200, retryAfter: undefined });
    expect((await send('127.0.0.3', '/api/live')).status).toBe(200);
    expect(await send('127.0.0.3', '/')).toEqual({ status: 503, retryAfter: '1' });
    // The shed requests never reached the app: only those in progress, the other client's and /api/live did.
    expect(guarded.reached()).toBe(CLIENT_REQUESTS_AT_ONCE + 2);
    while (answered.length < MAX_IN_FLIGHT_PER_CLIENT + 50) {
      await expect.poll(() => guarded.held.length, { timeout: 10_000 }).toBeGreaterThan(0);
      for (const response of guarded.held.splice(0)) response.end('done');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const answers = await Promise.all(flood);
    expect(answers.filter((a) => a.status === 503)).toHaveLength(50);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(MAX_IN_FLIGHT_PER_CLIENT);
    // Slots are given back once answered.
    expect((await send('127.0.0.3', '/')).status).toBe(200);
  });
});
