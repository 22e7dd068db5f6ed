import { datasetNodeId, edgeId, runNodeId } from './ids';
import { runTone } from './run-tone';
import type { Graph, GraphEdge, GraphNode } from './types';

/** The serialisable input the server prepares for one run. */
export interface GraphRunRef {
  id: string;
  label: string;
  state: string | null;
  href: string;
}

export interface GraphDatasetRef {
  namespace: string;
  name: string;
  version: string | null;
  href: string | null;
}

export interface RunNeighbourhood {
  /** The focus run. */
  run: GraphRunRef;
  /** Datasets it read, each with the runs that produced the versions read. */
  inputs: Array<GraphDatasetRef & { producers: GraphRunRef[] }>;
  /** Datasets it wrote, each with the runs that consumed those versions. */
  outputs: Array<GraphDatasetRef & { consumers: GraphRunRef[] }>;
}

/** True when there is nothing to draw but the run itself. */
export function isEmptyNeighbourhood(n: RunNeighbourhood): boolean {
  return n.inputs.length === 0 && n.outputs.length === 0;
}

function runNode(run: GraphRunRef, focus: boolean): GraphNode {
  const state = run.state ?? 'state unknown';
  return {
    id: runNodeId(run.id),
    kind: 'run',
    data: {
      label: run.label,
      sublabel: run.state,
      title: `Run ${run.label} (${run.id}): ${state}`,
      href: run.href,
      focus,
      tone: runTone(run.state),
    },
  };
}

function datasetNode(d: GraphDatasetRef): GraphNode {
  const version = d.version ?? 'version not reported';
  return {
    id: datasetNodeId(d.namespace, d.name, d.version),
    kind: 'dataset',
    data: {
      label: d.name,
      sublabel: version,
      title: `Dataset ${d.namespace} / ${d.name}, ${version}`,
      href: d.href,
      focus: false,
      tone: null,
    },
  };
}

/**
 * Nodes and edges in data-flow direction:
 * producer run → input dataset → focus run → output dataset → consumer run.
 * A run or dataset met twice is one node (the first one seen wins); edges are de-duplicated.
 */
export function buildNeighbourhoodGraph(n: RunNeighbourhood): Graph {
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge>();

  const addNode = (node: GraphNode): string => {
    if (!nodes.has(node.id)) nodes.set(node.id, node);
    return node.id;
  };
  const addEdge = (from: string, to: string): void => {
    const id = edgeId(from, to);
    if (!edges.has(id)) edges.set(id, { id, from, to });
  };

  // The focus run goes first so a producer/consumer with the same id merges into it.
  const focusId = addNode(runNode(n.run, true));

  for (const input of n.inputs) {
    const datasetId = addNode(datasetNode(input));
    addEdge(datasetId, focusId);
    for (const producer of input.producers) {
      addEdge(addNode(runNode(producer, false)), datasetId);
    }
  }
  for (const output of n.outputs) {
    const datasetId = addNode(datasetNode(output));
    addEdge(focusId, datasetId);
    for (const consumer of output.consumers) {
      addEdge(datasetId, addNode(runNode(consumer, false)));
    }
  }

  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}
