import { context, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readTracingEnv } from '@/lib/env';
import { fetchJson } from '@/lib/http/fetch-json';
import { startTracing } from '@/lib/observability/tracing';
import { json, scriptedServer } from '../http/scripted-server';

const server = scriptedServer();
const exporter = new InMemorySpanExporter();
const provider = (await startTracing({ endpoint: null, serviceName: 'runlens-test' }, new SimpleSpanProcessor(exporter)))!;
afterAll(() => provider.shutdown());

describe('tracing', () => {
  it('is off unless an OTLP endpoint is set', async () => {
    expect(readTracingEnv({})).toEqual({ endpoint: null, serviceName: 'runlens' });
    expect(await startTracing(readTracingEnv({}))).toBeNull();
    expect(readTracingEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SERVICE_NAME: 'rl' })).toEqual({ endpoint: 'http://collector:4318', serviceName: 'rl' });
  });

  it('each upstream call is a client span, child of the request span, named by its route template', async () => {
    server.handler = (req, res) => (req.url?.includes('gone') ? json(res, 503, { message: 'down' }) : json(res, 200, { ok: true }));
    const schema = z.looseObject({ ok: z.boolean() });
    const request = trace.getTracer('test').startSpan('GET /runs/[...id]');
    await context.with(trace.setSpan(context.active(), request), async () => {
      await fetchJson({ url: `${server.base}/api/v1/jobs/runs/abc?token=x`, schema, source: 'Marquez', timeoutMs: 1000, endpoint: '/jobs/runs/{run}' });
      await fetchJson({ url: `${server.base}/gone`, schema, source: 'MLflow', timeoutMs: 1000 }).catch(() => null);
    });
    request.end();
    const spans = exporter.getFinishedSpans();
    const upstream = spans.filter((s) => s.name !== 'GET /runs/[...id]');
    expect(upstream.map((s) => s.name)).toEqual(['GET Marquez /jobs/runs/{run}', 'GET MLflow /gone']);
    for (const span of upstream) expect(span.parentSpanContext?.spanId).toBe(request.spanContext().spanId);
    expect(upstream[1]!.attributes['http.response.status_code']).toBe(503);
    expect(upstream[1]!.status.code).toBe(2);
    expect(JSON.stringify(upstream.map((s) => [s.name, s.attributes]))).not.toContain('token');
  });
});
