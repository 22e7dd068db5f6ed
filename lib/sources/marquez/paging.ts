import 'server-only';

export interface Page<T> {
  items: T[];
  /** Marquez's `totalCount`, on the lists that have one. */
  totalCount: number | null;
}

export interface Paged<T> {
  items: T[];
  /** True when items were left behind at `max` (or may have been, for lists without totalCount). */
  capped: boolean;
  totalCount: number | null;
  /** Set when a page failed twice after earlier pages were read: the items are the ones before it. */
  partial?: { offset: number; message: string };
}

export interface PagingOptions {
  pageSize: number;
  /** Never fetch more than this many items in all. */
  max: number;
  /**
   * Failures of one page that say nothing about the source as a whole (a slow page timing out, a 5xx):
   * the page is asked once more, and if it fails again the pages read so far are returned as a partial read.
   */
  pageFailureIsLocal?: (error: unknown) => boolean;
}

/** One page, asked a second time when its failure is local; rethrows otherwise. */
async function pageWithRetry<T>(fetchPage: (limit: number, offset: number) => Promise<Page<T>>, limit: number, offset: number, isLocal: (error: unknown) => boolean): Promise<Page<T>> {
  try {
    return await fetchPage(limit, offset);
  } catch (error) {
    if (!isLocal(error)) throw error;
    return fetchPage(limit, offset);
  }
}

/**
 * Follows limit/offset pages until `totalCount` is reached, a page comes back empty or short, or
 * `max` items are in hand. Stops on an empty page even below `totalCount` (it may count deleted rows).
 * With `pageFailureIsLocal`, one slow or failing page neither fails the whole read nor is silently lost:
 * it is retried once, then reported through `partial`.
 */
export async function fetchAllPages<T>(fetchPage: (limit: number, offset: number) => Promise<Page<T>>, options: PagingOptions): Promise<Paged<T>> {
  const items: T[] = [];
  let totalCount: number | null = null;
  let lastFull = false;
  while (items.length < options.max) {
    const limit = Math.min(options.pageSize, options.max - items.length);
    let page: Page<T>;
    try {
      page = await pageWithRetry(fetchPage, limit, items.length, options.pageFailureIsLocal ?? (() => false));
    } catch (error) {
      // Nothing read yet, or the source itself failed: the caller decides what that means.
      if (items.length === 0 || !options.pageFailureIsLocal?.(error)) throw error;
      return { items, capped: false, totalCount, partial: { offset: items.length, message: error instanceof Error ? error.message : String(error) } };
    }
    totalCount = page.totalCount ?? totalCount;
    for (const item of page.items) items.push(item);
    lastFull = page.items.length >= limit;
    if (page.items.length === 0) break;
    if (totalCount !== null ? items.length >= totalCount : !lastFull) break;
  }
  const capped = items.length >= options.max && (totalCount !== null ? totalCount > items.length : lastFull);
  return { items: items.slice(0, options.max), capped, totalCount };
}
