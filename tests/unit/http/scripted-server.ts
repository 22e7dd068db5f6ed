import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach } from 'vitest';

/** One request as the server saw it; `at` is performance.now() on arrival, for retry spacing. */
export interface Hit {
  method: string;
  url: string;
  authorization: string | undefined;
  at: number;
}

/** Answers a request; `hit` counts requests since the test started (1 for the first). */
export type Handler = (req: IncomingMessage, res: ServerResponse, hit: number) => void;

/** A loopback server for the suite whose answers each test scripts through `handler`; `hits` restart per test. */
export function scriptedServer() {
  const state = { base: '', hits: [] as Hit[], handler: ((_req, res) => res.end('{}')) as Handler };
  let server: Server;
  beforeAll(async () => {
    server = createServer((req, res) => {
      state.hits.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, at: performance.now() });
      state.handler(req, res, state.hits.length);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    state.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  beforeEach(() => {
    state.hits = [];
  });
  return state;
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
