import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { preciseNow } from '../request-log';
import { StubResponse } from './errors';
import type { Json } from './json';
import type { RecordedData } from './recordings';
import { ROUTES, loggedModelRoute, paramsOf, type RouteOptions } from './routes';

export interface LoggedRequest {
  method: string;
  /** Path as sent, without the query (still URL-encoded). */
  path: string;
  query: string;
  /** Parsed JSON body of a POST, else null. */
  body: Json;
  status: number;
  /** When the request arrived and when its answer was sent (ms on the epoch clock, sub-ms precision), for critical-path analysis. */
  startedAt: number;
  endedAt: number | null;
  /** Bytes of the response body: what the request cost the network. */
  bytes: number;
}

export type StubAuth = { username: string; password: string } | { token: string };

/** A canned answer for every request whose path contains `match` (all requests without it). */
export interface StubFault {
  status: number;
  body: string;
  contentType?: string;
  match?: string;
}

export interface ServerOptions extends RouteOptions {
  data: RecordedData;
  latencyMs: number;
  /** Per run in a runs/search answer (read at each request). */
  latencyPerRunMs: () => number;
  port: number;
  basePath: string;
  auth: StubAuth | undefined;
  requests: LoggedRequest[];
  fault: () => StubFault | null;
}

const API = /^\/(?:ajax-)?api\/2\.0\/mlflow\/(.+)$/;

function authorised(auth: StubAuth | undefined, header: string | undefined): boolean {
  if (auth === undefined) return true;
  if ('token' in auth) return header === `Bearer ${auth.token}`;
  return header === `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
}

function parseBody(raw: string): Json {
  if (raw.trim() === '') return null;
  try {
    return JSON.parse(raw);
  } catch {
    throw StubResponse.mlflow(400, 'MALFORMED_REQUEST', 'Failed to parse the request body as JSON');
  }
}

function answer(options: ServerOptions, method: string, rawPath: string, query: URLSearchParams, body: string, header: string | undefined): StubResponse {
  const fault = options.fault();
  if (fault && (fault.match === undefined || rawPath.includes(fault.match))) return new StubResponse(fault.status, fault.body, fault.contentType ?? 'text/plain');
  // The basic-auth app (or a proxy) answers before MLflow's handlers see the request.
  if (!authorised(options.auth, header)) return StubResponse.unauthenticated();
  if (!rawPath.startsWith(options.basePath)) return StubResponse.flask(404);
  const match = API.exec(rawPath.slice(options.basePath.length));
  const logged = match ? loggedModelRoute(options.data, match[1] ?? '', method) : null;
  if (logged) return logged;
  const route = match ? ROUTES[match[1] ?? ''] : undefined;
  if (!route) return StubResponse.flask(404);
  if (!route.methods.includes(method)) return StubResponse.flask(405);
  const result = route.handler(options.data, paramsOf(query, method === 'POST' ? parseBody(body) : null), options);
  return new StubResponse(200, typeof result === 'string' ? result : JSON.stringify(result), 'application/json');
}

/** runs/search's extra time for the runs it answers with (a successful answer only). */
function perRunLatency(options: ServerOptions, path: string, result: StubResponse): number {
  const perRun = options.latencyPerRunMs();
  if (perRun === 0 || result.status !== 200 || !path.endsWith('/runs/search')) return 0;
  const runs = (JSON.parse(result.body) as { runs?: unknown[] }).runs;
  return perRun * (runs?.length ?? 0);
}

function handle(options: ServerOptions, req: IncomingMessage, res: ServerResponse, raw: string, startedAt: number): void {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const method = req.method ?? 'GET';
  let result: StubResponse;
  try {
    result = answer(options, method, url.pathname, url.searchParams, raw, req.headers.authorization);
  } catch (error) {
    result = error instanceof StubResponse ? error : StubResponse.mlflow(500, 'INTERNAL_ERROR', error instanceof Error ? error.message : String(error));
  }
  let body: Json = null;
  try {
    body = raw.trim() === '' ? null : JSON.parse(raw);
  } catch {
    body = raw;
  }
  const record: LoggedRequest = { method, path: url.pathname, query: url.search.replace(/^\?/, ''), body, status: result.status, startedAt, endedAt: null, bytes: Buffer.byteLength(result.body) };
  options.requests.push(record);
  const send = (): void => {
    record.endedAt = preciseNow();
    res.writeHead(result.status, { 'content-type': `${result.contentType}; charset=utf-8`, 'content-length': Buffer.byteLength(result.body), ...result.headers });
    res.end(result.body);
  };
  const latency = options.latencyMs + perRunLatency(options, url.pathname, result);
  if (latency > 0) setTimeout(send, latency);
  else send();
}

export function serve(options: ServerOptions): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const startedAt = preciseNow();
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handle(options, req, res, Buffer.concat(chunks).toString('utf8'), startedAt));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      const address = server.address();
      // listen() on a TCP port always reports an AddressInfo; a string only comes from pipes.
      const port = typeof address === 'object' && address !== null ? address.port : options.port;
      // Closing twice (a test that stops the server itself, then its cleanup) waits for the first close.
      let closing: Promise<void> | null = null;
      resolve({
        url: `http://127.0.0.1:${port}${options.basePath}`,
        close: () =>
          (closing ??= new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            server.closeAllConnections();
          })),
      });
    });
  });
}
