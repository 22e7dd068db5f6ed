import 'server-only';
import { SourceError } from '@/lib/http/source-error';
import { MLFLOW_LABEL } from './client';

export interface TokenPage<T> {
  items: T[];
  /** MLflow's next_page_token: absent or empty on the last page. */
  next: string | null | undefined;
}

export interface Collected<T> {
  items: T[];
  /** True when `max` was reached with pages left: the caller must say what was left out. */
  capped: boolean;
  /** Set when a page failed twice after earlier pages were read: the items are the ones before it. */
  partial?: { after: number; message: string };
}

/** One page, asked a second time when its failure is local; rethrows otherwise. */
async function pageWithRetry<T>(fetchPage: (pageToken: string | undefined) => Promise<TokenPage<T>>, token: string | undefined, isLocal: (error: unknown) => boolean): Promise<TokenPage<T>> {
  try {
    return await fetchPage(token);
  } catch (error) {
    if (!isLocal(error)) throw error;
    return fetchPage(token);
  }
}

/**
 * Follows page_token until the server stops sending one or `max` items are in hand. A token that
 * comes back twice would loop forever, so it is an error rather than a silent stop. With
 * `pageFailureIsLocal` (lib/sources/page-failure.ts), a slow or failing page is asked once more and, if it
 * fails again after earlier pages, the read ends there as `partial` instead of failing as a whole.
 */
export async function collectPages<T>(
  fetchPage: (pageToken: string | undefined) => Promise<TokenPage<T>>,
  options: { max: number; what: string; source?: string; tokenName?: string; pageFailureIsLocal?: (error: unknown) => boolean; continues?: boolean },
): Promise<Collected<T>> {
  const source = options.source ?? MLFLOW_LABEL;
  const items: T[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  const isLocal = options.pageFailureIsLocal ?? (() => false);
  for (;;) {
    let page: TokenPage<T>;
    try {
      // The first page stands for the source (its client already retried it): only later pages get another go,
      // unless the caller read a first page already (`continues`: W&B artifacts after those that came with the run).
      page = items.length === 0 && !options.continues ? await fetchPage(token) : await pageWithRetry(fetchPage, token, isLocal);
    } catch (error) {
      // Nothing read yet, or the source itself failed: the caller decides what that means.
      if ((items.length === 0 && !options.continues) || !isLocal(error)) throw error;
      return { items, capped: false, partial: { after: items.length, message: error instanceof Error ? error.message : String(error) } };
    }
    for (const item of page.items) items.push(item);
    // A server that ignores max_results (older get-history) may answer more than was asked in one page.
    if (items.length > options.max) return { items: items.slice(0, options.max), capped: true };
    const next = page.next ?? '';
    if (next === '') return { items, capped: false };
    if (items.length >= options.max) return { items: items.slice(0, options.max), capped: true };
    if (seen.has(next)) {
      throw new SourceError({ source, kind: 'parse', message: `${source}: ${options.what} returned the same ${options.tokenName ?? 'page_token'} twice; stopped paging` });
    }
    seen.add(next);
    token = next;
  }
}

/** Splits a list into chunks of at most `size` (MLflow caps run ids per request). */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Maps with at most `concurrency` calls in flight, keeping the input order. */
export async function mapLimit<T, R>(items: readonly T[], concurrency: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  // One shared iterator: each worker takes the next entry, so no item is done twice.
  const entries = items.entries();
  async function worker(): Promise<void> {
    for (const [index, item] of entries) out[index] = await fn(item);
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return out;
}
