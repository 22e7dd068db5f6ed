import 'server-only';
import { isSourceError } from '@/lib/http/source-error';

/**
 * A failure of one page of a paged read that says nothing about the source as a whole: a slow page timing
 * out, a 5xx or 429, an odd body. A refused connection, an open breaker or a 4xx (auth, bad request) is the
 * source's. Such a page is asked once more and, if it fails again, reported as a partial read
 * (as Marquez's job list does, lib/sources/marquez/paging.ts).
 */
export function isPageFailureLocal(error: unknown): boolean {
  if (!isSourceError(error)) return false;
  if (error.kind === 'timeout' || error.kind === 'parse') return true;
  return error.kind === 'http' && (error.status === undefined || error.status >= 500 || error.status === 429);
}

/** "read partially: …" for /health: where the read stopped and why. */
export function partialReadMessage(what: string, partial: { after: number; message: string }, noun: string): string {
  return `read partially: ${what} failed twice after ${partial.after} ${noun} (${partial.message}); the ${noun} after them are not listed this time`;
}
