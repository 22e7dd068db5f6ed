export const MAX_BACKOFF_MS = 5_000;

/**
 * Exponential backoff with jitter: attempt n waits between half and all of base·2ⁿ (capped), so
 * retries from many requests do not arrive in lockstep. `random` is injectable for tests.
 */
export function backoffDelay(baseMs: number, attempt: number, random: () => number = Math.random): number {
  const full = Math.min(MAX_BACKOFF_MS, baseMs * 2 ** attempt);
  return full / 2 + random() * (full / 2);
}
