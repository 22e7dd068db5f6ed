import type { Instrumentation } from 'next';

/** Next.js start-up hook: tracing, the request guard, then build the run index and connect the cache in the background so the first visitor does not wait for them. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // First, so the requests and upstream calls that follow are traced (only when OTEL_EXPORTER_OTLP_ENDPOINT is set).
  const { readTracingEnv } = await import('@/lib/env');
  await (await import('@/lib/observability/tracing')).startTracing(readTracingEnv());
  (await import('@/lib/auth/startup')).prepareAuth();
  // SIGTERM: stop accepting at once, let in-flight requests finish (bounded), then exit.
  (await import('@/lib/security/graceful-shutdown')).installGracefulShutdown();
  // One syncer per configured source feeds the run index from now on (only the replica holding a source's lease asks it).
  const { startSyncing } = await import('@/lib/sync/runtime');
  const { getRunIndex } = await import('@/lib/catalog/run-index');
  const { warmCache } = await import('@/lib/cache');
  warmCache();
  const { logEvent } = await import('@/lib/observability/log');
  startSyncing().catch((error: unknown) => {
    logEvent('error', 'sync_start_failed', { message: error instanceof Error ? error.message : String(error) });
  });
  getRunIndex().catch((error: unknown) => {
    // Pages report source failures themselves; this is only a warm-up.
    logEvent('warn', 'warm_up_failed', { message: error instanceof Error ? error.message : String(error) });
  });
}

/** Every request that ends in an unhandled error: one JSON log line and a counter on /api/metrics. */
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { logEvent } = await import('@/lib/observability/log');
  const { recordRequestError } = await import('@/lib/observability/runlens-metrics');
  recordRequestError(context.routeType);
  const digest = typeof error === 'object' && error !== null && 'digest' in error ? String(error.digest) : null;
  logEvent('error', 'request_error', {
    method: request.method,
    // The path only: queries may carry what users typed.
    path: request.path.split('?')[0],
    route: context.routePath,
    routeType: context.routeType,
    digest,
    message: error instanceof Error ? error.message : String(error),
  });
};
