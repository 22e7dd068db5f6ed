import 'server-only';
import { SourceError, isSourceError } from '@/lib/http/source-error';
import { nextReadInMs } from './shared-reads';

/** What /health says about a remote source's last reads. */
export interface RemoteState<T> {
  last: T | null;
  error: SourceError | null;
  lastSuccess: Date | null;
  failingSince: Date | null;
  checkedAt: Date;
}

/**
 * A remote source's data, read at most once per interval by concurrent callers together. While the
 * upstream fails it keeps answering with the last good read; with none, it rejects with the failure.
 */
export class RemoteSnapshot<T> {
  private state: RemoteState<T> = { last: null, error: null, lastSuccess: null, failingSince: null, checkedAt: new Date() };
  private lastAttempt = -Infinity;
  private pending: Promise<T> | null = null;

  constructor(
    private readonly label: string,
    private readonly intervalMs: number,
    private readonly load: (previous: T | null) => Promise<T>,
    /** How old a read is when it comes (a copy another replica read, shared-reads.ts); default 0. */
    private readonly ageOf: (value: T) => number = () => 0,
  ) {}

  get current(): RemoteState<T> {
    return this.state;
  }

  /** What /health shows: status, the failure with since when, and the times of the last reads. */
  report(problemCount: number): { status: 'ok' | 'degraded' | 'unavailable'; error: string | null; details: Record<string, string> } {
    const { last, error, lastSuccess, failingSince } = this.state;
    const details: Record<string, string> = {};
    if (lastSuccess !== null) details.lastSuccess = lastSuccess.toISOString();
    if (failingSince !== null) details.failingSince = failingSince.toISOString();
    if (error === null) return { status: problemCount > 0 ? 'degraded' : 'ok', error: null, details };
    const since = failingSince === null ? '' : ` (failing since ${failingSince.toISOString()}${last === null ? '' : '; showing what it answered last'})`;
    return { status: last === null ? 'unavailable' : 'degraded', error: `${error.message}${since}`, details };
  }

  /** True while the last read is younger than the interval. */
  fresh(): boolean {
    return performance.now() - this.lastAttempt < this.intervalMs;
  }

  get(): Promise<T> {
    if (this.fresh()) {
      if (this.state.last !== null) return Promise.resolve(this.state.last);
      // Down and nothing to show: answer with the last failure instead of knocking again at once.
      if (this.state.error !== null) return Promise.reject(this.state.error);
    }
    this.pending ??= this.refresh().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  private async refresh(): Promise<T> {
    try {
      const value = await this.load(this.state.last);
      const age = this.ageOf(value);
      this.state = { ...this.state, last: value, error: null, lastSuccess: new Date(Date.now() - age), failingSince: null };
      this.lastAttempt = performance.now() + nextReadInMs(age, this.intervalMs) - this.intervalMs;
      return value;
    } catch (caught) {
      const error = isSourceError(caught)
        ? caught
        : new SourceError({ source: this.label, kind: 'parse', message: `${this.label}: ${caught instanceof Error ? caught.message : String(caught)}`, cause: caught });
      this.state = { ...this.state, error, failingSince: this.state.failingSince ?? new Date() };
      this.lastAttempt = performance.now();
      if (this.state.last !== null) return this.state.last;
      throw error;
    } finally {
      this.state = { ...this.state, checkedAt: new Date() };
    }
  }
}
