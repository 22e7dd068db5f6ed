// Issue #14 item 4: column lineage as Hive and Spark write it (tests/fixtures/openlineage-integrations).
import { describe, expect, it } from 'vitest';
import { buildColumnGraph } from '@/lib/graph/explorer-columns';
import { columnLineageOf } from '@/lib/graph/explorer-facets';
import { buildNodeParam, fieldNodeId } from '@/lib/graph/explorer-node-param';
import { rawEvents } from '../openlineage/integration-fixtures';

type Obj = Record<string, unknown>;
const hive = rawEvents('data-rentgen/events_hive.jsonl')[0] as { outputs: Array<{ namespace: string; name: string; facets: Obj }>; inputs: Array<{ namespace: string; name: string; facets: Obj }> };
const output = hive.outputs[0]!;
const input = hive.inputs[0]!;
const view = (d: { namespace: string; name: string; facets: Obj }) => ({ id: buildNodeParam({ kind: 'dataset', namespace: d.namespace, name: d.name }), ...d });

describe('column lineage types (Hive CTAS, data-rentgen)', () => {
  it('reads direct and indirect transformations and the dataset-level list', () => {
    const lineage = columnLineageOf(output.facets)!;
    expect(lineage.fields.get('customer_id')).toEqual([{ namespace: input.namespace, name: input.name, field: 'customer_id', transform: 'direct', subtypes: ['IDENTITY'] }]);
    expect(lineage.dataset).toEqual([{ namespace: input.namespace, name: input.name, field: 'customer_id', transform: 'indirect', subtypes: ['JOIN'] }]);
    expect(lineage.malformed).toBe(0);
  });

  it('draws direct edges field to field and the indirect JOIN from the input field to the whole output dataset', () => {
    const g = buildColumnGraph([view(input), view(output)], 100);
    const from = fieldNodeId(input, 'customer_id');
    expect(g.edges).toContainEqual({ from, to: fieldNodeId(output, 'customer_id'), kind: 'column', subtypes: ['IDENTITY'] });
    expect(g.edges).toContainEqual({ from, to: view(output).id, kind: 'column-indirect', subtypes: ['JOIN'] });
  });

  it('keeps the valid parts of a facet when one input field lacks its namespace', () => {
    const facet = structuredClone(output.facets.columnLineage) as { fields: Record<string, { inputFields: Obj[] }> };
    delete facet.fields.dt!.inputFields[0]!.namespace;
    const lineage = columnLineageOf({ columnLineage: facet })!;
    expect(lineage.malformed).toBe(1);
    expect(lineage.fields.get('dt')).toEqual([]);
    expect(lineage.fields.get('total_spent')).toHaveLength(1);
    const g = buildColumnGraph([view(input), { ...view(output), facets: { columnLineage: facet } }], 100);
    expect(g.malformed).toBe(1);
    expect(g.edges.filter((e) => e.kind === 'column')).toHaveLength(2);
  });

  it('marks an edge indirect only when every transformation is INDIRECT (a CONDITIONAL steering a value)', () => {
    const f = (types: string[]) => columnLineageOf({ columnLineage: { fields: { o: { inputFields: [{ namespace: 'n', name: 'd', field: 'x', transformations: types.map((t, i) => ({ type: t, subtype: i === 0 ? 'CONDITIONAL' : 'TRANSFORMATION' })) }] } } } })!.fields.get('o')![0]!;
    expect(f(['INDIRECT']).transform).toBe('indirect');
    expect(f(['INDIRECT', 'DIRECT'])).toMatchObject({ transform: 'direct', subtypes: ['CONDITIONAL', 'TRANSFORMATION'] });
    expect(f([]).transform).toBe('direct');
  });
});
