import 'server-only';
import { isThrottled, type LookupThrottled } from './lookup-limit';

/**
 * The direct look-ups of one id, source after source. A look-up that fails is skipped; one shed by the
 * rate limit is remembered, so "nothing found" becomes "try again" (429) rather than a 404 that is not true.
 */
export class LookupAttempts {
  private throttled: LookupThrottled | null = null;

  /** The first answer of the sources, asked one after another (each lookup is a round trip only on a miss). */
  async firstFound<S, T>(sources: readonly S[], lookUp: (source: S) => Promise<T | null>): Promise<T | null> {
    for (const source of sources) {
      const found = await lookUp(source).catch((error: unknown) => {
        if (isThrottled(error)) this.throttled ??= error as LookupThrottled;
        return null;
      });
      if (found) return found;
    }
    return null;
  }

  /** Nothing was found: null when every source was asked, else the shedding (LookupThrottled) is thrown. */
  nothingFound(): null {
    if (this.throttled) throw this.throttled;
    return null;
  }
}
