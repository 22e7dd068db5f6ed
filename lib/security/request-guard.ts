import http from 'node:http';
import { isAccepted } from '@/lib/auth/accepted-credentials';
import { ADMITTED_HEADER, loginThrottle } from '@/lib/auth/login-throttle';
import { stampPeerAddress } from '@/lib/auth/peer-address';
import { readAuthEnv } from '@/lib/env';
import { clientAddress } from '@/lib/auth/client-address';
import type { AuthConfig } from '@/lib/auth/config';
import { recordRejectedRequest } from '@/lib/observability/runlens-metrics';
import { NON_PAGE_CSP, STATIC_SECURITY_HEADERS, STRICT_TRANSPORT_SECURITY } from './static-headers';
import { createClientGate, type ClientGate } from './client-gate';
import { raiseListenBacklog } from './listen-backlog';
import { noteServer, refuseWhileDraining } from './graceful-shutdown';
import { createRenderGate, isHeavyPage, type RenderGate } from './render-gate';
import { createClientQueues, type ClientQueues } from './client-queue';
import { whenAnswered } from './when-answered';

/**
 * What the Node server does with every request before Next routes it (installed once by instrumentation.ts):
 * - stamps the TCP peer (proxy-mode auth);
 * - drops `x-prerender-revalidate*`: with the build's previewModeId (it ships in every image) Next would skip
 *   proxy.ts, i.e. auth; Runlens never revalidates on demand, so no legitimate request carries it;
 * - refuses what Next would answer with a 500 stack trace before auth: methods it has no handler for
 *   (TRACE, CONNECT, …; 405), a request target that is not a path (`*`, absolute-form; 400) and a path whose
 *   percent-encoding is invalid (`/api/runs/%ff`; 400);
 * - sets the static security headers, so every response has them (HSTS when the request came over TLS);
 * - with Basic auth, sheds logins beyond the login throttle's in-flight caps and locks (429) here, because a
 *   flood that reaches Next costs ~20 ms of its pipeline per request even when proxy.ts refuses it;
 * - sheds a client's requests beyond its in-flight cap (client-gate.ts; 503 with Retry-After), for the same reason.
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

/** The basic-auth config (read once), or false in any other mode: only Basic logins are throttled. */
let basicAuth: Extract<AuthConfig, { mode: 'basic' }> | false | null = null;
/** Reverse proxies whose X-Forwarded-For names the client (read once from the auth config). */
let trustedProxies: import('node:net').BlockList | null | undefined;
const holder = globalThis as typeof globalThis & { __runlensClientGate?: ClientGate; __runlensRenderGate?: RenderGate; __runlensClientQueues?: ClientQueues };
const clientGate = (holder.__runlensClientGate ??= createClientGate());
const renderGate = (holder.__runlensRenderGate ??= createRenderGate());
const clientQueues = (holder.__runlensClientQueues ??= createClientQueues());

/** The client a request counts against: the TCP peer, or behind a trusted proxy the client it names. */
function clientOf(request: http.IncomingMessage): string {
  if (trustedProxies === undefined) {
    const config = readAuthEnv();
    trustedProxies = config.mode === 'basic' || config.mode === 'proxy' ? config.trustedProxies : null;
  }
  const forwarded = request.headers['x-forwarded-for'];
  return clientAddress(request.socket.remoteAddress, Array.isArray(forwarded) ? forwarded.join(', ') : forwarded, trustedProxies);
}

/** True when the client has too many requests in flight and this one was shed (503). /api/live is never shed. */
function shedFlood(request: http.IncomingMessage, response: http.ServerResponse): boolean {
  if ((request.url ?? '').startsWith('/api/live')) return false;
  const slot = clientGate.enter(clientOf(request));
  if (slot === null) {
    response.setHeader('retry-after', '1');
    answer(request, response, 503, 'Too many requests in flight from this address; try again in 1 s.');
    return true;
  }
  whenAnswered(request, response, slot.leave);
  return false;
}

function answer(request: http.IncomingMessage, response: http.ServerResponse, status: number, message: string): void {
  const api = (request.url ?? '').startsWith('/api/');
  response.statusCode = status;
  response.setHeader('content-security-policy', NON_PAGE_CSP);
  response.setHeader('cache-control', 'no-store');
  response.setHeader('content-type', api ? 'application/json' : 'text/plain; charset=utf-8');
  response.end(request.method === 'HEAD' ? undefined : api ? JSON.stringify({ error: message }) : message);
}

/** Unverified Basic logins pass only within the login throttle's caps; true when this one was refused (429). */
function shedLogin(request: http.IncomingMessage, response: http.ServerResponse): boolean {
  if (basicAuth === null) {
    const config = readAuthEnv();
    basicAuth = config.mode === 'basic' ? config : false;
  }
  const header = request.headers.authorization;
  if (!basicAuth || typeof header !== 'string' || !/^basic /i.test(header) || isAccepted(header)) return false;
  const throttle = loginThrottle();
  const admission = throttle.enter(clientOf(request));
  if (!admission.ok) {
    response.setHeader('retry-after', String(admission.retryAfterSeconds));
    answer(request, response, 429, `Too many sign-in attempts from this address; try again in ${admission.retryAfterSeconds} s.`);
    return true;
  }
  request.headers[ADMITTED_HEADER] = throttle.admittedToken;
  whenAnswered(request, response, admission.leave);
  return false;
}

/** Applies the guard to one request; true when it answered the request itself. */
export function guardRequest(request: http.IncomingMessage, response: http.ServerResponse): boolean {
  stampPeerAddress(request);
  for (const name of [...STRIPPED_HEADERS, ADMITTED_HEADER]) delete request.headers[name];
  for (const [name, value] of STATIC_SECURITY_HEADERS) response.setHeader(name, value);
  if (overTls(request)) response.setHeader(STRICT_TRANSPORT_SECURITY[0], STRICT_TRANSPORT_SECURITY[1]);
  if (refuseWhileDraining(response)) return true;
  const refusal = refusalOf(request.method, request.url);
  if (refusal === null) {
    // Logins first: a flood of wrong passwords is the login throttle's (429 with its lock), not a generic 503.
    if (shedLogin(request, response)) {
      recordRejectedRequest('login');
      return true;
    }
    if (!shedFlood(request, response)) return false;
    recordRejectedRequest('flood');
    return true;
  }
  recordRejectedRequest(refusal.reason);
  if (refusal.status === 405) response.setHeader('allow', ALLOWED_METHODS.join(', '));
  answer(request, response, refusal.status, refusal.message);
  return true;
}

/** The request starts once its client has fewer than CLIENT_REQUESTS_AT_ONCE in progress (client-queue.ts); /api/live at once. */
function queueForClient(request: http.IncomingMessage, response: http.ServerResponse, start: () => void): true {
  if ((request.url ?? '').startsWith('/api/live')) {
    start();
    return true;
  }
  whenAnswered(request, response, clientQueues.enter(clientOf(request), start).leave);
  return true;
}

/** A heavy page renders when the render gate has a slot (render-gate.ts), in arrival order; a full queue answers 503. */
function queueRender(request: http.IncomingMessage, response: http.ServerResponse, render: () => void): true {
  const ticket = renderGate.enter(render);
  if (ticket === null) {
    recordRejectedRequest('busy');
    response.setHeader('retry-after', '1');
    answer(request, response, 503, 'Too many pages rendering; try again in 1 s.');
    return true;
  }
  whenAnswered(request, response, ticket.leave);
  return true;
}

/** Installs the guard on every Node HTTP server of this process (Next's included), once. */
export function installRequestGuard(): void {
  const global = globalThis as typeof globalThis & { [INSTALLED]?: true };
  if (global[INSTALLED]) return;
  const original = http.Server.prototype.emit;
  http.Server.prototype.emit = function emitGuarded(this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    raiseListenBacklog(this);
    noteServer(this);
    const forward = () => Reflect.apply(original, this, [event, ...args]) as boolean;
    if (event !== 'request') return forward();
    const [request, response] = args as [http.IncomingMessage, http.ServerResponse];
    // A request still queued when a shutdown begins is refused when its turn comes, not rendered.
    const proceed = () => refuseWhileDraining(response) || forward();
    if (guardRequest(request, response)) return true;
    return queueForClient(request, response, () => (isHeavyPage(request.method, request.url) ? queueRender(request, response, proceed) : proceed()));
  };
  global[INSTALLED] = true;
}
