import { redactConfigured } from '@/lib/security/secrets';

/** What went wrong talking to an upstream, so pages can say "unreachable" rather than "something failed". */
/** `unavailable`: not even tried, because the source's circuit breaker is open after repeated failures. */
export type SourceErrorKind = 'http' | 'parse' | 'network' | 'timeout' | 'auth' | 'unavailable';

export interface SourceErrorInit {
  /** The upstream, for people: "Marquez", "MLflow". */
  source: string;
  kind: SourceErrorKind;
  message: string;
  /** HTTP status, when the upstream answered. */
  status?: number;
  /** The upstream's own error code from a JSON error body (MLflow's `error_code`), when it sent one. */
  code?: string;
  cause?: unknown;
  /** ISO time the source started failing (its current streak of failed requests), when known. */
  failingSince?: string | null;
}

/**
 * The one error every upstream call throws. Its message names the source, the URL path (never the
 * query or credentials) and the problem, so it can be shown to people as it is.
 */
export class SourceError extends Error {
  override readonly name = 'SourceError';
  readonly source: string;
  readonly kind: SourceErrorKind;
  readonly status: number | undefined;
  readonly code: string | undefined;
  failingSince: string | null;

  constructor(init: SourceErrorInit) {
    // Messages reach pages, /health, reports and logs: no configured secret survives in one, whoever built it.
    super(redactConfigured(init.message), init.cause === undefined ? undefined : { cause: init.cause });
    this.source = init.source;
    this.kind = init.kind;
    this.status = init.status;
    this.code = init.code;
    this.failingSince = init.failingSince ?? null;
  }
}

/**
 * By shape as well as by class: Next.js may bundle this module once per route and once for
 * instrumentation.ts, and the sources (kept on globalThis) throw the class of whichever bundle built them.
 */
export function isSourceError(error: unknown): error is SourceError {
  if (error instanceof SourceError) return true;
  return error instanceof Error && error.name === 'SourceError' && 'kind' in error && typeof error.kind === 'string' && 'source' in error && typeof error.source === 'string';
}
