import { describe, expect, it } from 'vitest';
import { buildColumnGraph, type ColumnDataset } from '@/lib/graph/explorer-columns';
import { columnLineageOf, schemaFieldsOf } from '@/lib/graph/explorer-facets';
import { buildNodeParam, fieldNodeId } from '@/lib/graph/explorer-node-param';

const ns = 'postgres://host:5432';
const dataset = (name: string, facets: Record<string, unknown> = {}): ColumnDataset => ({
  id: buildNodeParam({ kind: 'dataset', namespace: ns, name }), namespace: ns, name, facets,
});
const columnLineage = (fields: Record<string, Array<[string, string]>>) => ({
  columnLineage: {
    _producer: 'test',
    fields: Object.fromEntries(Object.entries(fields).map(([out, ins]) => [out, { inputFields: ins.map(([name, field]) => ({ namespace: ns, name, field })) }])),
  },
});

describe('column lineage', () => {
  const orders = dataset('public.orders');
  const status = dataset('public.order_status');
  const weekly = dataset('public.orders_7_days', columnLineage({ order_id: [['public.orders', 'id'], ['public.order_status', 'order_id']], menu: [['public.menus', 'id']] }));

  it('links input fields to output fields for datasets in view, and ties each field to its dataset', () => {
    const g = buildColumnGraph([orders, status, weekly], 100);
    const out = fieldNodeId(weekly, 'order_id');
    expect(g.fields.map((f) => f.id).sort()).toEqual([fieldNodeId(orders, 'id'), fieldNodeId(status, 'order_id'), out].sort());
    expect(g.edges.filter((e) => e.kind === 'column')).toEqual([
      { from: fieldNodeId(orders, 'id'), to: out, kind: 'column' },
      { from: fieldNodeId(status, 'order_id'), to: out, kind: 'column' },
    ]);
    expect(g.edges).toContainEqual({ from: weekly.id, to: out, kind: 'field-of' });
    // public.menus is not in view: its edge is counted, not drawn.
    expect(g.hiddenEdges).toBe(1);
    expect(g.cut).toBeNull();
  });

  it('caps the fields and says so', () => {
    const g = buildColumnGraph([orders, status, weekly], 2);
    expect(g.fields).toHaveLength(2);
    expect(g.cut).toContain('Showing 2 fields');
  });

  it('ignores a malformed facet instead of failing the view', () => {
    expect(columnLineageOf({ columnLineage: { fields: 'nope' } })).toBeNull();
    expect(buildColumnGraph([dataset('x', { columnLineage: 42 })], 10).fields).toEqual([]);
  });

  it('reads schema fields, null when the facet is missing or odd', () => {
    expect(schemaFieldsOf({ schema: { fields: [{ name: 'id', type: 'INTEGER' }, { name: 'note', description: 'free text' }] } })).toEqual([
      { name: 'id', type: 'INTEGER', description: null },
      { name: 'note', type: null, description: 'free text' },
    ]);
    expect(schemaFieldsOf({})).toBeNull();
    expect(schemaFieldsOf({ schema: { fields: [{ type: 'x' }] } })).toBeNull();
  });
});
