// Issue #14 item 11: Marquez's dataset list fills facets for the first 10 datasets of a page only; `fields` has every schema.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mapDataset } from '@/lib/sources/marquez/map-dataset';
import type { MarquezStub } from '@/tests/stubs/marquez';
import { startStub } from './stub-setup';
import { readWholeMarquez } from './whole-listing';

const ns = 'postgres://db:5432';
const event = (i: number) => ({
  eventType: 'COMPLETE', eventTime: `2026-01-01T00:${String(i).padStart(2, '0')}:00Z`, producer: 'test', schemaURL: 'test',
  run: { runId: `00000000-0000-4000-8000-0000000000${String(i).padStart(2, '0')}` }, job: { namespace: 'wide', name: `load-${i}` }, inputs: [],
  outputs: [{ namespace: ns, name: `public.table_${String(i).padStart(2, '0')}`, facets: { schema: { _producer: 'test', _schemaURL: 'test', fields: [{ name: `col_${i}`, type: 'INTEGER' }] } } }],
});

let stub: MarquezStub;
beforeAll(async () => {
  stub = await startStub({ extraEvents: Array.from({ length: 14 }, (_, i) => event(i)) });
});
afterAll(() => stub.close());

describe('Marquez dataset schemas', () => {
  it('reads the schema of every dataset of a page, the ones past the 10th (no facets) from `fields`', async () => {
    const snapshot = await readWholeMarquez(stub.url);
    const wide = [...snapshot.datasets.values()].filter((d) => d.namespace === ns);
    expect(wide).toHaveLength(14);
    for (const d of wide) expect((d.facets.schema as { fields: Array<{ name: string }> } | undefined)?.fields.map((f) => f.name), d.name).toEqual([`col_${Number(d.name.slice(-2))}`]);
  });

  it('keeps a schema facet Marquez did send, and adds none without fields', () => {
    const facet = { fields: [{ name: 'a' }] };
    expect(mapDataset({ name: 't', facets: { schema: facet }, fields: [{ name: 'b' }] }, { namespace: ns, name: 't' }).facets.schema).toBe(facet);
    expect(mapDataset({ name: 't', facets: {}, fields: [] }, { namespace: ns, name: 't' }).facets).toEqual({});
    expect(mapDataset({ name: 't', facets: {}, fields: [{ name: 'id', type: 'INT', description: null }] }, { namespace: ns, name: 't' }).facets).toEqual({ schema: { fields: [{ name: 'id', type: 'INT' }] } });
  });
});
