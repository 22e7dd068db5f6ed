import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OpenIndex } from '@/lib/index/open';
import { holdLease } from '@/lib/index/sync-state';
import type { ChangeBatch, ChangeFeed } from '@/lib/sources/ports';
import { startSyncer, type Syncer } from '@/lib/sync/syncer';
import { withFreshIndexes } from '../index/fresh-index';

const freshIndex = withFreshIndexes();

/**
 * Simulated time for two replicas: each syncer's sleep registers a wake-up, and once every replica sleeps the
 * clock (vitest's fake Date, with the lease renewals' setInterval) jumps to the earliest one. Deterministic, and
 * hours pass in a second.
 */
class VirtualTime {
  get now(): number {
    return Date.now();
  }

  private sleeping: Array<{ at: number; wake: () => void }> = [];
  private limit = this.now;
  private reached: (() => void) | null = null;

  /** `landed`: resolves once the lease renewals the jump fired have reached the database (real I/O, unlike the clock). */
  constructor(private readonly replicas: () => number, private readonly landed: () => Promise<unknown> = async () => undefined) {}

  sleep = (ms: number, signal: AbortSignal): Promise<void> => new Promise<void>((resolve) => {
    const entry = { at: this.now + ms, wake: () => {
      signal.removeEventListener('abort', entry.wake);
      this.sleeping = this.sleeping.filter((e) => e !== entry);
      resolve();
    } };
    this.sleeping.push(entry);
    signal.addEventListener('abort', entry.wake, { once: true });
    this.advance();
  });

  /** Wakes the earliest sleeper once every running replica sleeps, up to the limit `runUntil` set. */
  advance(): void {
    if (this.sleeping.length < this.replicas() || this.sleeping.length === 0) return;
    const next = [...this.sleeping].sort((a, b) => a.at - b.at)[0]!;
    if (next.at > this.limit) {
      this.reached?.();
      return;
    }
    // Renewals due meanwhile run at their own times on the way.
    vi.advanceTimersByTime(Math.max(0, next.at - this.now));
    // The sleeper wakes once those renewals have landed (else it may see a lease its holder already renewed as
    // expired), on a later turn of the event loop: a SQLite index answers in microtasks only, so this keeps timers alive.
    void this.landed().then(() => setImmediate(next.wake));
  }

  /** Lets the replicas run until the clock would pass `at`. */
  runUntil(at: number): Promise<void> {
    this.limit = at;
    return new Promise<void>((resolve) => {
      this.reached = resolve;
      this.advance();
    });
  }
}

/** A caught-up feed that counts its asks (each stands for a request to the upstream) and when they came. */
function countingFeed(time: VirtualTime, followIntervalMs: number): ChangeFeed & { asks: number[] } {
  const asks: number[] = [];
  return {
    id: 'mlflow', label: 'MLflow', followIntervalMs, asks,
    async changes(): Promise<ChangeBatch> {
      asks.push(time.now);
      return { lineageRuns: [], experimentRuns: [], pass: 2, passComplete: false, cursor: '{}', caughtUp: true, progress: { phase: 'follow', done: 0, estimatedTotal: 0 } };
    },
  };
}

describe.each(['sqlite', 'postgres'] as const)('two replicas on one %s index', (dialect) => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'], now: Date.UTC(2026, 11, 7) });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  async function replicas(followIntervalMs: number) {
    const index: OpenIndex = await freshIndex(dialect);
    const second = await freshIndex.reopen(index);
    let running = 2;
    const syncers: Syncer[] = [];
    const time = new VirtualTime(() => running, () => Promise.all(syncers.map((s) => s.renewalsLanded())));
    const feeds = [countingFeed(time, followIntervalMs), countingFeed(time, followIntervalMs)] as const;
    const start = (db: OpenIndex, feed: ChangeFeed, owner: string): Syncer =>
      startSyncer(db.db, feed, { owner, dialect, leaseTtlMs: 30_000, sleep: time.sleep });
    syncers.push(start(index, feeds[0], 'replica-a'), start(second, feeds[1], 'replica-b'));
    const stop = async (i: 0 | 1) => {
      running -= 1;
      const stopped = syncers[i]!.stop();
      time.advance();
      await stopped;
    };
    return { index, time, feeds, stop, stopAll: async () => {
      running = 0;
      await Promise.all(syncers.map((s) => s.stop()));
    } };
  }

  it('only one replica asks the upstream, at the follow interval, even when the interval is longer than the lease', async () => {
    // RUNLENS_REFRESH_INTERVAL_MS=60000: a follow ask every minute against a 30 s lease.
    const { time, feeds, stopAll } = await replicas(60_000);
    const from = time.now;
    await time.runUntil(from + 30 * 60_000);
    await stopAll();
    const [a, b] = feeds.map((f) => f.asks.length);
    // One of them holds the source the whole half hour; the other never asks.
    expect(Math.min(a!, b!)).toBe(0);
    expect(Math.max(a!, b!)).toBeGreaterThanOrEqual(30);
    expect(Math.max(a!, b!)).toBeLessThanOrEqual(32);
  });

  it('hands the source to the other replica within a minute once the syncing one dies holding the lease', async () => {
    const { index, time, feeds, stop, stopAll } = await replicas(20_000);
    await time.runUntil(time.now + 5 * 60_000);
    const holder = feeds[0].asks.length > 0 ? 0 : 1;
    const other = feeds[1 - holder]!;
    expect(other.asks).toEqual([]);
    const stoppedAt = time.now;
    await stop(holder as 0 | 1);
    // A crash releases nothing: the dead replica's lease runs on until it expires.
    expect(await holdLease(index.db, 'mlflow', holder === 0 ? 'replica-a' : 'replica-b', 30_000, stoppedAt)).toBe(true);
    await time.runUntil(stoppedAt + 5 * 60_000);
    await stopAll();
    expect(other.asks.length).toBeGreaterThan(0);
    expect(other.asks[0]! - stoppedAt).toBeLessThanOrEqual(60_000);
  });
});

describe('a replica whose ask outlasts the lease', () => {
  it('keeps the source while the upstream takes 100 s to answer: the other replica never asks meanwhile', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    try {
      const index = await freshIndex('sqlite');
      const second = await freshIndex.reopen(index);
      const slow: number[] = [];
      const other: number[] = [];
      const feedOf = (asks: number[], answerMs: number): ChangeFeed => ({
        id: 'mlflow', label: 'MLflow', followIntervalMs: 20_000,
        async changes(): Promise<ChangeBatch> {
          asks.push(Date.now());
          await new Promise((resolve) => setTimeout(resolve, answerMs));
          return { lineageRuns: [], experimentRuns: [], pass: 1, passComplete: false, cursor: '{}', caughtUp: true, progress: { phase: 'backfill', done: 0, estimatedTotal: null } };
        },
      });
      const a = startSyncer(index.db, feedOf(slow, 100_000), { owner: 'replica-a', leaseTtlMs: 30_000 });
      // Replica b starts once a holds the lease and is waiting for its upstream.
      await vi.advanceTimersByTimeAsync(1_000);
      const b = startSyncer(second.db, feedOf(other, 0), { owner: 'replica-b', leaseTtlMs: 30_000 });
      await vi.advanceTimersByTimeAsync(150_000);
      expect(slow.length).toBeGreaterThanOrEqual(1);
      expect(other).toEqual([]);
      const stopped = Promise.all([a.stop(), b.stop()]);
      await vi.advanceTimersByTimeAsync(200_000);
      await stopped;
    } finally {
      vi.useRealTimers();
    }
  });
});
