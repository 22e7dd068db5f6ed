import { counter, gauge, histogram } from './metrics';

/**
 * The metrics Runlens exports on /api/metrics. lib/http records the upstream ones for every source;
 * caches call countCacheLookup; instrumentation.ts counts request errors.
 */

// Upstream latency: loopback stubs answer in ~1 ms, real servers in tens of ms, deadlines at seconds.
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

const upstreamRequests = counter('runlens_upstream_requests_total', 'Requests sent to an upstream, by source, endpoint (route template), method and outcome (ok or the error kind).', ['source', 'endpoint', 'method', 'outcome']);
const upstreamDuration = histogram('runlens_upstream_request_duration_seconds', 'Time from sending an upstream request to its validated body (or its failure), by source and endpoint.', ['source', 'endpoint'], LATENCY_BUCKETS);
const upstreamErrors = counter('runlens_upstream_errors_total', 'Failed upstream calls by source, endpoint and kind (http, parse, network, timeout, auth; unavailable = refused by the open circuit breaker without a request).', ['source', 'endpoint', 'kind']);
const breakerState = gauge('runlens_circuit_breaker_state', "1 for each source's current circuit breaker state (closed, open, half-open), 0 for the others.", ['source', 'state']);
const breakerFailures = gauge('runlens_circuit_breaker_consecutive_failures', 'Upstream calls in a row that failed (network, timeout, 5xx; each after its retries), by source.', ['source']);
const breakerTransitions = counter('runlens_circuit_breaker_transitions_total', 'Circuit breaker state changes, by source and new state.', ['source', 'to']);
const cacheLookups = counter('runlens_cache_lookups_total', 'Cache lookups by cache name and result (hit or miss).', ['cache', 'result']);
const oversizedShared = counter('runlens_cache_shared_oversized_total', 'Values over the Redis size cap that were not written to Redis (write) or not read from it (read: served as a miss), by cache name.', ['cache', 'direction']);
const requestErrors = counter('runlens_request_errors_total', 'Requests to Runlens that ended in an unhandled error, by route type (render, route, action, proxy).', ['route_type']);

const rejectedRequests = counter('runlens_requests_rejected_total', 'Requests refused before routing (lib/security/request-guard.ts), by reason: method (405), target or encoding (400), login (429: login throttle), flood (503: a client over its in-flight cap).', ['reason']);

export const BREAKER_STATES = ['closed', 'open', 'half-open'] as const;
export type BreakerStateName = (typeof BREAKER_STATES)[number];

export function recordUpstreamRequest(source: string, endpoint: string, method: string, outcome: string, seconds: number): void {
  upstreamRequests.inc({ source, endpoint, method, outcome });
  upstreamDuration.observe({ source, endpoint }, seconds);
}

export function recordUpstreamError(source: string, endpoint: string, kind: string): void {
  upstreamErrors.inc({ source, endpoint, kind });
}

export function recordBreaker(source: string, state: BreakerStateName, consecutiveFailures: number, transitioned: boolean): void {
  for (const s of BREAKER_STATES) breakerState.set({ source, state: s }, s === state ? 1 : 0);
  breakerFailures.set({ source }, consecutiveFailures);
  if (transitioned) breakerTransitions.inc({ source, to: state });
}

/** For caches: one call per lookup, e.g. countCacheLookup('run-index', true). */
export function countCacheLookup(cache: string, hit: boolean): void {
  cacheLookups.inc({ cache, result: hit ? 'hit' : 'miss' });
}

/** For the Redis tier: a value over its size cap, not written or not read (lib/cache/redis-cache.ts). */
export function countOversizedSharedValue(cache: string, direction: 'write' | 'read'): void {
  oversizedShared.inc({ cache, direction });
}

export function recordRejectedRequest(reason: string): void {
  rejectedRequests.inc({ reason });
}

export function recordRequestError(routeType: string): void {
  requestErrors.inc({ route_type: routeType });
}

// Kept under its pre-prom-client name (dashboards use it); prom-client's defaults add nodejs_heap_size_used_bytes and more.
gauge('nodejs_heap_used_bytes', 'V8 heap in use, in bytes.', [], (set) => set(process.memoryUsage().heapUsed));
