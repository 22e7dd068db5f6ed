import 'server-only';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider, type SpanProcessor } from '@opentelemetry/sdk-trace-node';

/**
 * The OpenTelemetry SDK and OTLP exporter: loaded by tracing.ts only when an endpoint is set, so a Runlens
 * without tracing never loads (or pays the start-up time and memory of) them.
 */
export function registerTracerProvider(serviceName: string, processor?: SpanProcessor): NodeTracerProvider {
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    spanProcessors: [processor ?? new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  provider.register();
  return provider;
}
