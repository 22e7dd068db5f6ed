import { viewRect, type PlacedBox, type ViewTransform } from './explorer-lod';

/**
 * The window of a big explorer graph: the part of the flow around the view that is handed to @xyflow (nodes) and
 * drawn as edge paths. @xyflow's cost per store update and per change of its node list grows with every node it
 * holds, so it holds only the window's; the window moves only when the view leaves it, not on every pan frame.
 */

export interface FlowRect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** How far the window reaches past each side of the view, in views: a pan of half a view needs no new window. */
export const WINDOW_MARGIN = 0.5;

/**
 * A window that starts from nothing (first paint, leaving the overview) grows from the view's centre over a few
 * frames, so the nodes on screen mount a few dozen per task: its margins at each stage (negative: inside the view),
 * an eighth of the view's size more on each side per stage, then WINDOW_MARGIN.
 */
export const GROWTH_STAGES: readonly number[] = [-0.375, -0.25, -0.125, 0];

/** The window around the view of a width × height pane under `transform` (a negative margin: inside the view). */
export function windowAround(transform: ViewTransform, width: number, height: number, margin = WINDOW_MARGIN): FlowRect {
  const view = viewRect(transform, width, height);
  const [dx, dy] = [(view.right - view.left) * margin, (view.bottom - view.top) * margin];
  return { left: view.left - dx, top: view.top - dy, right: view.right + dx, bottom: view.bottom + dy };
}

/** Whether `outer` holds all of `inner`. */
export function containsRect(outer: FlowRect, inner: FlowRect): boolean {
  return inner.left >= outer.left && inner.top >= outer.top && inner.right <= outer.right && inner.bottom <= outer.bottom;
}

const overlaps = (b: PlacedBox, r: FlowRect) =>
  !(b.position.x > r.right || b.position.y > r.bottom || b.position.x + b.width < r.left || b.position.y + b.height < r.top);

/** The ids of the boxes that overlap `rect`. */
export function idsInRect(boxes: ReadonlyArray<PlacedBox & { id: string }>, rect: FlowRect): Set<string> {
  const ids = new Set<string>();
  for (const b of boxes) if (overlaps(b, rect)) ids.add(b.id);
  return ids;
}

export interface EdgeEnds<K extends string> {
  id: string;
  kind: K;
  label: string | null;
  /** Where the edge leaves its source (the right middle) and enters its target (the left middle). */
  sourceX: number;
  sourceY: number;
  targetX: number;
  targetY: number;
}

/**
 * The edges that may cross `rect` (the bounds of their two boxes overlap it, as @xyflow decides an edge is visible),
 * with their end points; an edge whose source or target is not in `byId` is left out (it has nowhere to go).
 * A hub's edges all cross the window around it, however far their other ends are: all of them are kept.
 */
export function edgesThroughRect<K extends string>(
  edges: ReadonlyArray<{ id: string; source: string; target: string; kind: K; label: string | null }>,
  byId: ReadonlyMap<string, PlacedBox>,
  rect: FlowRect,
): EdgeEnds<K>[] {
  const kept: EdgeEnds<K>[] = [];
  for (const e of edges) {
    const [s, t] = [byId.get(e.source), byId.get(e.target)];
    if (!s || !t) continue;
    const left = Math.min(s.position.x, t.position.x);
    const right = Math.max(s.position.x + s.width, t.position.x + t.width);
    const top = Math.min(s.position.y, t.position.y);
    const bottom = Math.max(s.position.y + s.height, t.position.y + t.height);
    if (left > rect.right || right < rect.left || top > rect.bottom || bottom < rect.top) continue;
    kept.push({
      id: e.id, kind: e.kind, label: e.label,
      sourceX: s.position.x + s.width, sourceY: s.position.y + s.height / 2,
      targetX: t.position.x, targetY: t.position.y + t.height / 2,
    });
  }
  return kept;
}
