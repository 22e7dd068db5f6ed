/**
 * Level of detail of the explorer: past MAX_DRAWN_NODES nodes on screen, mounting each as an @xyflow node (a
 * React component with its own store subscriptions) freezes the page for seconds, and its text is a few pixels
 * high anyway; the explorer then draws every node and edge on one canvas instead (the overview).
 */
export const MAX_DRAWN_NODES = 80;
/**
 * A graph of at most this many nodes is never drawn as an overview: it is fitted whole on first paint (its text may
 * be small), and mounting all of it once is cheap; the reader still clicks its nodes.
 */
export const ALWAYS_DRAWN_GRAPH = 150;

export interface PlacedBox {
  position: { x: number; y: number };
  width: number;
  height: number;
}

/** @xyflow's viewport transform: the flow point (fx, fy) is drawn at (fx · zoom + x, fy · zoom + y). */
export type ViewTransform = readonly [x: number, y: number, zoom: number];

/** The visible flow rectangle of a width × height pane. */
export function viewRect([x, y, zoom]: ViewTransform, width: number, height: number) {
  return { left: -x / zoom, top: -y / zoom, right: (width - x) / zoom, bottom: (height - y) / zoom };
}

/** Whether more than `max` boxes overlap the pane; stops counting once past it (it runs on every viewport change). */
export function moreThanInView(boxes: readonly PlacedBox[], transform: ViewTransform, width: number, height: number, max: number): boolean {
  if (width <= 0 || height <= 0) return false;
  const view = viewRect(transform, width, height);
  let count = 0;
  for (const b of boxes) {
    if (b.position.x > view.right || b.position.y > view.bottom || b.position.x + b.width < view.left || b.position.y + b.height < view.top) continue;
    if (++count > max) return true;
  }
  return false;
}
