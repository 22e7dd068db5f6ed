import http from 'node:http';
import { stampPeerAddress } from '@/lib/auth/peer-address';
import { recordRejectedRequest } from '@/lib/observability/runlens-metrics';
import { NON_PAGE_CSP, STATIC_SECURITY_HEADERS, STRICT_TRANSPORT_SECURITY } from './static-headers';

/**
 * What the Node server does with every request before Next routes it (installed once by instrumentation.ts):
 * - stamps the TCP peer (proxy-mode auth);
 * - drops `x-prerender-revalidate*`: with the build's previewModeId (it ships in every image) Next would skip
 *   proxy.ts, i.e. auth; Runlens never revalidates on demand, so no legitimate request carries it;
 * - refuses what Next would answer with a 500 stack trace before auth: methods it has no handler for
 *   (TRACE, CONNECT, …; 405), a request target that is not a path (`*`, absolute-form; 400) and a path whose
 *   percent-encoding is invalid (`/api/runs/%ff`; 400);
 * - sets the static security headers, so every response has them (HSTS when the request came over TLS).
 */

export const ALLOWED_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
const allowed = new Set<string>(ALLOWED_METHODS);
const STRIPPED_HEADERS = ['x-prerender-revalidate', 'x-prerender-revalidate-if-generated'];
const INSTALLED = Symbol.for('runlens.requestGuard');

export type Refusal = { status: 400 | 405; reason: 'method' | 'target' | 'encoding'; message: string };

/** Why a request must not reach Next, or null. Pure, for tests. */
export function refusalOf(method: string | undefined, target: string | undefined): Refusal | null {
  if (!allowed.has(method ?? '')) return { status: 405, reason: 'method', message: `Method ${method ?? '(none)'} is not allowed; use ${ALLOWED_METHODS.join(', ')}.` };
  const url = target ?? '';
  if (!url.startsWith('/')) return { status: 400, reason: 'target', message: 'The request target must be a path starting with "/".' };
  const path = url.split(/[?#]/, 1)[0] ?? '';
  try {
    decodeURIComponent(path);
  } catch {
    return { status: 400, reason: 'encoding', message: 'The path has invalid percent-encoding (each % must start a UTF-8 byte such as %2F).' };
  }
  return null;
}

function overTls(request: http.IncomingMessage): boolean {
  const encrypted = (request.socket as { encrypted?: boolean }).encrypted === true;
  // A TLS-terminating proxy says so; a client that lies only gets a header its browser ignores over HTTP.
  return encrypted || /(^|,)\s*https\s*(,|$)/i.test(String(request.headers['x-forwarded-proto'] ?? ''));
}

/** Applies the guard to one request; true when it answered the request itself. */
export function guardRequest(request: http.IncomingMessage, response: http.ServerResponse): boolean {
  stampPeerAddress(request);
  for (const name of STRIPPED_HEADERS) delete request.headers[name];
  for (const [name, value] of STATIC_SECURITY_HEADERS) response.setHeader(name, value);
  if (overTls(request)) response.setHeader(STRICT_TRANSPORT_SECURITY[0], STRICT_TRANSPORT_SECURITY[1]);
  const refusal = refusalOf(request.method, request.url);
  if (refusal === null) return false;
  recordRejectedRequest(refusal.reason);
  const api = (request.url ?? '').startsWith('/api/');
  response.statusCode = refusal.status;
  response.setHeader('content-security-policy', NON_PAGE_CSP);
  response.setHeader('cache-control', 'no-store');
  if (refusal.status === 405) response.setHeader('allow', ALLOWED_METHODS.join(', '));
  response.setHeader('content-type', api ? 'application/json' : 'text/plain; charset=utf-8');
  response.end(request.method === 'HEAD' ? undefined : api ? JSON.stringify({ error: refusal.message }) : refusal.message);
  return true;
}

/** Installs the guard on every Node HTTP server of this process (Next's included), once. */
export function installRequestGuard(): void {
  const global = globalThis as typeof globalThis & { [INSTALLED]?: true };
  if (global[INSTALLED]) return;
  const original = http.Server.prototype.emit;
  http.Server.prototype.emit = function emitGuarded(this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'request' && guardRequest(args[0] as http.IncomingMessage, args[1] as http.ServerResponse)) return true;
    return Reflect.apply(original, this, [event, ...args]) as boolean;
  };
  global[INSTALLED] = true;
}
