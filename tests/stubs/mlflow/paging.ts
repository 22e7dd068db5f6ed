import { StubResponse } from './errors';

/**
 * page_token paging over a recorded list. Tokens are base64 of `{"offset": n}`, as MLflow's own
 * SearchUtils makes them; a token the stub did not hand out is refused like MLflow refuses it.
 */
export function pageOf<T>(items: readonly T[], maxResults: number, pageToken: string | undefined): { items: T[]; next: string | undefined } {
  let offset = 0;
  if (pageToken !== undefined && pageToken !== '') {
    let decoded: unknown;
    try {
      decoded = JSON.parse(Buffer.from(pageToken, 'base64').toString('utf8'));
    } catch {
      throw StubResponse.invalid(`Invalid page token, could not base64-decode or parse: ${pageToken}`);
    }
    const value = typeof decoded === 'object' && decoded !== null && 'offset' in decoded ? decoded.offset : undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw StubResponse.invalid(`Invalid page token: ${pageToken}`);
    offset = value;
  }
  const end = offset + maxResults;
  const next = end < items.length ? Buffer.from(JSON.stringify({ offset: end })).toString('base64') : undefined;
  return { items: items.slice(offset, end), next };
}

/** max_results from a query string or a JSON body; `fallback` when absent; refused outside 1..max. */
export function maxResultsOf(value: unknown, fallback: number, max: number): number {
  if (value === undefined || value === null || value === '') return fallback;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw StubResponse.invalid(`Invalid value ${JSON.stringify(value)} for parameter 'max_results' supplied. It must be at most ${max}`);
  return n;
}
