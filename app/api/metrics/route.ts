import { METRICS_CONTENT_TYPE, renderMetrics } from '@/lib/observability/metrics';
import '@/lib/observability/runlens-metrics';

export const dynamic = 'force-dynamic';

/** GET /api/metrics → every Runlens metric and prom-client's default process metrics, in the Prometheus text format, for scraping. */
export async function GET() {
  return new Response(await renderMetrics(), { headers: { 'content-type': METRICS_CONTENT_TYPE, 'cache-control': 'no-store' } });
}
