import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * Keeps a flood of wrong passwords from locking real users out (scrypt is deliberately slow, and used to
 * queue without bound): per client address, at most MAX_FAILURES failed logins per window and
 * MAX_IN_FLIGHT_PER_CLIENT checks at once; over all clients at most MAX_IN_FLIGHT checks at once
 * (2 running + the rest queued, i.e. well under a second of scrypt). Beyond that: 429 with Retry-After.
 */
export const MAX_FAILURES = 10;
export const FAILURE_WINDOW_SECONDS = 60;
export const MAX_IN_FLIGHT_PER_CLIENT = 2;
export const MAX_IN_FLIGHT = 12;

export type Admission = { ok: true; done: (success: boolean) => void } | { ok: false; retryAfterSeconds: number };

export interface LoginThrottle {
  /** Asks before a password check; call `done` with its outcome. */
  admit(client: string): Promise<Admission>;
}

export function createLoginThrottle(): LoginThrottle {
  const failures = new RateLimiterMemory({ points: MAX_FAILURES, duration: FAILURE_WINDOW_SECONDS });
  const inFlight = new Map<string, number>();
  let total = 0;

  return {
    async admit(client) {
      const past = await failures.get(client);
      if (past !== null && past.consumedPoints >= MAX_FAILURES) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(past.msBeforeNext / 1000)) };
      const mine = inFlight.get(client) ?? 0;
      if (mine >= MAX_IN_FLIGHT_PER_CLIENT || total >= MAX_IN_FLIGHT) return { ok: false, retryAfterSeconds: 1 };
      inFlight.set(client, mine + 1);
      total++;
      let finished = false;
      return {
        ok: true,
        done: (success) => {
          if (finished) return;
          finished = true;
          total--;
          const left = (inFlight.get(client) ?? 1) - 1;
          if (left <= 0) inFlight.delete(client);
          else inFlight.set(client, left);
          // A consume past the limit rejects with the wait; that is already what the next admit reads.
          if (success) void failures.delete(client);
          else failures.consume(client).catch((rejection: unknown) => {
            if (!(rejection instanceof RateLimiterRes)) throw rejection;
          });
        },
      };
    },
  };
}
