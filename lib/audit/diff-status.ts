/** How one field compares across the runs: every run has it with one value, values differ, or some runs lack it. */
export type DiffStatus = 'same' | 'changed' | 'only-in';

/** Null means the run does not have the field; Object.is makes NaN equal NaN. */
export function diffStatus<T>(values: Array<T | null>, equal: (a: T, b: T) => boolean = Object.is): DiffStatus {
  const present = values.filter((v): v is T => v !== null);
  if (present.length < values.length) return 'only-in';
  const [first, ...rest] = present;
  return first === undefined || rest.every((v) => equal(first, v)) ? 'same' : 'changed';
}

/** Rows that differ, in their order. */
export function differing<T extends { status: string }>(rows: T[]): T[] {
  return rows.filter((r) => r.status !== 'same');
}

/** Keys in order of first appearance across the runs. */
export function keysInOrder(lists: Array<Iterable<string>>): string[] {
  const seen = new Set<string>();
  for (const list of lists) for (const key of list) seen.add(key);
  return [...seen];
}
