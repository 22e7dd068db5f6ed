import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { preciseNow } from '../request-log';
import { HttpError } from './errors';
import { matchRoute } from './routes';
import type { MarquezState } from './state';

export interface RecordedRequest {
  method: string;
  path: string;
  query: string;
  status: number;
  /** When the request arrived and when its answer was sent (ms on the epoch clock, sub-ms precision), for critical-path analysis. */
  startedAt: number;
  endedAt: number | null;
  /** Bytes of the response body. */
  bytes: number;
}

export interface ServerOptions {
  state: MarquezState;
  latencyMs: number;
  port: number;
  apiKey: string | undefined;
  requests: RecordedRequest[];
}

const PREFIX = '/api/v1/';

function answer(state: MarquezState, method: string, rawPath: string, query: URLSearchParams, apiKey: string | undefined, auth: string | undefined): { status: number; body: string; type: string } {
  try {
    // Like an auth proxy in front of Marquez: it answers before the API sees the request.
    if (apiKey !== undefined && auth !== `Bearer ${apiKey}`) throw HttpError.text(401, 'Unauthorized');
    if (method !== 'GET') throw HttpError.json(405, 'HTTP 405 Method Not Allowed');
    if (!rawPath.startsWith(PREFIX)) throw HttpError.json(404, 'HTTP 404 Not Found');
    // Segments are split before decoding, so a dataset name with an encoded '/' (%2F) stays one segment.
    const segments = rawPath.slice(PREFIX.length).replace(/\/$/, '').split('/').map((s) => decodeURIComponent(s));
    const route = matchRoute(segments);
    if (route === null) throw HttpError.json(404, 'HTTP 404 Not Found');
    return { status: 200, body: JSON.stringify(route.handler(state, route.params, query)), type: 'application/json' };
  } catch (error) {
    if (error instanceof HttpError) return { status: error.status, body: error.body, type: error.contentType };
    if (error instanceof URIError) return { status: 400, body: 'Bad Request', type: 'text/plain' };
    const message = error instanceof Error ? error.message : String(error);
    return { status: 500, body: JSON.stringify({ code: 500, message }), type: 'application/json' };
  }
}

export function serve(options: ServerOptions): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const startedAt = preciseNow();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const auth = req.headers.authorization;
    const rawPath = (req.url ?? '/').split('?')[0] ?? '/';
    const result = answer(options.state, req.method ?? 'GET', rawPath, url.searchParams, options.apiKey, auth);
    const record: RecordedRequest = { method: req.method ?? 'GET', path: rawPath, query: url.search.replace(/^\?/, ''), status: result.status, startedAt, endedAt: null, bytes: Buffer.byteLength(result.body) };
    options.requests.push(record);
    const send = (): void => {
      record.endedAt = preciseNow();
      res.writeHead(result.status, { 'content-type': `${result.type}; charset=utf-8`, 'content-length': Buffer.byteLength(result.body) });
      res.end(result.body);
    };
    if (options.latencyMs > 0) setTimeout(send, options.latencyMs);
    else send();
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      const address = server.address();
      // listen() on a TCP port always reports an AddressInfo; a string only comes from pipes.
      const port = typeof address === 'object' && address !== null ? address.port : options.port;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            server.closeAllConnections();
          }),
      });
    });
  });
}
