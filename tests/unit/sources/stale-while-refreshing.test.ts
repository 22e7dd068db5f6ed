import { describe, expect, it, vi } from 'vitest';
import { createMlflowRestSource } from '@/lib/sources/mlflow';
import { startMlflowStub } from '@/tests/stubs/mlflow';

// A due refresh of a remote snapshot takes several round trips: with serveStaleWhileRefreshing the page
// gets the last snapshot at once and the refresh runs beside it (issue #4 §5: no snapshot on the critical path).

async function answersBeforeTheStub(snapshot: () => Promise<unknown>, requests: () => number) {
  const first = await snapshot();
  const before = requests();
  const started = performance.now();
  const second = await snapshot();
  const ms = performance.now() - started;
  // The refresh goes on in the background: the stub hears from it shortly.
  await vi.waitFor(() => expect(requests()).toBeGreaterThan(before));
  return { same: second === first, ms };
}

describe('serveStaleWhileRefreshing', () => {
  it('MLflow: the last snapshot answers at once while the refresh is asked; without the option the caller waits for it', async () => {
    const stub = await startMlflowStub({ latencyMs: 100 });
    try {
      const stale = createMlflowRestSource({ baseUrl: stub.url, refreshIntervalMs: 0, serveStaleWhileRefreshing: true });
      const result = await answersBeforeTheStub(() => stale.snapshot(), () => stub.requests.length);
      // The same snapshot object: it did not wait for the refresh (which builds a new one).
      expect(result.same).toBe(true);
      const fresh = createMlflowRestSource({ baseUrl: stub.url, refreshIntervalMs: 0 });
      expect((await answersBeforeTheStub(() => fresh.snapshot(), () => stub.requests.length)).ms).toBeGreaterThanOrEqual(100);
    } finally {
      await stub.close();
    }
  });
});
