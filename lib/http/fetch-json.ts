import 'server-only';
import type { z } from 'zod';
import { SourceError, type SourceErrorKind } from './source-error';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface FetchJsonOptions<T> {
  url: string | URL;
  /** Validates the parsed body; upstream schemas should be non-strict (upstreams add fields). */
  schema: z.ZodType<T>;
  /** The upstream, for people: "Marquez". Every error message starts with it. */
  source: string;
  /** Deadline of each attempt, covering the response body too. */
  timeoutMs: number;
  /** Extra attempts after the first, for idempotent methods only. Default 0. */
  retries?: number;
  method?: HttpMethod;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  /** First backoff delay; doubles per attempt, with jitter. Default 250 ms. */
  backoffMs?: number;
  /** The caller vouches that this request only reads (a GraphQL query is a POST), so it may be retried. */
  idempotent?: boolean;
  /** Parses the body text instead of JSON.parse (e.g. for upstreams that write NaN/Infinity as bare tokens). */
  parseBody?: (text: string) => unknown;
}

// Only these may be sent twice without changing anything upstream.
const IDEMPOTENT = new Set<HttpMethod>(['GET', 'HEAD']);
const MAX_BACKOFF_MS = 5_000;
// A Retry-After longer than this is not waited for: the caller gets the 429 instead of a hung page.
const MAX_RETRY_AFTER_MS = 10_000;
const DETAIL_CHARS = 200;

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
  | { ok: false; error: SourceError; retryable: boolean; retryAfterMs: number | null };

interface Call {
  source: string;
  method: HttpMethod;
  /** Path only: queries may carry tokens, and URLs may carry credentials. */
  where: string;
  timeoutMs: number;
}

function fail(call: Call, kind: SourceErrorKind, problem: string, extra: { status?: number; code?: string; cause?: unknown } = {}): SourceError {
  return new SourceError({ source: call.source, kind, status: extra.status, code: extra.code, cause: extra.cause, message: `${call.source}: ${call.method} ${call.where} ${problem}` });
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
  return `failed: ${error instanceof Error ? error.message : String(error)}`;
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

/** `{code, message}` and GraphQL `{errors: [{message}]}` bodies give their message; anything else its first characters, on one line. */
export function errorDetail(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  try {
    const value: unknown = JSON.parse(trimmed);
    if (typeof value === 'object' && value !== null && 'message' in value && typeof value.message === 'string') return value.message.slice(0, DETAIL_CHARS);
    const first: unknown = typeof value === 'object' && value !== null && 'errors' in value && Array.isArray(value.errors) ? value.errors[0] : null;
    if (typeof first === 'object' && first !== null && 'message' in first && typeof first.message === 'string') return first.message.slice(0, DETAIL_CHARS);
  } catch {
    // not JSON: plain text (some Marquez 400s) or an HTML error page from a proxy
  }
  return trimmed.replace(/\s+/g, ' ').slice(0, DETAIL_CHARS);
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

/** Retry-After as delta-seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (header === null || header.trim() === '') return null;
  const seconds = Number(header.trim());
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

function backoff(baseMs: number, attempt: number): number {
  const full = Math.min(MAX_BACKOFF_MS, baseMs * 2 ** attempt);
  // Half fixed, half random: retries from many requests do not arrive in lockstep.
  return full / 2 + Math.random() * (full / 2);
}

function issuesLine(error: z.ZodError): string {
  const shown = error.issues.slice(0, 3).map((i) => {
    const message = i.message.replace(/^Invalid input: /, '');
    return i.path.length > 0 ? `${i.path.map(String).join('.')}: ${message}` : message;
  });
  const more = error.issues.length - shown.length;
  return more > 0 ? `${shown.join('; ')} (and ${more} more)` : shown.join('; ');
}

async function attempt<T>(call: Call, url: string, init: RequestInit, schema: z.ZodType<T>, parseBody: (text: string) => unknown): Promise<Attempt<T>> {
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(call.timeoutMs) });
    text = await response.text();
  } catch (error) {
    if (isTimeout(error)) return { ok: false, error: fail(call, 'timeout', `timed out after ${call.timeoutMs} ms`, { cause: error }), retryable: true, retryAfterMs: null };
    return { ok: false, error: fail(call, 'network', networkProblem(error), { cause: error }), retryable: true, retryAfterMs: null };
  }
  const { status } = response;
  if (status < 200 || status >= 300) {
    const detail = errorDetail(text);
    const suffix = detail === '' ? '' : `: ${detail}`;
    if (status === 401 || status === 403) {
      return { ok: false, error: fail(call, 'auth', `was refused (HTTP ${status}${suffix}); check the API key`, { status }), retryable: false, retryAfterMs: null };
    }
    const retryable = status === 429 || status >= 500;
    const after = status === 429 ? rateLimitWaitMs(response.headers) : null;
    return { ok: false, error: fail(call, 'http', `answered HTTP ${status}${suffix}`, { status, code: bodyCode(text) }), retryable: retryable && (after === null || after <= MAX_RETRY_AFTER_MS), retryAfterMs: after };
  }
  let json: unknown = null;
  if (call.method !== 'HEAD') {
    if (text.trim() === '') return { ok: false, error: fail(call, 'parse', 'returned an empty body where JSON was expected', { status }), retryable: false, retryAfterMs: null };
    try {
      json = parseBody(text);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { ok: false, error: fail(call, 'parse', `returned invalid JSON (${reason})`, { status, cause: error }), retryable: false, retryAfterMs: null };
    }
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return { ok: false, error: fail(call, 'parse', `returned an unexpected response: ${issuesLine(parsed.error)}`, { status }), retryable: false, retryAfterMs: null };
  return { ok: true, value: parsed.data };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The one way Runlens calls an upstream: a deadline on every attempt, retries with backoff only for
 * idempotent methods and only on network errors, timeouts, 429 and 5xx, and a body validated by the
 * schema. Throws SourceError; never returns unvalidated data.
 */
export async function fetchJson<T>(options: FetchJsonOptions<T>): Promise<T> {
  const method = options.method ?? 'GET';
  const url = new URL(options.url);
  const call: Call = { source: options.source, method, where: url.pathname, timeoutMs: options.timeoutMs };
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
  const retries = IDEMPOTENT.has(method) || options.idempotent === true ? Math.max(0, options.retries ?? 0) : 0;
  const base = options.backoffMs ?? 250;
  for (let n = 0; ; n++) {
    const result = await attempt(call, target.toString(), { method, headers, body }, options.schema, options.parseBody ?? JSON.parse);
    if (result.ok) return result.value;
    if (!result.retryable || n >= retries) {
      if (n > 0) result.error.message = `${result.error.message} (after ${n + 1} attempts)`;
      throw result.error;
    }
    await sleep(result.retryAfterMs ?? backoff(base, n));
  }
}
