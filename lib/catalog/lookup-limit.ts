import 'server-only';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * Direct look-ups of ids the index does not hold cost an upstream round trip each (or several): a flood
 * of unknown ids (1,000 made 1,003 GraphQL calls) must not become a flood upstream nor queue ahead of
 * real pages. Each source gets LOOKUPS_PER_SECOND; beyond that the look-up is shed, not queued.
 */
export const LOOKUPS_PER_SECOND = 20;
/** Direct look-ups of unknown ids in flight per source: a slow upstream must not gather a queue of them either. */
export const LOOKUPS_IN_FLIGHT = 8;

export class LookupThrottled extends Error {
  override readonly name = 'LookupThrottled';
  constructor(readonly source: string, readonly retryAfterMs: number) {
    super(`${source}: too many look-ups of unknown run ids; not asked (try again in ${Math.ceil(retryAfterMs / 1000)} s)`);
  }
}

const holder = globalThis as typeof globalThis & { __runlensLookupLimit?: RateLimiterMemory };
const limiter = (holder.__runlensLookupLimit ??= new RateLimiterMemory({ points: LOOKUPS_PER_SECOND, duration: 1 }));

const inFlight = new Map<string, number>();

/**
 * Runs `lookUp` if `source` has a free look-up slot and look-ups left this second; otherwise rejects with
 * LookupThrottled at once (shed, never queued: a flood answers fast and real pages are not held behind it).
 */
export async function limitedLookup<T>(source: string, lookUp: () => Promise<T>): Promise<T> {
  const running = inFlight.get(source) ?? 0;
  if (running >= LOOKUPS_IN_FLIGHT) throw new LookupThrottled(source, 1000);
  inFlight.set(source, running + 1);
  try {
    try {
      await limiter.consume(source);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) throw new LookupThrottled(source, rejection.msBeforeNext);
      throw rejection;
    }
    return await lookUp();
  } finally {
    const left = (inFlight.get(source) ?? 1) - 1;
    if (left <= 0) inFlight.delete(source);
    else inFlight.set(source, left);
  }
}

/** Whole seconds to wait before a shed look-up is worth repeating (at least 1): Retry-After and the page's reload. */
export const retryAfterSeconds = (shed: LookupThrottled): number => Math.max(1, Math.ceil(shed.retryAfterMs / 1000));

/** A throttled look-up says nothing about the id: it must not be remembered as the id's answer. */
export const isThrottled = (error: unknown): boolean => error instanceof Error && error.name === 'LookupThrottled';
