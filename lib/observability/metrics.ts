import { collectDefaultMetrics, Counter as PromCounter, Gauge as PromGauge, Histogram as PromHistogram, Registry } from 'prom-client';

/**
 * The Prometheus registry (prom-client) with its default process and Node metrics (CPU, resident memory,
 * heap, event-loop lag, GC), and thin helpers for Runlens' own families. Kept on globalThis because
 * Next.js may load a module once per route bundle, and a family may be registered only once.
 */

export type Labels = Record<string, string>;

const holder = globalThis as typeof globalThis & { __runlensRegistry?: Registry };

function registry(): Registry {
  if (holder.__runlensRegistry) return holder.__runlensRegistry;
  const created = new Registry();
  collectDefaultMetrics({ register: created });
  holder.__runlensRegistry = created;
  return created;
}

/** Only declared labels, each always present: prom-client refuses unknown ones, Runlens callers may pass extra. */
function declared(labelNames: readonly string[], labels: Labels): Labels {
  const out: Labels = {};
  for (const n of labelNames) out[n] = labels[n] ?? '';
  return out;
}

function existing<T>(name: string): T | undefined {
  return registry().getSingleMetric(name) as T | undefined;
}

export interface Counter {
  inc(labels?: Labels, by?: number): void;
}

export interface Gauge {
  set(labels: Labels, value: number): void;
}

export interface Histogram {
  observe(labels: Labels, value: number): void;
}

export function counter(name: string, help: string, labelNames: readonly string[] = []): Counter {
  const metric = existing<PromCounter>(name) ?? new PromCounter({ name, help, labelNames: [...labelNames], registers: [registry()] });
  return {
    inc: (labels = {}, by = 1) => {
      // A counter only goes up; a bad increment is dropped rather than thrown into the caller's path.
      if (by < 0 || !Number.isFinite(by)) return;
      metric.inc(declared(labelNames, labels), by);
    },
  };
}

export function gauge(name: string, help: string, labelNames: readonly string[] = [], collect?: (set: (value: number) => void) => void): Gauge {
  const metric = existing<PromGauge>(name) ?? new PromGauge({
    name, help, labelNames: [...labelNames], registers: [registry()],
    ...(collect ? { collect() { collect((value) => this.set(value)); } } : {}),
  });
  return { set: (labels, value) => metric.set(declared(labelNames, labels), value) };
}

export function histogram(name: string, help: string, labelNames: readonly string[], bucketBounds: readonly number[]): Histogram {
  const metric = existing<PromHistogram>(name) ?? new PromHistogram({ name, help, labelNames: [...labelNames], buckets: [...bucketBounds].sort((a, b) => a - b), registers: [registry()] });
  return {
    observe: (labels, value) => {
      if (Number.isNaN(value)) return;
      metric.observe(declared(labelNames, labels), value);
    },
  };
}

/** Every registered metric in the Prometheus text format. */
export function renderMetrics(): Promise<string> {
  return registry().metrics();
}

export const METRICS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

/** Tests only: forget every recorded value (the metric definitions stay). */
export function resetMetrics(): void {
  registry().resetMetrics();
}
