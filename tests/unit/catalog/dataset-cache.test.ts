import { describe, expect, it } from 'vitest';
import { cachedDataset } from '@/lib/catalog/run-cache';
import type { LineageSource } from '@/lib/sources';

// The run, compare and dataset pages ask a source's version list of the same datasets on every view:
// within the live TTL they share one upstream answer.
describe('cachedDataset', () => {
  it('asks the source once for concurrent and repeated look-ups of one dataset', async () => {
    let asked = 0;
    const source = {
      id: 'marquez-dataset-cache',
      dataset: async (ref: { namespace: string; name: string }) => (asked++, { ...ref, facets: {}, versions: [], updatedAt: null }),
    } as unknown as LineageSource;
    const ref = { namespace: 's3://b', name: 'raw' };
    await Promise.all([cachedDataset(source, ref), cachedDataset(source, ref)]);
    expect((await cachedDataset(source, ref))?.name).toBe('raw');
    expect(asked).toBe(1);
    await cachedDataset(source, { namespace: 's3://b', name: 'other' });
    expect(asked).toBe(2);
  });
});
