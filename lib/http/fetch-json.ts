import 'server-only';
import type { z } from 'zod';
import { logEvent } from '@/lib/observability/log';
import { JsonTooDeepError, jsonSyntaxReason, parseJsonLimited } from '@/lib/model/json-limits';
import { redactConfigured, upstreamText } from '@/lib/security/secrets';
import { recordUpstreamError, recordUpstreamRequest } from '@/lib/observability/runlens-metrics';
import { inUpstreamSpan } from '@/lib/observability/tracing';
import { backoffDelay } from './backoff';
import { breakerFor, type BreakerOptions, type BreakerView } from './breaker';
import { endpointOf } from './endpoint';
import { insecureTlsDispatcher } from './insecure-tls';
import { parseWire } from './parse-wire';
import { readCappedText, sizeLabel } from './read-capped';
import { SourceError, type SourceErrorKind } from './source-error';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface FetchJsonOptions<T> {
  url: string | URL;
  /** Validates the parsed body; upstream schemas should be non-strict (upstreams add fields). */
  schema: z.ZodType<T>;
  /** The upstream, for people: "Marquez". Every error message starts with it; it also names the circuit breaker. */
  source: string;
  /** Deadline of the whole call: every attempt, the body, and the waits between retries. */
  timeoutMs: number;
  /** Extra attempts after the first, for idempotent calls only. Default 0. */
  retries?: number;
  method?: HttpMethod;
  /** A POST that only reads (MLflow's runs/search, a GraphQL query) may be retried like a GET. */
  idempotent?: boolean;
  /** Parses the body text instead of JSON.parse (e.g. for upstreams that write NaN/Infinity as bare tokens). */
  parseBody?: (text: string) => unknown;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  /** First backoff delay; doubles per attempt, with jitter. Default 250 ms. */
  backoffMs?: number;
  /** Route template for metrics, e.g. `/namespaces/{namespace}/jobs` (see routePath). Default: the path with id-like segments masked. */
  endpoint?: string;
  /** Skip TLS certificate verification for this call only (MLFLOW_TRACKING_INSECURE_TLS). */
  insecureTls?: boolean;
  /** Largest body read; more fails the call unread. Default MAX_UPSTREAM_BODY_BYTES. */
  maxBodyBytes?: number;
  /** Settings of this source's circuit breaker (the first caller's are kept). */
  breaker?: BreakerOptions;
  /** A 5xx from this endpoint is the upstream's deterministic answer (Marquez /runlineage/upstream), not an outage: the breaker ignores it. */
  serverErrorsAreAnswers?: boolean;
}

// Only these may be sent twice without changing anything upstream.
const IDEMPOTENT = new Set<HttpMethod>(['GET', 'HEAD']);
// Far above any real answer (an MLflow runs/search page of 1,000 runs is ~3.6 MB), low enough that a runaway body cannot take the server's memory.
export const MAX_UPSTREAM_BODY_BYTES = 64 * 1024 * 1024;
// An error body only gives a capped one-line detail: reading more than this of it is waste.
const MAX_ERROR_BODY_BYTES = 64 * 1024;
// A Retry-After longer than this is not waited for: the caller gets the 429 instead of a hung page.
const MAX_RETRY_AFTER_MS = 10_000;

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EPIPE: 'connection closed',
  UND_ERR_SOCKET: 'connection closed',
  UND_ERR_HEADERS_TIMEOUT: 'no response headers',
  UND_ERR_BODY_TIMEOUT: 'response body stalled',
};

type Attempt<T> =
  | { ok: true; value: T }
  | { ok: false; error: SourceError; retryable: boolean; retryAfterMs: number | null; outage: boolean };

interface Call {
  source: string;
  method: HttpMethod;
  /** Path only: queries may carry tokens, and URLs may carry credentials. */
  where: string;
  endpoint: string;
  /** The whole call's deadline, for messages. */
  timeoutMs: number;
  serverErrorsAreAnswers: boolean;
  /** Largest success body read (bytes). */
  maxBodyBytes: number;
  /** This call's own credentials (its Authorization header and their parts), redacted from anything an upstream echoes. */
  secrets: string[];
}

function fail(call: Call, kind: SourceErrorKind, problem: string, extra: { status?: number; code?: string; cause?: unknown } = {}): SourceError {
  return new SourceError({ source: call.source, kind, status: extra.status, code: extra.code, cause: extra.cause, message: `${call.source}: ${call.method} ${call.where} ${redactConfigured(problem, call.secrets)}` });
}

/** `error_code` (MLflow) or `code` of a JSON error body, so callers can tell "no such thing" from "no such endpoint". */
function bodyCode(text: string): string | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return undefined;
    const code = 'error_code' in value ? value.error_code : 'code' in value ? value.code : undefined;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}

function errorCode(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  if ('code' in error && typeof error.code === 'string') return error.code;
  // Happy-eyeballs connects fail with an AggregateError of per-address errors.
  if (error instanceof AggregateError) return error.errors.map(errorCode).find((c) => c !== null) ?? null;
  return 'cause' in error ? errorCode(error.cause) : null;
}

function networkProblem(error: unknown): string {
  const code = errorCode(error);
  if (code !== null) return `failed: ${NETWORK_CODES[code] ?? 'network error'} (${code})`;
  return `failed: ${upstreamText(error instanceof Error ? error.message : String(error))}`;
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

/**
 * What an error body says, fit to show: `{code, message}` and GraphQL `{errors: [{message}]}` bodies give their
 * message, an HTML page (a proxy's) only that it was one, anything else its first characters; always redacted
 * (configured secrets, `extra`, named credential values) and capped, as upstreams and proxies echo requests.
 */
export function errorDetail(text: string, extra: readonly string[] = []): string {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  if (/^<(?:!doctype|html|head|body|\?xml)/i.test(trimmed)) return 'an HTML error page';
  try {
    const value: unknown = JSON.parse(trimmed);
    if (typeof value === 'object' && value !== null && 'message' in value && typeof value.message === 'string') return upstreamText(value.message, extra);
    const first: unknown = typeof value === 'object' && value !== null && 'errors' in value && Array.isArray(value.errors) ? value.errors[0] : null;
    if (typeof first === 'object' && first !== null && 'message' in first && typeof first.message === 'string') return upstreamText(first.message, extra);
  } catch {
    // not JSON: plain text (some Marquez 400s)
  }
  return upstreamText(trimmed, extra);
}

/** Retry-After as delta-seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (header === null || header.trim() === '') return null;
  const seconds = Number(header.trim());
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/**
 * How long a 429 asks us to wait: Retry-After, else the IETF RateLimit headers
 * (`RateLimit-Reset: 30` or `RateLimit: limit=100, remaining=0, reset=30`), in ms; null when none is readable.
 */
export function rateLimitWaitMs(headers: Headers, now = Date.now()): number | null {
  const retryAfter = retryAfterMs(headers.get('retry-after'), now);
  if (retryAfter !== null) return retryAfter;
  const reset = headers.get('ratelimit-reset') ?? /(?:^|[;,\s])reset=(\d+(?:\.\d+)?)/i.exec(headers.get('ratelimit') ?? '')?.[1] ?? null;
  const seconds = reset === null ? NaN : Number(reset.trim());
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : null;
}

async function attempt<T>(call: Call, url: string, init: RequestInit, schema: z.ZodType<T>, budgetMs: number, parseBody: (text: string) => unknown): Promise<Attempt<T>> {
  let response: Response;
  let text: string;
  // One controller for the deadline and the body cap (closing the connection rather than draining it). Not
  // AbortSignal.any([AbortSignal.timeout(…), …]): on Node 20 such a fetch to a hung upstream never aborted
  // (tests/e2e/faults.spec.ts "hang").
  const stop = new AbortController();
  const deadline = setTimeout(() => stop.abort(new DOMException(`timed out after ${budgetMs} ms`, 'TimeoutError')), budgetMs);
  try {
    response = await fetch(url, { ...init, signal: stop.signal });
    const ok = response.status >= 200 && response.status < 300;
    const body = await readCappedText(response, ok ? call.maxBodyBytes : MAX_ERROR_BODY_BYTES);
    if (body.overCap) stop.abort();
    if (body.overCap && ok) {
      return { ok: false, error: fail(call, 'parse', `answered more than ${sizeLabel(call.maxBodyBytes)}; not read`, { status: response.status }), retryable: false, retryAfterMs: null, outage: false };
    }
    text = body.text;
  } catch (error) {
    if (isTimeout(error)) return { ok: false, error: fail(call, 'timeout', `timed out after ${call.timeoutMs} ms`, { cause: error }), retryable: true, retryAfterMs: null, outage: true };
    return { ok: false, error: fail(call, 'network', networkProblem(error), { cause: error }), retryable: true, retryAfterMs: null, outage: true };
  } finally {
    clearTimeout(deadline);
  }
  const { status } = response;
  if (status < 200 || status >= 300) {
    const detail = errorDetail(text, call.secrets);
    const suffix = detail === '' ? '' : `: ${detail}`;
    if (status === 401 || status === 403) {
      return { ok: false, error: fail(call, 'auth', `was refused (HTTP ${status}${suffix}); check the API key`, { status }), retryable: false, retryAfterMs: null, outage: false };
    }
    const retryable = status === 429 || status >= 500;
    const after = status === 429 ? rateLimitWaitMs(response.headers) : null;
    return {
      ok: false, error: fail(call, 'http', `answered HTTP ${status}${suffix}`, { status, code: bodyCode(text) }),
      retryable: retryable && (after === null || after <= MAX_RETRY_AFTER_MS), retryAfterMs: after, outage: status >= 500 && !call.serverErrorsAreAnswers,
    };
  }
  let json: unknown = null;
  if (call.method !== 'HEAD') {
    if (text.trim() === '') return { ok: false, error: fail(call, 'parse', 'returned an empty body where JSON was expected', { status }), retryable: false, retryAfterMs: null, outage: false };
    try {
      json = parseBody(text);
    } catch (error) {
      return { ok: false, error: fail(call, 'parse', error instanceof JsonTooDeepError ? `returned ${error.message}` : `returned invalid JSON (${jsonSyntaxReason(error)})`, { status, cause: error }), retryable: false, retryAfterMs: null, outage: false };
    }
  }
  const parsed = parseWire(schema, json);
  if (!parsed.ok) return { ok: false, error: fail(call, 'parse', `returned an unexpected response: ${parsed.message}`, { status }), retryable: false, retryAfterMs: null, outage: false };
  return { ok: true, value: parsed.value };
}

/** The credentials a call sends (header values, the token after the scheme, a Basic pair and its password), to redact their echoes. */
function credentialsOf(headers: Record<string, string>): string[] {
  const secrets: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (!/authorization|api-?key|token|cookie/i.test(name)) continue;
    secrets.push(value);
    const [scheme, credential] = value.split(/\s+(.*)/s);
    if (!credential) continue;
    secrets.push(credential);
    if (scheme?.toLowerCase() !== 'basic') continue;
    const pair = Buffer.from(credential, 'base64').toString('utf8');
    secrets.push(pair, pair.slice(pair.indexOf(':') + 1));
  }
  return secrets;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Metrics for every attempt (a 404 is an answer, not an error). */
function observe<T>(call: Call, result: Attempt<T>, startedAt: number): void {
  const seconds = (performance.now() - startedAt) / 1000;
  const notFound = !result.ok && result.error.kind === 'http' && result.error.status === 404;
  const outcome = result.ok ? 'ok' : notFound ? 'not_found' : result.error.kind;
  recordUpstreamRequest(call.source, call.endpoint, call.method, outcome, seconds);
  if (!result.ok && !notFound) recordUpstreamError(call.source, call.endpoint, result.error.kind);
}

/** A 4xx other than 401/403/429 is the upstream's answer about this request (no such run, bad query), not a failing source. */
function isAnswer(error: SourceError): boolean {
  return error.kind === 'http' && error.status !== undefined && error.status < 500 && error.status !== 429;
}

function refused(call: Call, view: BreakerView): SourceError {
  const since = view.failingSince ?? view.openedAt ?? 'recently';
  const retry = view.retryAt === null ? 'once the probe in flight answers' : `after ${view.retryAt}`;
  const last = view.lastError === null ? '' : ` Last error: ${view.lastError}`;
  recordUpstreamError(call.source, call.endpoint, 'unavailable');
  return new SourceError({
    source: call.source, kind: 'unavailable', failingSince: view.failingSince,
    message: `${call.source}: not called (${call.method} ${call.where}): ${view.consecutiveFailures} calls in a row failed, failing since ${since}; the next try is ${retry}.${last}`,
  });
}

function logFailure(call: Call, error: SourceError, attempts: number, startedAt: number): void {
  // A 404 is an answer ("no such thing"), which callers turn into null.
  if (error.kind === 'http' && error.status === 404) return;
  logEvent(error.kind === 'unavailable' ? 'info' : 'warn', 'upstream_call_failed', {
    source: call.source, endpoint: call.endpoint, method: call.method, kind: error.kind, status: error.status ?? null,
    attempts, durationMs: Math.round(performance.now() - startedAt), failingSince: error.failingSince, message: error.message,
  });
}

/**
 * The one way Runlens calls an upstream: one deadline for the whole call, retries with backoff and
 * jitter only for idempotent calls and only on network errors, timeouts, 429 and 5xx, a circuit
 * breaker per source, and a body validated by the schema. Throws SourceError; never returns unvalidated data.
 */
export function fetchJson<T>(options: FetchJsonOptions<T>): Promise<T> {
  const url = new URL(options.url);
  const span = { source: options.source, method: options.method ?? 'GET', endpoint: options.endpoint ?? endpointOf(url.pathname), host: url.host };
  return inUpstreamSpan(span, () => callUpstream(options));
}

async function callUpstream<T>(options: FetchJsonOptions<T>): Promise<T> {
  const startedAt = performance.now();
  const method = options.method ?? 'GET';
  const url = new URL(options.url);
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  let body: string | undefined;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  // fetch refuses URLs with credentials: user:password in the URL becomes Basic auth instead.
  const target = new URL(url);
  if (target.username !== '' && headers.authorization === undefined && headers.Authorization === undefined) {
    const user = decodeURIComponent(target.username);
    const password = decodeURIComponent(target.password);
    headers.authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  }
  target.username = '';
  target.password = '';
  const call: Call = {
    source: options.source, method, where: url.pathname, endpoint: options.endpoint ?? endpointOf(url.pathname),
    timeoutMs: options.timeoutMs, maxBodyBytes: options.maxBodyBytes ?? MAX_UPSTREAM_BODY_BYTES, serverErrorsAreAnswers: options.serverErrorsAreAnswers ?? false, secrets: credentialsOf(headers),
  };
  const init: RequestInit & { dispatcher?: unknown } = { method, headers, body };
  if (options.insecureTls) init.dispatcher = await insecureTlsDispatcher();
  const idempotent = IDEMPOTENT.has(method) || options.idempotent === true;
  const retries = idempotent ? Math.max(0, options.retries ?? 0) : 0;
  const base = options.backoffMs ?? 250;
  const deadline = startedAt + options.timeoutMs;
  const breaker = breakerFor(options.source, options.breaker);
  // Asked once per call, not per attempt: a half-open breaker's probe is this whole call, retries included.
  const admission = breaker.admit();
  if (!admission.allowed) {
    const error = refused(call, admission.view);
    logFailure(call, error, 0, startedAt);
    throw error;
  }
  for (let n = 0; ; n++) {
    const attemptStart = performance.now();
    const result = await attempt(call, target.toString(), init, options.schema, Math.max(1, Math.ceil(deadline - attemptStart)), options.parseBody ?? parseJsonLimited);
    observe(call, result, attemptStart);
    if (result.ok) {
      breaker.succeeded();
      return result.value;
    }
    const wait = result.retryAfterMs ?? backoffDelay(base, n);
    if (!result.retryable || n >= retries || performance.now() + wait >= deadline) {
      if (n > 0) result.error.message = `${result.error.message} (after ${n + 1} attempts)`;
      // The breaker counts calls, not attempts: a call that used up its retries is one failure.
      if (isAnswer(result.error)) breaker.succeeded();
      else breaker.failed(result.error.message, result.outage);
      result.error.failingSince = breaker.view().failingSince;
      logFailure(call, result.error, n + 1, startedAt);
      throw result.error;
    }
    await sleep(wait);
  }
}
