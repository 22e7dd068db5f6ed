/** What went wrong talking to an upstream, so pages can say "unreachable" rather than "something failed". */
export type SourceErrorKind = 'http' | 'parse' | 'network' | 'timeout' | 'auth';

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

  constructor(init: SourceErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.source = init.source;
    this.kind = init.kind;
    this.status = init.status;
    this.code = init.code;
  }
}

export function isSourceError(error: unknown): error is SourceError {
  return error instanceof SourceError;
}
