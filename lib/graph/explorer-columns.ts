import type { Facets } from '@/lib/model';
import { columnLineageOf, type InputField } from './explorer-facets';
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

export type ColumnEdgeKind = 'column' | 'column-indirect' | 'field-of';

export interface ColumnEdge {
  from: string;
  to: string;
  /** column: the input field's value flows into the output field (DIRECT); column-indirect: it only steers it or,
   *  to a dataset, the whole output (INDIRECT: JOIN, FILTER, GROUP_BY, …); field-of: dataset → its field. */
  kind: ColumnEdgeKind;
  /** Transformation subtypes (IDENTITY, JOIN, …) of a column edge. */
  subtypes?: string[];
}

export interface ColumnGraph {
  fields: FieldNode[];
  edges: ColumnEdge[];
  /** Column edges whose input dataset is not in the view, so not drawn. */
  hiddenEdges: number;
  /** Malformed column lineage entries left out (the rest of each facet is kept). */
  malformed: number;
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
  const edges = new Map<string, ColumnEdge>();
  let hiddenEdges = 0;
  let malformed = 0;
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

  // A direct edge wins over an indirect one between the same fields; subtypes are pooled.
  const addColumnEdge = (from: string, to: string, input: InputField): void => {
    const key = `${from}>${to}`;
    const kind: ColumnEdgeKind = input.transform === 'direct' ? 'column' : 'column-indirect';
    const known = edges.get(key);
    const subtypes = [...new Set([...(known?.subtypes ?? []), ...input.subtypes])];
    edges.set(key, { from, to, kind: known?.kind === 'column' ? 'column' : kind, ...(subtypes.length > 0 ? { subtypes } : {}) });
  };
  const visibleOf = (inputs: InputField[]): InputField[] => {
    const visible = inputs.filter((i) => inView.has(buildNodeParam({ kind: 'dataset', namespace: i.namespace, name: i.name })));
    hiddenEdges += inputs.length - visible.length;
    return visible;
  };

  for (const d of datasets) {
    const lineage = columnLineageOf(d.facets);
    if (lineage === null) continue;
    malformed += lineage.malformed;
    for (const [outName, inputs] of lineage.fields) {
      const visible = visibleOf(inputs);
      if (visible.length === 0) continue;
      const out = field(d, outName);
      for (const input of visible) {
        const from = field(input, input.field);
        if (out !== null && from !== null) addColumnEdge(from, out, input);
      }
    }
    // The dataset-level list: input fields the whole output depends on, drawn to the dataset node.
    for (const input of visibleOf(lineage.dataset)) {
      const from = field(input, input.field);
      if (from !== null) addColumnEdge(from, d.id, input);
    }
  }
  const cut = dropped > 0 ? `Showing ${maxFields.toLocaleString('en-US')} fields; ${dropped.toLocaleString('en-US')} more field references were left out. Reduce the depth to see every column.` : null;
  return { fields: [...fields.values()], edges: [...edges.values()], hiddenEdges, malformed, cut };
}
