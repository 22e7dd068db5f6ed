/**
 * Concurrent callers asking for the same key share one in-flight promise; once it settles the next
 * call starts afresh. Nothing is remembered beyond the flight (that is the caches' job).
 */
export function createSingleflight() {
  const flights = new Map<string, Promise<unknown>>();
  return function share<T>(key: string, load: () => Promise<T>, onJoin?: () => void): Promise<T> {
    const inFlight = flights.get(key);
    if (inFlight !== undefined) {
      onJoin?.();
      return inFlight as Promise<T>;
    }
    const started = load().finally(() => {
      flights.delete(key);
    });
    flights.set(key, started);
    return started;
  };
}

export type Singleflight = ReturnType<typeof createSingleflight>;
