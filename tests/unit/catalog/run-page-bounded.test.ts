import { describe, expect, it } from 'vitest';
import { runPageModel } from '@/lib/catalog/run-page-model';
import type { RunIndex } from '@/lib/catalog/run-index';
import type { UnifiedRun } from '@/lib/model';
import { LIST_LIMIT, boundList, showingText } from '@/lib/model/bounded-list';
import { FACET_PAGE_BYTES } from '@/lib/model/facet-preview';
import { withDemoIndex } from './catalog-index';

let index: RunIndex;
withDemoIndex((demo) => ({ index } = demo));

/** A demo run grown to 100,000 inputs, 5,000 params and a 10 MB facet, as a hostile producer could send. */
function hugeRun(): UnifiedRun {
  const base = [...index.loaded.values()].find((r) => r.lineage !== null && r.experiment !== null)!;
  const inputs = Array.from({ length: 100_000 }, (_, i) => ({ ...base.lineage!.inputs[0]!, name: `huge/input-${i}`, producedByRunId: null }));
  const params = Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`p${i}`, String(i)]));
  return {
    ...base,
    lineage: { ...base.lineage!, inputs, facets: { ...base.lineage!.facets, big: { blob: 'x'.repeat(10 * 1024 * 1024) } } },
    experiment: { ...base.experiment!, params },
  };
}

describe('run page with a huge run', () => {
  it('shows bounded windows of every list, says what it left out, and cuts facets over 64 KB', () => {
    const run = hugeRun();
    const started = performance.now();
    const model = runPageModel(index, run);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(model.datasets.inputs).toHaveLength(LIST_LIMIT);
    expect(model.windows.inputs).toMatchObject({ offset: 0, shown: LIST_LIMIT, total: 100_000 });
    expect(showingText(model.windows.inputs, 'inputs')).toBe('showing 1–200 of 100,000 inputs');
    expect(model.params.length).toBeLessThanOrEqual(LIST_LIMIT);
    expect(model.windows.params.total).toBeGreaterThanOrEqual(5_000);
    expect(model.neighbourhood.inputs.length).toBeLessThanOrEqual(LIST_LIMIT);
    const big = model.facets?.find((f) => f.name === 'big');
    expect(big).toMatchObject({ truncated: true, bytes: expect.any(Number) });
    expect(big!.json.length).toBeLessThanOrEqual(FACET_PAGE_BYTES);
    expect(big!.bytes).toBeGreaterThan(10 * 1024 * 1024);
    expect(JSON.stringify(model).length).toBeLessThan(2 * 1024 * 1024);
  });

  it('the next window starts where the query says', () => {
    const model = runPageModel(index, hugeRun(), { inputs: 99_900 });
    expect(model.windows.inputs).toMatchObject({ offset: 99_900, shown: 100, total: 100_000 });
    expect(model.datasets.inputs[0]?.name).toBe('huge/input-99900');
  });

  it('boundList clamps odd offsets', () => {
    expect(boundList([1, 2, 3], -5)).toMatchObject({ offset: 0, shown: 3 });
    expect(boundList([1, 2, 3], 99)).toMatchObject({ offset: 2, shown: 1 });
    expect(boundList([], 10)).toMatchObject({ offset: 0, shown: 0, total: 0 });
    expect(showingText(boundList([1, 2], 0), 'x')).toBeNull();
  });
});
