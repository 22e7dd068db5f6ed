import { renderMetrics } from '@/lib/observability/metrics';
import { recordProcessMetrics } from '@/lib/observability/runlens-metrics';

export const dynamic = 'force-dynamic';

/** GET /api/metrics → every Runlens metric in the Prometheus text format (version 0.0.4), for scraping. */
export function GET() {
  recordProcessMetrics();
  return new Response(renderMetrics(), { headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'cache-control': 'no-store' } });
}
