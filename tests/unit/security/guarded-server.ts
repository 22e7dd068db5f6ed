import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import { installRequestGuard } from '@/lib/security/request-guard';

export interface GuardedServer {
  port: number;
  /** Responses of `/hold` requests, kept open until the test ends them. */
  held: http.ServerResponse[];
  /** Requests that got past the guard to the app. */
  reached(): number;
  close(): Promise<void>;
}

/** A loopback server behind the request guard: `/hold` is held open, anything else answers `ok`. */
export async function startGuardedServer(): Promise<GuardedServer> {
  installRequestGuard();
  const held: http.ServerResponse[] = [];
  let reached = 0;
  const server = http.createServer((request, response) => {
    reached++;
    if (request.url === '/hold') held.push(response);
    else response.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    held,
    reached: () => reached,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** A guarded server for the enclosing describe block: started before its tests and closed after them. */
export function guardedServerForSuite(): GuardedServer {
  const suite: GuardedServer = { port: 0, held: [], reached: () => 0, close: async () => {} };
  beforeAll(async () => {
    Object.assign(suite, await startGuardedServer());
  });
  afterAll(() => suite.close());
  return suite;
}
