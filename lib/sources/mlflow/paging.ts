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
}

/**
 * Follows page_token until the server stops sending one or `max` items are in hand. A token that
 * comes back twice would loop forever, so it is an error rather than a silent stop.
 */
export async function collectPages<T>(
  fetchPage: (pageToken: string | undefined) => Promise<TokenPage<T>>,
  options: { max: number; what: string; source?: string; tokenName?: string },
): Promise<Collected<T>> {
  const source = options.source ?? MLFLOW_LABEL;
  const items: T[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  for (;;) {
    const page = await fetchPage(token);
    for (const item of page.items) items.push(item);
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
