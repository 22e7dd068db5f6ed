import { describe, expect, it } from 'vitest';
import { API_LIST_LIMIT, API_LIST_RUN_LIMIT, toApiRun } from '@/lib/catalog/serialize';
import { apiLineageSchema, apiRunSchema } from '@/lib/api/contract';
import { experimentRun, lineageRun } from '../join/factories';
import { joinRuns } from '@/lib/join';

describe('API run answers with huge dataset lists', () => {
  it('carry at most API_LIST_LIMIT inputs from the offset asked, with the total', () => {
    const base = lineageRun('3cf12f24-9cf6-4f7b-9dfd-8862d3297952');
    const inputs = Array.from({ length: 100_000 }, (_, i) => ({ namespace: 's3://b', name: `in-${i}`, version: null, producedByRunId: null }));
    const [run] = joinRuns([{ ...base, inputs: inputs as typeof base.inputs }], [experimentRun('x1')]);
    const first = toApiRun(run!, false);
    expect(first.lineage?.inputs).toHaveLength(API_LIST_LIMIT);
    expect(first.lineage).toMatchObject({ inputsOffset: 0, inputsTotal: 100_000, outputsTotal: 0 });
    const last = toApiRun(run!, false, { inputs: 99_500 });
    expect(last.lineage?.inputs.map((d) => d.name)[0]).toBe('in-99500');
    expect(last.lineage?.inputs).toHaveLength(500);
    expect(apiLineageSchema.parse(last.lineage)).toMatchObject({ inputsOffset: 99_500 });
  });
});

describe('API run answers of a hostile run', () => {
  const base = lineageRun('3cf12f24-9cf6-4f7b-9dfd-8862d3297952', {
    facets: { mlflow: { runId: 'x2', experimentId: '1' }, huge: { blob: 'x'.repeat(10 * 1024 * 1024) }, small: { a: 1 } },
  });
  const params = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`p${i}`, String(i)]));
  const tags = Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`t${i}`, String(i)]));
  const [joined] = joinRuns([base], [experimentRun('x2', { params, tags })]);
  const run = { ...joined!, childIds: Array.from({ length: 100_000 }, (_, i) => `child-${i}`) };

  it('cut a 10 MB facet to its size and the URL of its raw value', () => {
    const api = toApiRun(run, true);
    expect(Object.keys(api.lineage!.facets!)).toEqual(['mlflow', 'small']);
    expect(api.lineage!.facetsCut).toEqual([{ name: 'huge', bytes: 10 * 1024 * 1024 + 11, href: `/api/runs/${run.id}?facet=huge` }]);
    expect(api.lineage!.facetsTotal).toBe(3);
  });

  it('page params, tags and stages 1,000 at a time (100 in run lists), with offsets and totals', () => {
    const detail = toApiRun(run, true, { params: 19_500, children: 99_999 });
    expect(Object.keys(detail.experiment!.params)).toHaveLength(500);
    expect(detail.experiment).toMatchObject({ paramsOffset: 19_500, paramsTotal: 20_000, tagsTotal: 5_000 });
    expect(Object.keys(detail.experiment!.tags)).toHaveLength(API_LIST_LIMIT);
    expect(detail).toMatchObject({ childIds: ['child-99999'], childIdsOffset: 99_999, childIdsTotal: 100_000 });
    const listed = toApiRun(run, false);
    expect(Object.keys(listed.experiment!.params)).toHaveLength(API_LIST_RUN_LIMIT);
    expect(listed.lineage!.facets).toBeUndefined();
    expect(JSON.stringify(detail).length).toBeLessThan(200_000);
    expect(apiRunSchema.safeParse(detail).success).toBe(true);
  });
});
