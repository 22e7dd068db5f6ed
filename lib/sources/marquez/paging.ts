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
}

export interface PagingOptions {
  pageSize: number;
  /** Never fetch more than this many items in all. */
  max: number;
}

/**
 * Follows limit/offset pages until `totalCount` is reached, a page comes back empty or short, or
 * `max` items are in hand. Stops on an empty page even below `totalCount` (it may count deleted rows).
 */
export async function fetchAllPages<T>(fetchPage: (limit: number, offset: number) => Promise<Page<T>>, options: PagingOptions): Promise<Paged<T>> {
  const items: T[] = [];
  let totalCount: number | null = null;
  let lastFull = false;
  while (items.length < options.max) {
    const limit = Math.min(options.pageSize, options.max - items.length);
    const page = await fetchPage(limit, items.length);
    totalCount = page.totalCount ?? totalCount;
    for (const item of page.items) items.push(item);
    lastFull = page.items.length >= limit;
    if (page.items.length === 0) break;
    if (totalCount !== null ? items.length >= totalCount : !lastFull) break;
  }
  const capped = items.length >= options.max && (totalCount !== null ? totalCount > items.length : lastFull);
  return { items: items.slice(0, options.max), capped, totalCount };
}
