import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api';
import { EXPLORER_SIZES, type LayoutInput } from './explorer-sizes';
import { layerGroups } from './layer-groups';
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
 * main cost (≈ 4 s of 5 for 4,000 nodes), so it is skipped, and ELK lays out the graph's coarse form
 * (layer-groups.ts): one box per root and layer of the layering forest, in one drawing, so every
 * layer is one column across the whole graph. React Flow draws every edge.
 */
const LARGE = 200;
const HUGE = 1500;
const NODE_SPACING = 20;

export function explorerLayoutOptions(size: number): Record<string, string> {
  const common = {
    'elk.algorithm': 'layered',
    'elk.direction': 'RIGHT',
    'elk.spacing.nodeNode': String(NODE_SPACING),
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
  return size <= HUGE ? fast : { ...fast, 'elk.layered.crossingMinimization.strategy': 'NONE', 'elk.separateConnectedComponents': 'false' };
}

let elk: InstanceType<typeof ELK> | null = null;

export async function layoutExplorer(input: LayoutInput): Promise<NodePositions> {
  const known = new Set(input.nodes.map((n) => n.id));
  const edges = input.edges.filter((e) => known.has(e.from) && known.has(e.to));
  if (input.nodes.length > HUGE) return layoutCoarse(input, layeringEdges([...known], edges));
  const sized = input.nodes.map((n) => ({ id: n.id, ...EXPLORER_SIZES[n.kind] }));
  const laidOut = await runElk(sized, edges, explorerLayoutOptions(input.nodes.length));
  const positions: NodePositions = {};
  for (const child of laidOut.children ?? []) positions[child.id] = { x: child.x ?? 0, y: child.y ?? 0 };
  return positions;
}

/** One box per root and layer (layer-groups.ts), laid out by ELK; each box's nodes stacked inside it, centred. */
async function layoutCoarse(input: LayoutInput, forest: ReadonlyArray<{ from: string; to: string }>): Promise<NodePositions> {
  const sizeOf = new Map(input.nodes.map((n) => [n.id, EXPLORER_SIZES[n.kind]]));
  const size = (id: string) => sizeOf.get(id) ?? EXPLORER_SIZES.job;
  const { groups, edges } = layerGroups(input.nodes.map((n) => n.id), forest);
  const boxes = groups.map((g) => ({
    id: g.id,
    width: Math.max(...g.members.map((m) => size(m).width)),
    height: g.members.reduce((sum, m) => sum + size(m).height, 0) + NODE_SPACING * (g.members.length - 1),
  }));
  const laidOut = await runElk(boxes, edges, explorerLayoutOptions(input.nodes.length));
  const boxAt = new Map((laidOut.children ?? []).map((c) => [c.id, { x: c.x ?? 0, y: c.y ?? 0, width: c.width ?? 0 }]));
  const positions: NodePositions = {};
  for (const group of groups) {
    const box = boxAt.get(group.id) ?? { x: 0, y: 0, width: 0 };
    let y = box.y;
    for (const member of group.members) {
      positions[member] = { x: box.x + (box.width - size(member).width) / 2, y };
      y += size(member).height + NODE_SPACING;
    }
  }
  return positions;
}

async function runElk(children: Array<{ id: string; width: number; height: number }>, edges: ReadonlyArray<{ id: string; from: string; to: string }>, layoutOptions: Record<string, string>): Promise<ElkNode> {
  elk ??= new ELK();
  // A new graph object per call: ELK writes its results into the object it is given.
  const graph: ElkNode = { id: 'root', layoutOptions, children, edges: edges.map((e) => ({ id: e.id, sources: [e.from], targets: [e.to] })) };
  return elk.layout(graph);
}
