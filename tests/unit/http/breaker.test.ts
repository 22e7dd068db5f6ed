import { describe, expect, it } from 'vitest';
import { backoffDelay, MAX_BACKOFF_MS } from '@/lib/http/backoff';
import { CircuitBreaker } from '@/lib/http/breaker';
import { endpointOf, routePath } from '@/lib/http/endpoint';
import { setLogSink } from '@/lib/observability/log';
import { renderMetrics } from '@/lib/observability/metrics';

function clock(start = Date.parse('2026-11-26T09:00:00Z')) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

describe('CircuitBreaker', () => {
  it('opens after the threshold of failed calls in a row, and refuses until the cool-down ends', () => {
    const c = clock();
    const b = new CircuitBreaker('Up', { failureThreshold: 3, cooldownMs: 1000 }, c.now);
    b.failed('boom 1');
    c.advance(10);
    b.failed('boom 2');
    expect(b.admit()).toEqual({ allowed: true });
    b.failed('boom 3');
    const refused = b.admit();
    expect(refused.allowed).toBe(false);
    if (refused.allowed) return;
    expect(refused.view).toMatchObject({
      state: 'open', consecutiveFailures: 3, failingSince: '2026-11-26T09:00:00.000Z', openedAt: '2026-11-26T09:00:00.010Z',
      retryAt: '2026-11-26T09:00:01.010Z', lastError: 'boom 3',
    });
    c.advance(989);
    expect(b.admit().allowed).toBe(false);
  });

  it('a success resets the streak, so only failures in a row open it', () => {
    const b = new CircuitBreaker('Up', { failureThreshold: 2 });
    b.failed('x');
    b.succeeded();
    b.failed('y');
    expect(b.view()).toMatchObject({ state: 'closed', consecutiveFailures: 1 });
  });

  it('lets exactly one probe through when half-open; its success closes the breaker', () => {
    const c = clock();
    const b = new CircuitBreaker('Up', { failureThreshold: 1, cooldownMs: 500 }, c.now);
    b.failed('down');
    c.advance(500);
    expect(b.admit()).toEqual({ allowed: true });
    expect(b.view().state).toBe('half-open');
    const second = b.admit();
    expect(second.allowed).toBe(false);
    b.succeeded();
    expect(b.view()).toMatchObject({ state: 'closed', consecutiveFailures: 0, failingSince: null, lastError: null });
    expect(b.admit()).toEqual({ allowed: true });
  });

  it('a failed probe opens it again for another cool-down, keeping since when it fails', () => {
    const c = clock();
    const b = new CircuitBreaker('Up', { failureThreshold: 1, cooldownMs: 500 }, c.now);
    b.failed('down');
    c.advance(600);
    b.admit();
    b.failed('still down');
    expect(b.view()).toMatchObject({ state: 'open', failingSince: '2026-11-26T09:00:00.000Z', retryAt: '2026-11-26T09:00:01.100Z' });
  });

  it('failures that show the upstream is up (401, garbage) do not count towards opening, but do set since when', () => {
    const c = clock();
    const b = new CircuitBreaker('Up', { failureThreshold: 1 }, c.now);
    b.failed('HTTP 401', false);
    b.failed('HTTP 401', false);
    expect(b.view()).toMatchObject({ state: 'closed', consecutiveFailures: 0, failingSince: '2026-11-26T09:00:00.000Z', lastError: 'HTTP 401' });
  });

  it('logs each transition as one JSON line and exports the state as a one-hot gauge', async () => {
    const lines: string[] = [];
    setLogSink((line) => lines.push(line));
    const c = clock();
    const b = new CircuitBreaker('Logged', { failureThreshold: 1, cooldownMs: 0 }, c.now);
    b.failed('refused');
    b.admit();
    b.succeeded();
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      expect.objectContaining({ level: 'warn', event: 'circuit_breaker_transition', source: 'Logged', from: 'closed', to: 'open', consecutiveFailures: 1, lastError: 'refused' }),
      expect.objectContaining({ level: 'info', event: 'circuit_breaker_transition', from: 'open', to: 'half-open' }),
      expect.objectContaining({ level: 'info', event: 'circuit_breaker_transition', from: 'half-open', to: 'closed' }),
    ]);
    const text = await renderMetrics();
    expect(text).toContain('runlens_circuit_breaker_state{source="Logged",state="closed"} 1');
    expect(text).toContain('runlens_circuit_breaker_state{source="Logged",state="open"} 0');
    expect(text).toContain('runlens_circuit_breaker_transitions_total{source="Logged",to="open"} 1');
  });
});

describe('backoffDelay', () => {
  it('doubles per attempt, keeps half fixed and jitters the other half', () => {
    expect(backoffDelay(100, 0, () => 0)).toBe(50);
    expect(backoffDelay(100, 0, () => 1)).toBe(100);
    expect(backoffDelay(100, 3, () => 0)).toBe(400);
    expect(backoffDelay(100, 3, () => 0.5)).toBe(600);
  });

  it('is capped, and spreads out many callers', () => {
    expect(backoffDelay(1000, 20, () => 1)).toBe(MAX_BACKOFF_MS);
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(200, 2)));
    expect(delays.size).toBeGreaterThan(40);
    for (const d of delays) expect(d).toBeGreaterThanOrEqual(400);
  });
});

describe('endpoint labels', () => {
  it('routePath encodes each value as one segment and keeps the template', () => {
    expect(routePath('/namespaces/{namespace}/datasets/{dataset}/versions', { namespace: 's3://bucket', dataset: 'a/b c' })).toEqual({
      path: '/namespaces/s3%3A%2F%2Fbucket/datasets/a%2Fb%20c/versions',
      template: '/namespaces/{namespace}/datasets/{dataset}/versions',
    });
    expect(() => routePath('/jobs/runs/{run}', {})).toThrow(/no value for \{run\}/);
  });

  it('endpointOf masks id-like segments and keeps route words', () => {
    expect(endpointOf('/api/2.0/mlflow/runs/search')).toBe('/api/2.0/mlflow/runs/search');
    expect(endpointOf('/api/v1/jobs/runs/547946ee-2284-49a0-9a4e-0e3b5b5e0d6d/facets')).toBe('/api/v1/jobs/runs/{}/facets');
    expect(endpointOf('/things/s3%3A%2F%2Fb/12345')).toBe('/things/{}/{}');
  });
});
