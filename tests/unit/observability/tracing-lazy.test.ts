import { describe, expect, it, vi } from 'vitest';

// The OTLP exporter (and the SDK with it) is loaded only when an endpoint is set: a Runlens without tracing
// never pays for it at start. The mock records whether the exporter module was ever evaluated.
const loaded = vi.hoisted(() => ({ exporter: 0 }));
vi.mock('@opentelemetry/exporter-trace-otlp-http', () => {
  loaded.exporter++;
  return { OTLPTraceExporter: class { export() {} shutdown() { return Promise.resolve(); } forceFlush() { return Promise.resolve(); } } };
});

describe('tracing start-up', () => {
  it('loads no exporter when OTEL_EXPORTER_OTLP_ENDPOINT is unset, and loads it once one is set', async () => {
    const { startTracing } = await import('@/lib/observability/tracing');
    expect(await startTracing({ endpoint: null, serviceName: 'runlens' })).toBeNull();
    expect(loaded.exporter).toBe(0);
    const provider = await startTracing({ endpoint: 'http://127.0.0.1:3699', serviceName: 'runlens' });
    expect(provider).not.toBeNull();
    expect(loaded.exporter).toBe(1);
    await provider?.shutdown();
  });
});
