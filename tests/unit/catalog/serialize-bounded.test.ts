import { describe, expect, it } from 'vitest';
import { API_LIST_LIMIT, toApiRun } from '@/lib/catalog/serialize';
import { apiLineageSchema } from '@/lib/api/contract';
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
