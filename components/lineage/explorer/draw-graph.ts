import type { ExplorerFlowEdge, ExplorerFlowNode } from '@/lib/graph/explorer-flow';
import { viewRect, type ViewTransform } from '@/lib/graph/explorer-lod';
import { TONE_COLOURS } from '../graph-node-style';

/**
 * The explorer's graph drawn on a 2D canvas, for the zoomed-out overview and the minimap: boxes in their
 * kind's and state's colour, edges as straight lines, batched by colour so a 4,000-node graph draws in a few
 * milliseconds. Only what overlaps the view is drawn.
 */

const DATASET = '#a78bfa';
const FIELD = '#ddd6fe';
const EDGE = '#94a3b8';

export interface DrawableGraph {
  /** Boxes grouped by fill colour. */
  byColour: Map<string, ExplorerFlowNode[]>;
  /** Edge end points: source's right middle → target's left middle. */
  lines: Float64Array;
  /** The bounds of every box. */
  bounds: { left: number; top: number; right: number; bottom: number };
  byId: Map<string, ExplorerFlowNode>;
}

const colourOf = (n: ExplorerFlowNode) => (n.type === 'dataset' ? DATASET : n.type === 'field' ? FIELD : TONE_COLOURS[n.data.tone ?? 'unknown'].border);

export function drawableGraph(nodes: readonly ExplorerFlowNode[], edges: readonly ExplorerFlowEdge[]): DrawableGraph {
  const byColour = new Map<string, ExplorerFlowNode[]>();
  const byId = new Map<string, ExplorerFlowNode>();
  const bounds = { left: Infinity, top: Infinity, right: -Infinity, bottom: -Infinity };
  for (const n of nodes) {
    const colour = colourOf(n);
    (byColour.get(colour) ?? byColour.set(colour, []).get(colour)!).push(n);
    byId.set(n.id, n);
    bounds.left = Math.min(bounds.left, n.position.x);
    bounds.top = Math.min(bounds.top, n.position.y);
    bounds.right = Math.max(bounds.right, n.position.x + n.width);
    bounds.bottom = Math.max(bounds.bottom, n.position.y + n.height);
  }
  const lines = new Float64Array(edges.length * 4);
  let i = 0;
  for (const e of edges) {
    const [s, t] = [byId.get(e.source), byId.get(e.target)];
    if (!s || !t) continue;
    lines.set([s.position.x + s.width, s.position.y + s.height / 2, t.position.x, t.position.y + t.height / 2], i);
    i += 4;
  }
  return { byColour, lines: lines.subarray(0, i), bounds, byId };
}

export interface DrawOptions {
  edges: boolean;
  /** Nodes drawn with a dark ring (the focus, the selected node). */
  ringed: readonly string[];
  /** Never thinner than this many pixels, so a node stays a visible dot however far out. */
  minSize: number;
}

/** Draws `graph` under `transform` into a canvas of width × height CSS pixels (the context scaled to the device). */
export function drawGraph(ctx: CanvasRenderingContext2D, graph: DrawableGraph, transform: ViewTransform, width: number, height: number, options: DrawOptions) {
  const [x, y, zoom] = transform;
  const view = viewRect(transform, width, height);
  ctx.clearRect(0, 0, width, height);
  ctx.save();
  ctx.translate(x, y);
  ctx.scale(zoom, zoom);
  const min = options.minSize / zoom;
  if (options.edges) {
    ctx.beginPath();
    const l = graph.lines;
    for (let i = 0; i < l.length; i += 4) {
      const [x1, y1, x2, y2] = [l[i]!, l[i + 1]!, l[i + 2]!, l[i + 3]!];
      if (Math.max(x1, x2) < view.left || Math.min(x1, x2) > view.right || Math.max(y1, y2) < view.top || Math.min(y1, y2) > view.bottom) continue;
      ctx.moveTo(x1, y1);
      ctx.lineTo(x2, y2);
    }
    ctx.strokeStyle = EDGE;
    ctx.lineWidth = 1 / zoom;
    ctx.stroke();
  }
  for (const [colour, boxes] of graph.byColour) {
    ctx.fillStyle = colour;
    for (const b of boxes) {
      const { x: bx, y: by } = b.position;
      if (bx > view.right || by > view.bottom || bx + b.width < view.left || by + b.height < view.top) continue;
      ctx.fillRect(bx, by, Math.max(b.width, min), Math.max(b.height, min));
    }
  }
  ctx.strokeStyle = '#111827';
  ctx.lineWidth = 3 / zoom;
  for (const id of options.ringed) {
    const b = graph.byId.get(id);
    if (b) ctx.strokeRect(b.position.x - 4 / zoom, b.position.y - 4 / zoom, Math.max(b.width, min) + 8 / zoom, Math.max(b.height, min) + 8 / zoom);
  }
  ctx.restore();
}

/** Sizes a canvas's backing store to its CSS size on this screen; returns its 2D context scaled to CSS pixels. */
export function sizedContext(canvas: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D | null {
  const ratio = window.devicePixelRatio || 1;
  const [w, h] = [Math.round(width * ratio), Math.round(height * ratio)];
  if (canvas.width !== w || canvas.height !== h) [canvas.width, canvas.height] = [w, h];
  const ctx = canvas.getContext('2d');
  ctx?.setTransform(ratio, 0, 0, ratio, 0, 0);
  return ctx;
}
