import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT_REQUESTS_AT_ONCE } from '@/lib/security/client-queue';
import { drainServers, resetDrain } from '@/lib/security/graceful-shutdown';
import { startGuardedServer, type GuardedServer } from './guarded-server';

// SIGTERM used to leave the server answering for ~15 s: Next closes the listener, then waits for every connection.
// Drained, it refuses new connections at once, answers requests still arriving on open ones 503 + close, lets the
// requests in flight finish, and exits when they have, or after the grace period with what is left cut.

/** A raw keep-alive connection that collects what the server sends and notes when it closes. */
function connect(port: number): Promise<{ socket: net.Socket; text: () => string; closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    let text = '';
    const socket = net.connect(port, '127.0.0.1');
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    socket.on('data', (chunk) => (text += chunk));
    socket.once('error', reject);
    socket.once('connect', () => resolve({ socket, text: () => text, closed }));
  });
}

const get = (path: string) => `GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n`;

async function until(check: () => boolean, ms = 2_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('draining on shutdown', () => {
  let server: GuardedServer | null = null;
  afterEach(async () => {
    await server?.close().catch(() => undefined);
    resetDrain();
  });

  it('refuses new connections at once, closes idle ones, finishes the request in flight, answers late ones 503, then is done', async () => {
    server = await startGuardedServer();
    const idle = await connect(server.port);
    idle.socket.write(get('/quick'));
    await until(() => idle.text().includes('ok'));
    const busy = await connect(server.port);
    busy.socket.write(get('/hold'));
    await until(() => server!.held.length === 1);

    const started = performance.now();
    const drained = drainServers(5_000);
    // A new connection is refused: the listener is closed at once.
    await expect(connect(server.port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    // The idle keep-alive connection is closed, not kept for its keep-alive timeout.
    await idle.closed;
    // A request arriving on the busy connection while it drains is refused, with Connection: close.
    busy.socket.write(get('/late'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    server.held[0]!.end('held done');
    await busy.closed;
    expect(busy.text()).toMatch(/^HTTP\/1\.1 200 OK[\s\S]*held done[\s\S]*HTTP\/1\.1 503 Service Unavailable/);
    expect(busy.text()).toMatch(/connection: close/i);
    expect(busy.text()).toContain('shutting down');
    expect(await drained).toEqual({ timedOut: false });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(server.reached()).toBe(2);
  });

  it('refuses a request still queued behind its client\'s others when its turn comes, instead of serving it', async () => {
    server = await startGuardedServer();
    const holding = await Promise.all(Array.from({ length: CLIENT_REQUESTS_AT_ONCE }, () => connect(server!.port)));
    for (const c of holding) c.socket.write(get('/hold'));
    await until(() => server!.held.length === CLIENT_REQUESTS_AT_ONCE);
    const queued = await connect(server.port);
    queued.socket.write(get('/queued'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const drained = drainServers(5_000);
    for (const response of server.held) response.end('held done');
    await queued.closed;
    expect(queued.text()).toMatch(/^HTTP\/1\.1 503 Service Unavailable/);
    expect(server.reached()).toBe(CLIENT_REQUESTS_AT_ONCE);
    expect(await drained).toEqual({ timedOut: false });
  });

  it('cuts a request that outlasts the grace period, and is done then', async () => {
    server = await startGuardedServer();
    const busy = await connect(server.port);
    busy.socket.write(get('/hold'));
    await until(() => server!.held.length === 1);
    const started = performance.now();
    expect(await drainServers(300)).toEqual({ timedOut: true });
    await busy.closed;
    const took = performance.now() - started;
    expect(took).toBeGreaterThanOrEqual(290);
    expect(took).toBeLessThan(1_500);
  });
});
