import type { Facets } from '@/lib/model';
import { columnLineageOf } from './explorer-facets';
import { buildNodeParam, fieldNodeId } from './explorer-node-param';

export interface ColumnDataset {
  /** The dataset's explorer id. */
  id: string;
  namespace: string;
  name: string;
  facets: Facets;
}

export interface FieldNode {
  id: string;
  datasetId: string;
  namespace: string;
  name: string;
  field: string;
}

export interface ColumnGraph {
  fields: FieldNode[];
  /** column: input field → output field; field-of: dataset → its field (ties a field to its table). */
  edges: Array<{ from: string; to: string; kind: 'column' | 'field-of' }>;
  /** Column edges whose input dataset is not in the view, so not drawn. */
  hiddenEdges: number;
  /** Set when `maxFields` stopped the field list. */
  cut: string | null;
}

/**
 * Field-level lineage among the datasets in view: the output fields of every dataset with a
 * columnLineage facet and the input fields they come from, when those datasets are in view too.
 */
export function buildColumnGraph(datasets: readonly ColumnDataset[], maxFields: number): ColumnGraph {
  const inView = new Set(datasets.map((d) => d.id));
  const fields = new Map<string, FieldNode>();
  const edges = new Map<string, ColumnGraph['edges'][number]>();
  let hiddenEdges = 0;
  let dropped = 0;

  const field = (d: { namespace: string; name: string }, name: string): string | null => {
    const id = fieldNodeId(d, name);
    if (fields.has(id)) return id;
    if (fields.size >= maxFields) {
      dropped++;
      return null;
    }
    const datasetId = buildNodeParam({ kind: 'dataset', namespace: d.namespace, name: d.name });
    fields.set(id, { id, datasetId, namespace: d.namespace, name: d.name, field: name });
    edges.set(`${datasetId}>${id}`, { from: datasetId, to: id, kind: 'field-of' });
    return id;
  };

  for (const d of datasets) {
    const lineage = columnLineageOf(d.facets);
    if (lineage === null) continue;
    for (const [outName, inputs] of lineage) {
      const visible = inputs.filter((i) => inView.has(buildNodeParam({ kind: 'dataset', namespace: i.namespace, name: i.name })));
      hiddenEdges += inputs.length - visible.length;
      if (visible.length === 0) continue;
      const out = field(d, outName);
      for (const input of visible) {
        const from = field(input, input.field);
        if (out !== null && from !== null) edges.set(`${from}>${out}`, { from, to: out, kind: 'column' });
      }
    }
  }
  const cut = dropped > 0 ? `Showing ${maxFields.toLocaleString('en-US')} fields; ${dropped.toLocaleString('en-US')} more field references were left out. Reduce the depth to see every column.` : null;
  return { fields: [...fields.values()], edges: [...edges.values()], hiddenEdges, cut };
}
