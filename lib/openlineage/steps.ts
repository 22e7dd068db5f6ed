/**
 * A fold written once as a generator that yields between slices of its items: run to the end at once for small
 * inputs (runSteps), or with a pause at each yield (runStepsAsync) so a run reading 100,000 datasets never holds
 * the event loop in one go. Pure: the pause is the caller's (lib/sources rests the event loop there).
 */
export type Steps<T> = Generator<void, T, void>;

/** Items handled between two yields: a slice of a 100,000-input run's fold takes a few ms. */
export const ITEMS_PER_STEP = 1_000;

/** The fold's result, without pausing. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** The fold's result, awaiting `pause` at every yield. */
export async function runStepsAsync<T>(steps: Steps<T>, pause: () => Promise<void>): Promise<T> {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    await pause();
  }
}

/** `items` mapped, a yield every ITEMS_PER_STEP. */
export function* mapInSteps<A, B>(items: Iterable<A>, map: (item: A) => B): Steps<B[]> {
  const out: B[] = [];
  for (const item of items) {
    out.push(map(item));
    if (out.length % ITEMS_PER_STEP === 0) yield;
  }
  return out;
}
