/** Plain graph types shared by graph builders, the layout and the @xyflow components. */

export type GraphNodeKind = 'run' | 'dataset';

/** Colour family of a run node, decided here so components only map it to a class. */
export type RunTone = 'running' | 'success' | 'failed' | 'stopped' | 'unknown';

/** A type alias (not an interface) so it satisfies @xyflow's `Record<string, unknown>` node data. */
export type GraphNodeData = {
  label: string;
  /** Run state, or the dataset version as read/written. */
  sublabel: string | null;
  /** Full description for tooltips and screen readers (namespace, name, version / run id, state). */
  title: string;
  href: string | null;
  focus: boolean;
  /** Only run nodes have a tone. */
  tone: RunTone | null;
};

export interface GraphNode {
  /** Built from kind + namespace + name (+ version) or run id; never parsed back. */
  id: string;
  kind: GraphNodeKind;
  data: GraphNodeData;
}

/** Data flows from `from` to `to`. */
export interface GraphEdge {
  id: string;
  from: string;
  to: string;
}

export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface NodeSize {
  width: number;
  height: number;
}

export type NodeSizes = Record<GraphNodeKind, NodeSize>;

/** Top-left corner of a node, the same origin @xyflow uses by default. */
export interface NodePosition {
  x: number;
  y: number;
}

export type NodePositions = Record<string, NodePosition>;
