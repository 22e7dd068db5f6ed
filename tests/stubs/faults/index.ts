import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/**
 * A loopback proxy in front of any stub that can break on demand: refuse connections, hang, or answer
 * 500, malformed JSON or 401 instead of the upstream. Without a fault it forwards byte for byte.
 */
export type Fault = 'refused' | 'hang' | 'http-500' | 'malformed-json' | 'http-401';

export const FAULTS: readonly Fault[] = ['refused', 'hang', 'http-500', 'malformed-json', 'http-401'];

export interface FaultProxy {
  /** e.g. http://127.0.0.1:40123; stays the same across faults (a refused port is listened on again). */
  url: string;
  /** Requests that reached the proxy while it listened, in arrival order. */
  requests: Array<{ method: string; path: string; fault: Fault | null }>;
  setFault(fault: Fault | null): Promise<void>;
  /** Holds requests whose path starts with `pathPrefix` unanswered until `release()`, which forwards them. */
  hold(pathPrefix: string): { held: () => number; release: () => void };
  close(): Promise<void>;
}

const CANNED: Record<Exclude<Fault, 'refused' | 'hang'>, { status: number; type: string; body: string }> = {
  'http-500': { status: 500, type: 'application/json', body: JSON.stringify({ code: 500, message: 'injected fault: internal error' }) },
  'malformed-json': { status: 200, type: 'application/json', body: '{"injected": "malformed", "items": [{"name": ' },
  'http-401': { status: 401, type: 'text/plain', body: 'Unauthorized' },
};

function forward(target: URL, req: IncomingMessage, res: ServerResponse): void {
  const upstream = request(
    { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', () => res.destroy());
  req.pipe(upstream);
}

export async function startFaultProxy(targetUrl: string, initial: Fault | null = null): Promise<FaultProxy> {
  const target = new URL(targetUrl);
  const requests: FaultProxy['requests'] = [];
  const sockets = new Set<Socket>();
  let fault: Fault | null = null;
  let server: Server | null = null;
  let port = 0;
  const holds: Array<{ prefix: string; waiting: Array<() => void> }> = [];

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    requests.push({ method: req.method ?? 'GET', path: req.url ?? '/', fault });
    if (fault === 'hang') return; // never answers; the socket is destroyed on close
    const held = holds.find((h) => (req.url ?? '/').startsWith(h.prefix));
    if (held) {
      held.waiting.push(() => forward(target, req, res));
      return;
    }
    if (fault !== null && fault !== 'refused') {
      const canned = CANNED[fault];
      res.writeHead(canned.status, { 'content-type': canned.type, 'content-length': Buffer.byteLength(canned.body) });
      res.end(canned.body);
      return;
    }
    forward(target, req, res);
  };

  async function listen(): Promise<void> {
    const s = createServer(handle);
    s.on('connection', (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => resolve());
    });
    const address = s.address();
    port = typeof address === 'object' && address !== null ? address.port : port;
    server = s;
  }

  async function stop(): Promise<void> {
    const s = server;
    server = null;
    for (const socket of sockets) socket.destroy();
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  async function setFault(next: Fault | null): Promise<void> {
    fault = next;
    // A refused connection needs nobody listening; any other state needs the listener back.
    if (next === 'refused') await stop();
    else if (server === null) await listen();
    else if (next === null) for (const socket of sockets) socket.destroy(); // drop hung requests
  }

  function hold(prefix: string) {
    const entry = { prefix, waiting: [] as Array<() => void> };
    holds.push(entry);
    return {
      held: () => entry.waiting.length,
      release: () => {
        holds.splice(holds.indexOf(entry), 1);
        for (const send of entry.waiting.splice(0)) send();
      },
    };
  }

  await listen();
  await setFault(initial);
  return { url: `http://127.0.0.1:${port}`, requests, setFault, hold, close: stop };
}
