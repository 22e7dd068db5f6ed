export const dynamic = 'force-dynamic';

/** Liveness for load balancers: open even with auth on, so it says nothing but "ok" (readiness is /api/health). */
export function GET() {
  return new Response('ok', { headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
}
