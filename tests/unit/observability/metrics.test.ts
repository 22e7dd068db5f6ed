import { describe, expect, it } from 'vitest';
import { counter, escapeLabelValue, formatNumber, gauge, histogram, renderMetrics } from '@/lib/observability/metrics';
import { countCacheLookup } from '@/lib/observability/runlens-metrics';

/** The lines of one metric family, from its HELP line up to the next family. */
function family(text: string, name: string): string[] {
  const lines = text.split('\n');
  const start = lines.indexOf(lines.find((l) => l.startsWith(`# HELP ${name} `)) ?? '');
  if (start < 0) return [];
  const end = lines.findIndex((l, i) => i > start + 1 && l.startsWith('# HELP '));
  return lines.slice(start, end < 0 ? undefined : end).filter((l) => l !== '');
}

describe('Prometheus text format', () => {
  it('renders a counter with HELP, TYPE and one line per label set', () => {
    const c = counter('test_things_total', 'Things seen.\nSecond line with \\ backslash.', ['kind']);
    c.inc({ kind: 'a' });
    c.inc({ kind: 'a' }, 2);
    c.inc({ kind: 'b' });
    c.inc({ kind: 'b' }, -5);
    expect(family(renderMetrics(), 'test_things_total')).toEqual([
      '# HELP test_things_total Things seen.\\nSecond line with \\\\ backslash.',
      '# TYPE test_things_total counter',
      'test_things_total{kind="a"} 3',
      'test_things_total{kind="b"} 1',
    ]);
  });

  it('escapes label values and orders labels as declared', () => {
    const g = gauge('test_gauge', 'A gauge.', ['b', 'a']);
    g.set({ a: 'quote " here', b: 'line\nbreak \\ slash' }, 1.5);
    expect(family(renderMetrics(), 'test_gauge')).toContain('test_gauge{b="line\\nbreak \\\\ slash",a="quote \\" here"} 1.5');
    expect(escapeLabelValue('a"b')).toBe('a\\"b');
  });

  it('renders histograms with cumulative buckets, +Inf, sum and count', () => {
    const h = histogram('test_latency_seconds', 'Latency.', ['source'], [0.1, 1, 0.5]);
    for (const v of [0.05, 0.2, 0.7, 3]) h.observe({ source: 'X' }, v);
    expect(family(renderMetrics(), 'test_latency_seconds')).toEqual([
      '# HELP test_latency_seconds Latency.',
      '# TYPE test_latency_seconds histogram',
      'test_latency_seconds_bucket{source="X",le="0.1"} 1',
      'test_latency_seconds_bucket{source="X",le="0.5"} 2',
      'test_latency_seconds_bucket{source="X",le="1"} 3',
      'test_latency_seconds_bucket{source="X",le="+Inf"} 4',
      'test_latency_seconds_sum{source="X"} 3.95',
      'test_latency_seconds_count{source="X"} 4',
    ]);
  });

  it('writes special values the way Prometheus reads them', () => {
    expect([formatNumber(Infinity), formatNumber(-Infinity), formatNumber(NaN), formatNumber(42)]).toEqual(['+Inf', '-Inf', 'NaN', '42']);
  });

  it('refuses names Prometheus would not accept', () => {
    expect(() => counter('bad-name', 'x')).toThrow(/invalid metric name/);
  });

  it('counts cache hits and misses for any cache that reports them', () => {
    countCacheLookup('run-index', true);
    countCacheLookup('run-index', true);
    countCacheLookup('run-index', false);
    const lines = family(renderMetrics(), 'runlens_cache_lookups_total');
    expect(lines).toContain('runlens_cache_lookups_total{cache="run-index",result="hit"} 2');
    expect(lines).toContain('runlens_cache_lookups_total{cache="run-index",result="miss"} 1');
  });

  it('every line is a comment or `name{labels} value`, and the text ends with a newline', () => {
    counter('test_shape_total', 'Shape.', ['l']).inc({ l: 'v' });
    const text = renderMetrics();
    expect(text.endsWith('\n')).toBe(true);
    for (const line of text.trimEnd().split('\n')) {
      expect(line).toMatch(/^(# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .+|[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_]\w*="([^"\\\n]|\\.)*",?)*\})? (-?[0-9.e+-]+|\+Inf|-Inf|NaN))$/);
    }
  });
});
