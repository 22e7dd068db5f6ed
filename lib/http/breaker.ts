import { logEvent } from '@/lib/observability/log';
import { recordBreaker, type BreakerStateName } from '@/lib/observability/runlens-metrics';

export interface BreakerOptions {
  /** Failed calls in a row (each after its retries) that open the breaker. Default 5. */
  failureThreshold?: number;
  /** How long an open breaker refuses calls before letting one probe through. Default 30 s. */
  cooldownMs?: number;
}

export interface BreakerView {
  source: string;
  state: BreakerStateName;
  consecutiveFailures: number;
  /** ISO time of the first failed call since the last good one (any failure, not only outages), or null. */
  failingSince: string | null;
  /** ISO time the breaker opened (last), or null. */
  openedAt: string | null;
  /** ISO time an open breaker lets the next probe through, or null. */
  retryAt: string | null;
  lastError: string | null;
}

export type Admission = { allowed: true } | { allowed: false; view: BreakerView };

export const DEFAULT_FAILURE_THRESHOLD = 5;
export const DEFAULT_COOLDOWN_MS = 30_000;

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/**
 * closed → open after `failureThreshold` failed requests in a row → half-open after `cooldownMs`,
 * where one probe goes through: its success closes the breaker, its failure opens it again.
 * Only outages count (network, timeout, 5xx); an upstream that answers, even with 401 or 404, is up.
 */
export class CircuitBreaker {
  private state: BreakerStateName = 'closed';
  private failures = 0;
  private failingSince: number | null = null;
  private openedAt: number | null = null;
  private probing = false;
  private lastError: string | null = null;
  private readonly threshold: number;
  private readonly cooldownMs: number;

  constructor(
    readonly source: string,
    options: BreakerOptions = {},
    private readonly now: () => number = Date.now,
  ) {
    this.threshold = Math.max(1, options.failureThreshold ?? DEFAULT_FAILURE_THRESHOLD);
    this.cooldownMs = Math.max(0, options.cooldownMs ?? DEFAULT_COOLDOWN_MS);
  }

  /** Asked before every request: refused while open, and while a half-open probe is out. */
  admit(): Admission {
    if (this.state === 'open' && this.openedAt !== null && this.now() - this.openedAt >= this.cooldownMs) this.move('half-open');
    if (this.state === 'closed') return { allowed: true };
    if (this.state === 'half-open' && !this.probing) {
      this.probing = true;
      return { allowed: true };
    }
    return { allowed: false, view: this.view() };
  }

  /** The upstream answered (any status it sends on purpose). */
  succeeded(): void {
    this.probing = false;
    this.failures = 0;
    this.failingSince = null;
    this.lastError = null;
    if (this.state !== 'closed') this.move('closed');
    else recordBreaker(this.source, this.state, 0, false);
  }

  /**
   * A call failed. Only an outage (unreachable, hung, 5xx) counts towards opening; other failures
   * (refused credentials, garbage) show the upstream is up, but the source is still failing since then.
   */
  failed(message: string, outage = true): void {
    this.probing = false;
    this.failingSince ??= this.now();
    this.lastError = message;
    if (!outage) {
      this.failures = 0;
      if (this.state !== 'closed') this.move('closed');
      else recordBreaker(this.source, this.state, 0, false);
      return;
    }
    this.failures += 1;
    if (this.state === 'half-open' || (this.state === 'closed' && this.failures >= this.threshold)) {
      this.openedAt = this.now();
      this.move('open');
    } else {
      recordBreaker(this.source, this.state, this.failures, false);
    }
  }

  view(): BreakerView {
    return {
      source: this.source,
      state: this.state,
      consecutiveFailures: this.failures,
      failingSince: iso(this.failingSince),
      openedAt: iso(this.openedAt),
      retryAt: this.state === 'open' && this.openedAt !== null ? iso(this.openedAt + this.cooldownMs) : null,
      lastError: this.lastError,
    };
  }

  private move(to: BreakerStateName): void {
    const from = this.state;
    this.state = to;
    recordBreaker(this.source, to, this.failures, true);
    logEvent(to === 'open' ? 'warn' : 'info', 'circuit_breaker_transition', {
      source: this.source, from, to, consecutiveFailures: this.failures, failingSince: iso(this.failingSince), lastError: this.lastError,
    });
  }
}

// One breaker per upstream per process, shared by every route bundle.
const holder = globalThis as typeof globalThis & { __runlensBreakers?: Map<string, CircuitBreaker> };
const breakers = (holder.__runlensBreakers ??= new Map());

/** The breaker of an upstream; the options of the first caller for a source are kept. */
export function breakerFor(source: string, options?: BreakerOptions): CircuitBreaker {
  let breaker = breakers.get(source);
  if (!breaker) {
    breaker = new CircuitBreaker(source, options);
    breakers.set(source, breaker);
  }
  return breaker;
}

export function breakerViews(): BreakerView[] {
  return [...breakers.values()].map((b) => b.view());
}

/** Tests only: forget every breaker. */
export function resetBreakers(): void {
  breakers.clear();
}
