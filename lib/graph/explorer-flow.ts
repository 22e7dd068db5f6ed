import type { ExplorerGraph, ExplorerNode } from './explorer-api';
import { EXPLORER_SIZES, type LayoutInput, type LayoutKind } from './explorer-sizes';
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
  kind: 'flow' | 'column' | 'field-of';
}

export function layoutInput(graph: ExplorerGraph): LayoutInput {
  return { nodes: graph.nodes.map((n) => ({ id: n.id, kind: n.kind })), edges: graph.edges };
}

/** Producer versions are often long hashes: the node shows the start, the title the whole. */
const shortVersion = (v: string): string => (v.length > 16 ? `${v.slice(0, 14)}…` : v);

function nodeData(n: ExplorerNode, focus: boolean): ExplorerNodeData {
  const base = { kind: n.kind, label: n.label, href: null, focus } as const;
  if (n.kind === 'job') {
    const state = n.job?.latestRunState ?? null;
    return { ...base, sublabel: state ?? 'no runs', detail: null, tone: runTone(state), title: `Job ${n.namespace} / ${n.name}: ${state ?? 'no runs'}` };
  }
  if (n.kind === 'dataset') {
    const version = n.dataset?.currentVersion ?? null;
    const fields = n.dataset?.fieldCount ?? null;
    const detail = fields === null ? 'no schema' : `${fields} field${fields === 1 ? '' : 's'}`;
    return {
      ...base,
      sublabel: version === null ? 'version not reported' : `version ${shortVersion(version)}`,
      detail,
      tone: null,
      title: `Dataset ${n.namespace} / ${n.name}, version ${version ?? 'not reported'}, ${detail}`,
    };
  }
  return { ...base, sublabel: null, detail: null, tone: null, title: `Field ${n.label} of ${n.namespace} / ${n.name}` };
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
  const edges = graph.edges.map((e): ExplorerFlowEdge => ({ id: e.id, source: e.from, target: e.to, kind: e.kind }));
  return { nodes, edges };
}

/**
 * The nodes to fit on first paint: all of a small graph; only the focus of a big one, so the first
 * frame draws the few nodes around it at a readable zoom instead of thousands at a glance.
 */
export function initialFitIds(graph: ExplorerGraph, smallGraph: number): string[] | null {
  return graph.nodes.length <= smallGraph ? null : [graph.focus];
}
