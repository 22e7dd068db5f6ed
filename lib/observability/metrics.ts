/**
 * A small Prometheus registry: counters, gauges and histograms with labels, rendered in the text
 * exposition format (0.0.4). Kept on globalThis because Next.js may load a module once per route bundle.
 */

export type Labels = Record<string, string>;

type Kind = 'counter' | 'gauge' | 'histogram';

interface Series {
  labels: Labels;
  value: number;
  /** Histograms only: per-bucket counts (not cumulative), then sum and count. */
  buckets?: number[];
  sum?: number;
  count?: number;
}

interface Family {
  name: string;
  help: string;
  kind: Kind;
  labelNames: readonly string[];
  bucketBounds: readonly number[];
  series: Map<string, Series>;
}

const holder = globalThis as typeof globalThis & { __runlensMetrics?: Map<string, Family> };
const families = (holder.__runlensMetrics ??= new Map());

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

function family(name: string, help: string, kind: Kind, labelNames: readonly string[], bucketBounds: readonly number[] = []): Family {
  if (!NAME.test(name)) throw new Error(`invalid metric name ${name}`);
  const existing = families.get(name);
  if (existing) return existing;
  const created: Family = { name, help, kind, labelNames, bucketBounds: [...bucketBounds].sort((a, b) => a - b), series: new Map() };
  families.set(name, created);
  return created;
}

function seriesOf(f: Family, labels: Labels): Series {
  // Only declared labels, in declared order: the key and the output stay stable whatever the caller passed.
  const ordered: Labels = {};
  for (const n of f.labelNames) ordered[n] = labels[n] ?? '';
  const key = JSON.stringify(f.labelNames.map((n) => ordered[n]));
  let s = f.series.get(key);
  if (!s) {
    s = f.kind === 'histogram' ? { labels: ordered, value: 0, buckets: f.bucketBounds.map(() => 0), sum: 0, count: 0 } : { labels: ordered, value: 0 };
    f.series.set(key, s);
  }
  return s;
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
  const f = family(name, help, 'counter', labelNames);
  return {
    inc: (labels = {}, by = 1) => {
      if (by < 0 || !Number.isFinite(by)) return;
      seriesOf(f, labels).value += by;
    },
  };
}

export function gauge(name: string, help: string, labelNames: readonly string[] = []): Gauge {
  const f = family(name, help, 'gauge', labelNames);
  return { set: (labels, value) => void (seriesOf(f, labels).value = value) };
}

export function histogram(name: string, help: string, labelNames: readonly string[], bucketBounds: readonly number[]): Histogram {
  const f = family(name, help, 'histogram', labelNames, bucketBounds);
  return {
    observe: (labels, value) => {
      if (Number.isNaN(value)) return;
      const s = seriesOf(f, labels);
      const i = f.bucketBounds.findIndex((bound) => value <= bound);
      if (i >= 0 && s.buckets) s.buckets[i] = (s.buckets[i] ?? 0) + 1;
      s.sum = (s.sum ?? 0) + value;
      s.count = (s.count ?? 0) + 1;
    },
  };
}

/** Label values: backslash, double quote and newline escaped, as the format requires. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

function labelText(labels: Labels, extra: Labels = {}): string {
  const all = { ...labels, ...extra };
  const parts = Object.entries(all).map(([k, v]) => `${k}="${escapeLabelValue(v)}"`);
  return parts.length === 0 ? '' : `{${parts.join(',')}}`;
}

function renderFamily(f: Family): string[] {
  const lines = [`# HELP ${f.name} ${escapeHelp(f.help)}`, `# TYPE ${f.name} ${f.kind}`];
  for (const s of f.series.values()) {
    if (f.kind !== 'histogram') {
      lines.push(`${f.name}${labelText(s.labels)} ${formatNumber(s.value)}`);
      continue;
    }
    let cumulative = 0;
    f.bucketBounds.forEach((bound, i) => {
      cumulative += s.buckets?.[i] ?? 0;
      lines.push(`${f.name}_bucket${labelText(s.labels, { le: formatNumber(bound) })} ${cumulative}`);
    });
    lines.push(`${f.name}_bucket${labelText(s.labels, { le: '+Inf' })} ${s.count ?? 0}`);
    lines.push(`${f.name}_sum${labelText(s.labels)} ${formatNumber(s.sum ?? 0)}`);
    lines.push(`${f.name}_count${labelText(s.labels)} ${s.count ?? 0}`);
  }
  return lines;
}

/** Every registered metric in the Prometheus text format, families sorted by name. */
export function renderMetrics(): string {
  const sorted = [...families.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return `${sorted.flatMap(renderFamily).join('\n')}\n`;
}

/** Tests only: forget every recorded value (the metric definitions stay). */
export function resetMetrics(): void {
  for (const f of families.values()) f.series.clear();
}
