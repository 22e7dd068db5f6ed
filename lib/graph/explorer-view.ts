import type { ExplorerEdge, ExplorerGraph, ExplorerNode } from './explorer-api';
import type { CatalogNode, ExplorerCatalog } from './explorer-catalog';
import { buildColumnGraph, type FieldNode } from './explorer-columns';
import { buildNodeParam, type NodeRef } from './explorer-node-param';
import { selectSubgraph } from './explorer-subgraph';
import type { ExplorerView } from './explorer-url';

/** Field nodes drawn at most in the column view; past that the view says how many were left out. */
export const MAX_FIELDS = 2000;

function toNode(id: string, c: CatalogNode, hop: number | null): ExplorerNode {
  const node = { id, kind: c.ref.kind, namespace: c.ref.namespace, name: c.ref.name, hop };
  return c.ref.kind === 'job'
    ? { ...node, job: { latestRunState: c.latestRunState, type: c.job?.type ?? null } }
    : { ...node, dataset: { currentVersion: c.currentVersion, fieldCount: c.fieldCount, hasColumnLineage: c.hasColumnLineage, versionsOnDemand: c.versionsOnDemand } };
}

function fieldNode(f: FieldNode): ExplorerNode {
  return { id: f.id, kind: 'field', namespace: f.namespace, name: f.name, hop: null, field: { datasetId: f.datasetId, name: f.field } };
}

const edge = (from: string, to: string, kind: ExplorerEdge['kind']): ExplorerEdge => ({ from, to, kind });

/** The graph the explorer draws for one URL, or null when the focus node is in no source. */
export function explorerGraph(
  catalog: ExplorerCatalog,
  view: ExplorerView & { node: NodeRef },
  unavailableSources: ExplorerGraph['unavailableSources'],
): ExplorerGraph | null {
  const focus = buildNodeParam(view.node);
  if (!catalog.nodes.has(focus)) return null;
  const sub = selectSubgraph(catalog.adjacency, { ...view, focus, expand: view.expand.map(buildNodeParam) });

  const nodes: ExplorerNode[] = [];
  const columnDatasets: Array<{ id: string; namespace: string; name: string; facets: Record<string, unknown> }> = [];
  let columnLineageDatasets = 0;
  for (const { id, hop } of sub.nodes) {
    const c = catalog.nodes.get(id);
    if (c === undefined) continue;
    nodes.push(toNode(id, c, hop));
    if (c.dataset) columnDatasets.push({ id, namespace: c.ref.namespace, name: c.ref.name, facets: c.dataset.facets });
    if (c.hasColumnLineage) columnLineageDatasets++;
  }
  const edges = sub.edges.map((e) => edge(e.from, e.to, 'flow'));

  let columns: ExplorerGraph['columns'] = null;
  if (view.columns) {
    const cols = buildColumnGraph(columnDatasets, MAX_FIELDS);
    nodes.push(...cols.fields.map(fieldNode));
    edges.push(...cols.edges.map((e) => (e.subtypes ? { ...edge(e.from, e.to, e.kind), subtypes: e.subtypes } : edge(e.from, e.to, e.kind))));
    columns = { fields: cols.fields.length, hiddenEdges: cols.hiddenEdges, malformed: cols.malformed, cut: cols.cut };
  }
  return { focus, nodes, edges, total: sub.total, shown: sub.nodes.length, cut: sub.cut?.message ?? null, columns, columnLineageDatasets, unavailableSources };
}
