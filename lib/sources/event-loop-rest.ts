import 'server-only';

/**
 * How indexing gives the event loop back between its synchronous steps (transactions, slices of parsing).
 * A request needs several turns of the loop (socket, headers, route, response): with only `setImmediate` between
 * steps, each of its turns waited for one whole step. A pause of a share of the step lets it finish in between.
 */
export const REST_SHARE = 0.5;
/** At least this long, so the loop polls for I/O once even after a quick step. */
export const MIN_REST_MS = 1;
/** At most this long, so a slow machine's long steps do not stretch the backfill without bound. */
export const MAX_REST_MS = 50;

/** The pause after a step that held the event loop for `busyMs`. */
export function restFor(busyMs: number): number {
  const ms = Number.isFinite(busyMs) ? busyMs * REST_SHARE : MIN_REST_MS;
  return Math.min(MAX_REST_MS, Math.max(MIN_REST_MS, Math.ceil(ms)));
}

/** Waits `restFor(busyMs)`: timers, I/O and requests in flight run meanwhile. */
export const restAfter = (busyMs: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, restFor(busyMs)));

/**
 * A pause for the steps of a long fold (lib/openlineage/steps.ts): each rests after the time the step before it
 * held the event loop, so a run reading 100,000 datasets is folded a slice at a time with the loop turning between.
 */
export function restBetweenSteps(): () => Promise<void> {
  let resumed = performance.now();
  return async () => {
    await restAfter(performance.now() - resumed);
    resumed = performance.now();
  };
}
