import type { ExplorerEdge, ExplorerGraph, ExplorerNode } from './explorer-api';
import { EXPLORER_SIZES, type LayoutInput, type LayoutKind } from './explorer-sizes';
import { edgeId } from './ids';
import { runTone } from './run-tone';
import type { NodePosition, NodePositions, RunTone } from './types';

/**
 * Node data for the explorer's @xyflow nodes: a superset of the run graph's GraphNodeData (label,
 * sublabel, title, href, focus, tone), so both graphs share one look.
 */
export type ExplorerNodeData = {
  kind: LayoutKind;
  label: string;
  sublabel: string | null;
  /** A third line: a dataset's field count. */
  detail: string | null;
  /** A dataset's schema fields (its node can list them); null for other kinds and datasets without a schema. */
  fieldCount: number | null;
  title: string;
  href: null;
  focus: boolean;
  tone: RunTone | null;
};

export interface ExplorerFlowNode {
  id: string;
  type: LayoutKind;
  data: ExplorerNodeData;
  position: NodePosition;
  width: number;
  height: number;
  selected: boolean;
}

export interface ExplorerFlowEdge {
  id: string;
  source: string;
  target: string;
  kind: ExplorerEdge['kind'];
  /** Column edges: the transformation subtypes, shown as the edge's label. */
  label: string | null;
}

export function layoutInput(graph: ExplorerGraph): LayoutInput {
  return { nodes: graph.nodes.map((n) => ({ id: n.id, kind: n.kind })), edges: graph.edges.map((e) => ({ id: edgeId(e.from, e.to), from: e.from, to: e.to })) };
}

/** Producer versions are often long hashes: the node shows the start, the title the whole. */
const shortVersion = (v: string): string => (v.length > 16 ? `${v.slice(0, 14)}…` : v);

function nodeData(n: ExplorerNode, focus: boolean): ExplorerNodeData {
  const label = n.field?.name ?? n.name;
  const base = { kind: n.kind, label, href: null, focus } as const;
  if (n.kind === 'job') {
    const state = n.job?.latestRunState ?? null;
    return { ...base, sublabel: state ?? 'no runs', detail: null, fieldCount: null, tone: runTone(state), title: `Job ${n.namespace} / ${n.name}: ${state ?? 'no runs'}` };
  }
  if (n.kind === 'dataset') {
    const version = n.dataset?.currentVersion ?? null;
    const fields = n.dataset?.fieldCount ?? null;
    const detail = fields === null ? 'no schema' : `${fields} field${fields === 1 ? '' : 's'}`;
    // Marquez lists versions only when asked: the side panel loads them, so the node says so.
    const missing = n.dataset?.versionsOnDemand ? 'loads on click' : 'not reported';
    return {
      ...base,
      sublabel: version === null ? `version ${missing}` : `version ${shortVersion(version)}`,
      detail,
      fieldCount: fields,
      tone: null,
      title: `Dataset ${n.namespace} / ${n.name}, version ${version ?? missing}, ${detail}`,
    };
  }
  return { ...base, sublabel: null, detail: null, fieldCount: null, tone: null, title: `Field ${label} of ${n.namespace} / ${n.name}` };
}

/** Fixed sizes and worker-computed positions; a node the layout did not place sits at the origin. */
export function toExplorerFlow(graph: ExplorerGraph, positions: NodePositions): { nodes: ExplorerFlowNode[]; edges: ExplorerFlowEdge[] } {
  const nodes = graph.nodes.map(
    (n): ExplorerFlowNode => ({
      id: n.id,
      type: n.kind,
      data: nodeData(n, n.id === graph.focus),
      position: positions[n.id] ?? { x: 0, y: 0 },
      ...EXPLORER_SIZES[n.kind],
      selected: false,
    }),
  );
  const edges = graph.edges.map((e): ExplorerFlowEdge => ({ id: edgeId(e.from, e.to), source: e.from, target: e.to, kind: e.kind, label: e.subtypes?.join(', ') || null }));
  return { nodes, edges };
}

/**
 * The nodes to fit on first paint: all of a small graph; only the focus of a big one, so the first
 * frame draws the few nodes around it at a readable zoom instead of thousands at a glance.
 */
export function initialFitIds(graph: ExplorerGraph, smallGraph: number): string[] | null {
  return graph.nodes.length <= smallGraph ? null : [graph.focus];
}
