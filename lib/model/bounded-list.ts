/**
 * Every list a page or API answer shows is bounded: a window of at most `limit` items from `offset`, with
 * the total, so what is left out is said ("showing 1–200 of 100,000") and the rest is a page away.
 */

export const LIST_LIMIT = 200;

export interface ListWindow {
  /** Index of the first item shown. */
  offset: number;
  /** Items shown. */
  shown: number;
  total: number;
  limit: number;
}

export interface BoundedList<T> extends ListWindow {
  items: T[];
}

/** The window of `items` from `offset` (clamped into range), at most `limit` long. */
export function boundList<T>(items: readonly T[], offset = 0, limit = LIST_LIMIT): BoundedList<T> {
  const start = Math.max(0, Math.min(Math.floor(Number.isFinite(offset) ? offset : 0), Math.max(0, items.length - 1)));
  const slice = items.slice(start, start + limit);
  return { items: slice, offset: start, shown: slice.length, total: items.length, limit };
}

/**
 * The window at `offset` among `total` items (the whole list), from rows read starting at its `from`-th item: a
 * list too long to read whole is read a block at a time, and its links still count from the first item.
 */
export function windowFrom<T>(rows: readonly T[], from: number, offset: number, limit: number, total: number): BoundedList<T> {
  const inRows = boundList(rows, offset - from, limit);
  return { ...inRows, offset: from + inRows.offset, total: Math.max(total, from + rows.length) };
}

/** True when the window leaves items out. */
export const isPartial = (w: ListWindow): boolean => w.shown < w.total;

const count = (n: number): string => n.toLocaleString('en-US');

/** "showing 1–200 of 100,000 inputs"; null when everything is shown. */
export function showingText(w: ListWindow, noun: string): string | null {
  if (!isPartial(w)) return null;
  return `showing ${count(w.offset + 1)}–${count(w.offset + w.shown)} of ${count(w.total)} ${noun}`;
}

/** A non-negative offset from a query value; 0 for anything else. */
export function offsetParam(value: string | string[] | undefined): number {
  const n = Number(typeof value === 'string' ? value : '');
  return Number.isInteger(n) && n > 0 ? n : 0;
}

/** The window of a record's entries (in their order) from `offset`, at most `limit`, as a record again. */
export function boundRecord<V>(record: Readonly<Record<string, V>>, offset = 0, limit = LIST_LIMIT): ListWindow & { items: Record<string, V> } {
  const { items, ...window } = boundList(Object.entries(record), offset, limit);
  return { ...window, items: Object.fromEntries(items) };
}
