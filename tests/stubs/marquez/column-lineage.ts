import { isObject } from './facets';
import { columnLineageFacet, currentVersion } from './ingest-dataset';
import { fieldNodeId } from './node-id';
import { keyOf, type JsonObject, type MarquezState } from './state';

interface FieldNode {
  id: string;
  namespace: string;
  dataset: string;
  field: string;
  transformationDescription: unknown;
  transformationType: unknown;
  inputs: string[];
  inputFields: JsonObject[];
}

function fieldType(state: MarquezState, namespace: string, name: string, field: string): string | null {
  const dataset = state.datasets.get(keyOf(namespace, name));
  const version = dataset === undefined ? null : currentVersion(state, dataset);
  return version?.fields.find((f) => f.name === field)?.type ?? null;
}

/** Every field node the columnLineage dataset facets describe, outputs and their inputs alike. */
function allFieldNodes(state: MarquezState): Map<string, FieldNode> {
  const nodes = new Map<string, FieldNode>();
  const ensure = (namespace: string, dataset: string, field: string): FieldNode => {
    const id = fieldNodeId(namespace, dataset, field);
    let node = nodes.get(id);
    if (node === undefined) {
      node = { id, namespace, dataset, field, transformationDescription: null, transformationType: null, inputs: [], inputFields: [] };
      nodes.set(id, node);
    }
    return node;
  };
  for (const dataset of state.datasets.values()) {
    const facet = columnLineageFacet(state, dataset);
    for (const [field, entry] of Object.entries(facet ?? {})) {
      if (!isObject(entry)) continue;
      const node = ensure(dataset.namespace, dataset.name, field);
      node.transformationDescription = entry.transformationDescription ?? null;
      node.transformationType = entry.transformationType ?? null;
      for (const input of Array.isArray(entry.inputFields) ? entry.inputFields.filter(isObject) : []) {
        const { namespace, name, field: inputField } = input;
        if (typeof namespace !== 'string' || typeof name !== 'string' || typeof inputField !== 'string') continue;
        node.inputs.push(ensure(namespace, name, inputField).id);
        node.inputFields.push({ namespace, dataset: name, field: inputField });
      }
    }
  }
  return nodes;
}

/**
 * GET /column-lineage: from a dataset (all its fields) or one datasetField, walk `depth` steps
 * upstream, and downstream too when `withDownstream`; nodes are DATASET_FIELD.
 */
export function columnLineageGraph(
  state: MarquezState,
  start: { namespace: string; name: string; field: string | null },
  depth: number,
  withDownstream: boolean,
): JsonObject {
  const nodes = allFieldNodes(state);
  const downstream = new Map<string, string[]>();
  for (const node of nodes.values()) for (const input of node.inputs) downstream.set(input, [...(downstream.get(input) ?? []), node.id]);
  let frontier = [...nodes.values()]
    .filter((n) => n.namespace === start.namespace && n.dataset === start.name && (start.field === null || n.field === start.field))
    .map((n) => n.id);
  const found = new Set(frontier);
  for (let level = 0; level < depth && frontier.length > 0; level++) {
    const next = frontier.flatMap((id) => [...(nodes.get(id)?.inputs ?? []), ...(withDownstream ? (downstream.get(id) ?? []) : [])]);
    frontier = next.filter((id) => !found.has(id));
    for (const id of frontier) found.add(id);
  }
  const graph = [...found].sort().flatMap((id) => {
    const node = nodes.get(id);
    if (node === undefined) return [];
    const edge = (origin: string, destination: string) => ({ origin, destination });
    return [{
      id,
      type: 'DATASET_FIELD',
      data: {
        namespace: node.namespace, dataset: node.dataset, field: node.field,
        fieldType: fieldType(state, node.namespace, node.dataset, node.field),
        transformationDescription: node.transformationDescription, transformationType: node.transformationType,
        inputFields: node.inputFields,
      },
      inEdges: node.inputs.filter((i) => found.has(i)).map((i) => edge(i, id)),
      outEdges: (downstream.get(id) ?? []).filter((d) => found.has(d)).map((d) => edge(id, d)),
    }];
  });
  return { graph };
}
