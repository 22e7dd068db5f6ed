import { describe, expect, it } from 'vitest';
import { apiComparisonSchema } from '@/lib/api/contract';
import { compareRuns } from '@/lib/audit/compare';
import { boundComparison, NESTED_LIMIT } from '@/lib/audit/compare-bounds';
import type { CompareContext } from '@/lib/audit/compare-context';
import { chartChoices, MAX_CHART_CHOICES, MAX_CHARTS } from '@/lib/audit/compare-query';
import { toApiComparison } from '@/lib/catalog/compare-model';
import { joinRuns } from '@/lib/join';
import { LIST_LIMIT, showingText } from '@/lib/model/bounded-list';
import type { UnifiedRun } from '@/lib/model';
import { experimentRun, lineageRun } from '../join/factories';

// Two runs of a hostile size: 100,000 inputs each, all versions changed, 20,000 params, 5,000 metrics.
const INPUTS = 100_000;
const PARAMS = 20_000;
const METRICS = 5_000;

function hostileRun(runId: string, mlflowId: string, version: string): UnifiedRun {
  const inputs = Array.from({ length: INPUTS }, (_, i) => ({ namespace: 's3://b', name: `in-${i}`, version: `${version}-${i}`, producedByRunId: null }));
  const params = Object.fromEntries(Array.from({ length: PARAMS }, (_, i) => [`p${String(i).padStart(5, '0')}`, `${version}${i}`]));
  const metrics = Object.fromEntries(Array.from({ length: METRICS }, (_, i) => [`m${i}`, { value: i, step: 3, timestamp: 0 }]));
  const [run] = joinRuns(
    [lineageRun(runId, { inputs: inputs as never, facets: { mlflow: { runId: mlflowId, experimentId: '1' } } })],
    [experimentRun(mlflowId, { params, metrics: metrics as never })],
  );
  return run!;
}

const runs = [hostileRun('3cf12f24-9cf6-4f7b-9dfd-8862d3297952', 'aaaa1111', 'v1'), hostileRun('4cf12f24-9cf6-4f7b-9dfd-8862d3297953', 'bbbb2222', 'v2')];
const ctx: CompareContext = { findRun: () => null, jobFacets: () => null, firstRead: () => null };
const comparison = compareRuns(runs, ctx);

describe('a comparison of runs with 100,000 inputs and 20,000 params', () => {
  it('answers windows of 200 with their totals, and the API body stays small', () => {
    const api = toApiComparison({ comparison, found: runs, missing: [], notes: [] }, { inputs: 99_900 });
    expect(apiComparisonSchema.safeParse(api).success).toBe(true);
    expect(api.params).toHaveLength(LIST_LIMIT);
    expect(api.windows.params).toMatchObject({ offset: 0, shown: LIST_LIMIT, total: PARAMS });
    expect(api.windows.paramsDiffering).toBe(PARAMS);
    expect(api.metrics).toHaveLength(LIST_LIMIT);
    expect(api.windows.metrics.total).toBe(METRICS);
    expect(api.inputs.map((d) => d.name)).toEqual(Array.from({ length: 100 }, (_, i) => `in-${99_900 + i}`));
    expect(api.windows.inputs).toMatchObject({ offset: 99_900, shown: 100, total: INPUTS });
    const pair = api.pairs[0]!;
    expect(pair.upstream.root.inputs).toHaveLength(NESTED_LIMIT);
    expect(pair.upstream.root.params).toHaveLength(NESTED_LIMIT);
    expect(pair.upstream.root.totals).toMatchObject({ inputs: INPUTS, params: PARAMS });
    expect(pair.causes.length).toBeLessThanOrEqual(NESTED_LIMIT);
    // Unbounded, the body was tens of megabytes (100,000 inputs twice over, 20,000 params twice over).
    expect(JSON.stringify(api).length).toBeLessThan(400_000);
  });

  it('windows only the differing params for the page by default, and says what it shows', () => {
    const bounded = boundComparison(comparison, { params: 19_950 }, true);
    expect(bounded.params).toHaveLength(50);
    expect(showingText(bounded.windows.params, 'differing params')).toBe('showing 19,951–20,000 of 20,000 differing params');
    expect(bounded.windows.paramsAll).toBe(PARAMS);
  });

  it('offers at most 100 chart choices and overlays at most 12, whatever the URL names', () => {
    const charts = chartChoices(comparison.metrics, comparison.metrics.map((m) => m.key));
    expect(charts.keys).toHaveLength(MAX_CHART_CHOICES);
    expect(charts.shown).toHaveLength(MAX_CHARTS);
    expect(charts.total).toBe(METRICS);
  });
});
