import { randomBytes } from 'node:crypto';
import { LRUCache } from 'lru-cache';

/**
 * Keeps a flood of wrong passwords from locking real users out (scrypt is deliberately slow, and used to
 * queue without bound): per client address at most MAX_FAILURES failed logins per window and
 * MAX_IN_FLIGHT_PER_CLIENT unverified logins at once; over all clients at most MAX_IN_FLIGHT (2 scrypt
 * slots + a short queue). Beyond that: 429 with Retry-After. The request guard applies the in-flight caps
 * before Next routes the request (Next's own per-request work made a 300-request flood cost seconds).
 */
export const MAX_FAILURES = 10;
export const FAILURE_WINDOW_SECONDS = 60;
// Two: a client's next request can be read before the server has seen its last response finish (both are I/O
// in one poll phase), so one would refuse a sequential client; a flood from one address still queues at most two.
export const MAX_IN_FLIGHT_PER_CLIENT = 2;
export const MAX_IN_FLIGHT = 12;
/** Set by the request guard on requests it admitted (value: a per-process token, so clients cannot forge it). */
export const ADMITTED_HEADER = 'x-runlens-login-admitted';

export type Admission = { ok: true; leave: () => void } | { ok: false; retryAfterSeconds: number };

export interface LoginThrottle {
  /** Before an unverified login: the in-flight caps and the failure lock. Call `leave` when it is answered. */
  enter(client: string): Admission;
  /** Seconds until the address may try again after too many failures; null when it may. */
  lockedFor(client: string): number | null;
  failed(client: string): void;
  succeeded(client: string): void;
  /** The value of ADMITTED_HEADER that proves the guard admitted a request. */
  readonly admittedToken: string;
}

export function createLoginThrottle(): LoginThrottle {
  // Failures per address for one window from the first (lru-cache: bounded, each entry expiring on its own).
  const failures = new LRUCache<string, number>({ max: 10_000, ttl: FAILURE_WINDOW_SECONDS * 1000 });
  const inFlight = new Map<string, number>();
  let total = 0;

  const lockedFor = (client: string): number | null => {
    if ((failures.get(client) ?? 0) < MAX_FAILURES) return null;
    return Math.max(1, Math.ceil(failures.getRemainingTTL(client) / 1000));
  };

  return {
    admittedToken: randomBytes(16).toString('hex'),
    lockedFor,
    enter(client) {
      const locked = lockedFor(client);
      if (locked !== null) return { ok: false, retryAfterSeconds: locked };
      const mine = inFlight.get(client) ?? 0;
      if (mine >= MAX_IN_FLIGHT_PER_CLIENT || total >= MAX_IN_FLIGHT) return { ok: false, retryAfterSeconds: 1 };
      inFlight.set(client, mine + 1);
      total++;
      let left = false;
      return {
        ok: true,
        leave: () => {
          if (left) return;
          left = true;
          total--;
          const rest = (inFlight.get(client) ?? 1) - 1;
          if (rest <= 0) inFlight.delete(client);
          else inFlight.set(client, rest);
        },
      };
    },
    failed(client) {
      const count = failures.get(client);
      // The window starts at the first failure and is not extended by later ones.
      failures.set(client, (count ?? 0) + 1, { noUpdateTTL: count !== undefined });
    },
    succeeded(client) {
      failures.delete(client);
    },
  };
}

const holder = globalThis as typeof globalThis & { __runlensLoginThrottle?: LoginThrottle };

/** The process-wide throttle (the request guard and proxy.ts are bundled apart but share it). */
export function loginThrottle(): LoginThrottle {
  return (holder.__runlensLoginThrottle ??= createLoginThrottle());
}
