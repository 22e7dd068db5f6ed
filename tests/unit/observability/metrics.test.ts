import { describe, expect, it } from 'vitest';
import { counter, gauge, histogram, renderMetrics } from '@/lib/observability/metrics';
import { countCacheLookup } from '@/lib/observability/runlens-metrics';

/** The lines of one metric family, from its HELP line up to the next family. */
function family(text: string, name: string): string[] {
  const lines = text.split('\n');
  const start = lines.indexOf(lines.find((l) => l.startsWith(`# HELP ${name} `)) ?? '');
  if (start < 0) return [];
  const end = lines.findIndex((l, i) => i > start + 1 && l.startsWith('# HELP '));
  return lines.slice(start, end < 0 ? undefined : end).filter((l) => l !== '');
}

describe('Prometheus text format (prom-client)', () => {
  it('renders a counter with HELP, TYPE and one line per label set, ignoring decrements', async () => {
    const c = counter('test_things_total', 'Things seen.', ['kind']);
    c.inc({ kind: 'a' });
    c.inc({ kind: 'a' }, 2);
    c.inc({ kind: 'b' });
    c.inc({ kind: 'b' }, -5);
    expect(family(await renderMetrics(), 'test_things_total')).toEqual([
      '# HELP test_things_total Things seen.',
      '# TYPE test_things_total counter',
      'test_things_total{kind="a"} 3',
      'test_things_total{kind="b"} 1',
    ]);
  });

  it('escapes label values, orders labels as declared and drops undeclared ones', async () => {
    const g = gauge('test_gauge', 'A gauge.', ['b', 'a']);
    g.set({ a: 'quote " here', b: 'line\nbreak \\ slash', extra: 'x' }, 1.5);
    expect(family(await renderMetrics(), 'test_gauge')).toContain('test_gauge{b="line\\nbreak \\\\ slash",a="quote \\" here"} 1.5');
  });

  it('renders histograms with cumulative buckets, +Inf, sum and count', async () => {
    const h = histogram('test_latency_seconds', 'Latency.', ['source'], [0.1, 1, 0.5]);
    for (const v of [0.05, 0.2, 0.7, 3]) h.observe({ source: 'X' }, v);
    expect(family(await renderMetrics(), 'test_latency_seconds')).toEqual([
      '# HELP test_latency_seconds Latency.',
      '# TYPE test_latency_seconds histogram',
      'test_latency_seconds_bucket{le="0.1",source="X"} 1',
      'test_latency_seconds_bucket{le="0.5",source="X"} 2',
      'test_latency_seconds_bucket{le="1",source="X"} 3',
      'test_latency_seconds_bucket{le="+Inf",source="X"} 4',
      'test_latency_seconds_sum{source="X"} 3.95',
      'test_latency_seconds_count{source="X"} 4',
    ]);
  });

  it('a family registered twice (one module per route bundle) is the same family', async () => {
    counter('test_twice_total', 'Twice.').inc();
    counter('test_twice_total', 'Twice.').inc();
    expect(family(await renderMetrics(), 'test_twice_total')).toContain('test_twice_total 2');
  });

  it('includes the default process metrics: resident memory, heap and event-loop lag', async () => {
    const text = await renderMetrics();
    for (const name of ['process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds', 'nodejs_heap_size_used_bytes', 'nodejs_heap_used_bytes']) {
      expect(text).toMatch(new RegExp(`^${name} \\d`, 'm'));
    }
  });

  it('counts cache hits and misses for any cache that reports them', async () => {
    countCacheLookup('run-index', true);
    countCacheLookup('run-index', true);
    countCacheLookup('run-index', false);
    const lines = family(await renderMetrics(), 'runlens_cache_lookups_total');
    expect(lines).toContain('runlens_cache_lookups_total{cache="run-index",result="hit"} 2');
    expect(lines).toContain('runlens_cache_lookups_total{cache="run-index",result="miss"} 1');
  });
});
