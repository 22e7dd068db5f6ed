import 'server-only';
import { breakerViews } from '@/lib/http/breaker';
import { SourceError, isSourceError } from '@/lib/http/source-error';
import type { ChangeFeed } from '@/lib/sources/ports';
import { MARQUEZ_LABEL, type MarquezClient } from './client';

/** What /health says about reaching Marquez: the last answer or failure, from the feed or a probe. */
export interface Reachability {
  error: SourceError | null;
  lastSuccess: Date | null;
  failingSince: Date | null;
  checkedAt: Date;
}

/**
 * A probe is sent only when Marquez said nothing for this long: the feed asks every 20 s while this replica
 * syncs it, so the probe is for replicas that do not (and a probe beside a page's own calls is one call more).
 */
export const PROBE_INTERVAL_MS = 10 * 60_000;

function asSourceError(error: unknown): SourceError {
  if (isSourceError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new SourceError({ source: MARQUEZ_LABEL, kind: 'parse', message: `${MARQUEZ_LABEL}: ${message}`, cause: error });
}

/**
 * Whether Marquez answers, without listing anything: every change-feed call counts as a check, and
 * when none came lately (another replica syncs, or the feed waits) one `/namespaces?limit=1` is asked,
 * at most once per PROBE_INTERVAL_MS (10 min), concurrent callers sharing it.
 */
export class MarquezReachability {
  private state: Reachability = { error: null, lastSuccess: null, failingSince: null, checkedAt: new Date(0) };
  private lastCheck = -Infinity;
  private probing: Promise<void> | null = null;

  constructor(
    private readonly client: MarquezClient,
    private readonly now: () => number = () => performance.now(),
    /** Calls to Marquez that failed in a row lately (lib/http's breaker counts every call: searches, look-ups, the feed). */
    private readonly recentFailures: () => number = () => breakerViews().find((b) => b.source === MARQUEZ_LABEL)?.consecutiveFailures ?? 0,
  ) {}

  /** The feed with each of its calls recorded as a check. */
  watch<F extends ChangeFeed>(feed: F): F {
    const changes: ChangeFeed['changes'] = async (cursor, context) => {
      try {
        const batch = await feed.changes(cursor, context);
        this.succeeded();
        return batch;
      } catch (error) {
        this.failed(error);
        throw error;
      }
    };
    return { ...feed, changes };
  }

  /**
   * The state; a probe starts when the last check is older than the interval. Only the very first call waits
   * for it: later ones answer with what is known (a page never waits for a slow Marquez here).
   */
  async current(): Promise<Reachability> {
    const neverChecked = this.lastCheck === -Infinity;
    // While other calls are failing, a probe would only add one more call to a struggling Marquez.
    if (this.now() - this.lastCheck >= PROBE_INTERVAL_MS && (neverChecked || this.recentFailures() === 0)) {
      this.probing ??= this.client.namespaces({ limit: 1, offset: 0 })
        .then(() => this.succeeded(), (error: unknown) => this.failed(error))
        .finally(() => {
          this.probing = null;
        });
    }
    if (neverChecked && this.probing !== null) await this.probing;
    return this.state;
  }

  private succeeded(): void {
    this.lastCheck = this.now();
    this.state = { error: null, lastSuccess: new Date(), failingSince: null, checkedAt: new Date() };
  }

  private failed(error: unknown): void {
    this.lastCheck = this.now();
    this.state = { ...this.state, error: asSourceError(error), failingSince: this.state.failingSince ?? new Date(), checkedAt: new Date() };
  }
}
