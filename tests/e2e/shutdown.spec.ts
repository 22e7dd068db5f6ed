import net from 'node:net';
import { expect, test } from '@playwright/test';
import { Client } from 'undici';
import { startStandalone } from './standalone-app';

// SIGTERM (a rolling deploy, `docker stop`) left the server answering for ~15 s: Next closes its listener, then
// waits for every connection to end, and a busy keep-alive connection never does. Now it refuses new connections
// at once, answers a request arriving on an open connection 503 with Connection: close, and exits once the requests
// in flight are done (10 s at most).
const port = Number(process.env.E2E_PORT ?? 3100) + 61;

/** A keep-alive client (one connection) sending its next request as soon as the last is answered, until it fails or `ms` pass. */
function busyClient(ms: number) {
  const answers: Array<{ at: number; status: number }> = [];
  const client = new Client(`http://127.0.0.1:${port}`, { pipelining: 1 });
  const stopAt = Date.now() + ms;
  const done = (async () => {
    try {
      while (Date.now() < stopAt) {
        const response = await client.request({ path: '/api/live', method: 'GET' });
        await response.body.text();
        answers.push({ at: performance.now(), status: response.statusCode });
        if (response.statusCode === 503) break;
      }
    } catch {
      // the server closed the connection: this client is done
    } finally {
      await client.close().catch(() => undefined);
    }
  })();
  return { answers, done };
}

function connectionRefused(): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve('accepted')));
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
}

test('SIGTERM: new connections refused at once, busy keep-alive connections answered 503 and closed, the process gone within seconds', async () => {
  test.setTimeout(120_000);
  const app = await startStandalone(port, {});
  const clients = [busyClient(20_000), busyClient(20_000)];
  await expect.poll(() => clients.every((c) => c.answers.length >= 5), { timeout: 10_000 }).toBe(true);

  const signalled = performance.now();
  process.kill(app.pid, 'SIGTERM');
  await expect.poll(connectionRefused, { timeout: 2_000, intervals: [20] }).toBe('ECONNREFUSED');
  const refusedAfter = performance.now() - signalled;
  await Promise.all(clients.map((c) => c.done));
  const { code, signal } = await app.exited;
  const exitedAfter = performance.now() - signalled;
  expect(refusedAfter, app.output()).toBeLessThan(1_000);
  // Requests answered after the signal: at most the one each client had in flight then, and none after.
  const servedAfter = clients.flatMap((c) => c.answers.filter((a) => a.at > signalled && a.status === 200));
  expect(servedAfter.length).toBeLessThanOrEqual(clients.length);
  expect(clients.every((c) => c.answers.at(-1)?.status === 503)).toBe(true);
  expect(exitedAfter, app.output()).toBeLessThan(5_000);
  expect({ code, signal }).toEqual({ code: 143, signal: null });
});
