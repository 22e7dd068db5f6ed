import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api';
import { EXPLORER_SIZES, type LayoutInput } from './explorer-sizes';
import { layeringEdges } from './layering-edges';
import type { NodePositions } from './types';

/**
 * ELK layered layout, left to right, for the explorer. Plain data in and out, so the same code runs
 * in the layout Web Worker and, where there is no Worker, on the main thread.
 */

/**
 * Past LARGE nodes ELK's defaults cost seconds (a 2,000-node graph took minutes with model order on),
 * so big graphs trade crossing quality for speed. LONGEST_PATH layering overflows the stack on deep
 * graphs (thousands of layers); LONGEST_PATH_SOURCE does not. Past HUGE, crossing minimisation is the
 * main cost (≈ 4 s of 5 for 4,000 nodes), so it is skipped, and ELK sees only the edges that fix each
 * node's layer (layering-edges.ts): long edges cost it half its time. React Flow draws every edge.
 */
const LARGE = 200;
const HUGE = 1500;

function options(size: number): Record<string, string> {
  const common = {
    'elk.algorithm': 'layered',
    'elk.direction': 'RIGHT',
    'elk.spacing.nodeNode': '20',
    'elk.layered.spacing.nodeNodeBetweenLayers': '60',
  };
  if (size <= LARGE) {
    // The server sends nodes nearest first: keeping that order draws the same URL the same way.
    return { ...common, 'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES' };
  }
  const fast = {
    ...common,
    'elk.layered.thoroughness': '1',
    'elk.layered.layering.strategy': 'LONGEST_PATH_SOURCE',
    'elk.layered.nodePlacement.strategy': 'SIMPLE',
    'elk.layered.mergeEdges': 'true',
    'elk.edgeRouting': 'POLYLINE',
  };
  return size <= HUGE ? fast : { ...fast, 'elk.layered.crossingMinimization.strategy': 'NONE' };
}

let elk: InstanceType<typeof ELK> | null = null;

export async function layoutExplorer(input: LayoutInput): Promise<NodePositions> {
  elk ??= new ELK();
  const known = new Set(input.nodes.map((n) => n.id));
  const edges = input.edges.filter((e) => known.has(e.from) && known.has(e.to));
  // A new graph object per call: ELK writes its results into the object it is given.
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: options(input.nodes.length),
    children: input.nodes.map((n) => ({ id: n.id, ...EXPLORER_SIZES[n.kind] })),
    edges: (input.nodes.length > HUGE ? layeringEdges([...known], edges) : edges).map((e) => ({ id: e.id, sources: [e.from], targets: [e.to] })),
  };
  const laidOut = await elk.layout(graph);
  const positions: NodePositions = {};
  for (const child of laidOut.children ?? []) positions[child.id] = { x: child.x ?? 0, y: child.y ?? 0 };
  return positions;
}
