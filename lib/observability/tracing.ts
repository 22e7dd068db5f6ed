import 'server-only';
import { trace, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { NodeTracerProvider, SpanProcessor } from '@opentelemetry/sdk-trace-node';
import type { TracingEnv } from '@/lib/env';

/**
 * OpenTelemetry tracing. Next.js opens one span per page or API request (BaseServer.handleRequest and its
 * render spans) once a tracer provider is registered; lib/http adds a child span per upstream call, so a
 * slow page shows which upstream made it slow. Exported over OTLP/HTTP only when an endpoint is configured;
 * otherwise @opentelemetry/api stays a no-op and the SDK is never loaded (tracing-provider.ts).
 */

const TRACER = 'runlens';

/** Registers the provider (instrumentation.ts calls this once); null, with nothing loaded, when no OTLP endpoint is set. */
export async function startTracing(env: TracingEnv, processor?: SpanProcessor): Promise<NodeTracerProvider | null> {
  if (env.endpoint === null && processor === undefined) return null;
  const { registerTracerProvider } = await import('./tracing-provider');
  return registerTracerProvider(env.serviceName, processor);
}

export interface UpstreamSpanInfo {
  source: string;
  method: string;
  /** The route template (`/jobs/runs/{run}`): ids and queries stay out of span names. */
  endpoint: string;
  host: string;
}

/** Runs one upstream call inside a client span, a child of the request's span; records the outcome. */
export function inUpstreamSpan<T>(info: UpstreamSpanInfo, work: () => Promise<T>): Promise<T> {
  return trace.getTracer(TRACER).startActiveSpan(`${info.method} ${info.source} ${info.endpoint}`, {
    kind: SpanKind.CLIENT,
    attributes: { 'http.request.method': info.method, 'url.template': info.endpoint, 'server.address': info.host, 'runlens.source': info.source },
  }, async (span) => {
    try {
      return await work();
    } catch (error) {
      // The message is a SourceError's: already redacted.
      const status = typeof error === 'object' && error !== null && 'status' in error ? error.status : undefined;
      if (typeof status === 'number') span.setAttribute('http.response.status_code', status);
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}
