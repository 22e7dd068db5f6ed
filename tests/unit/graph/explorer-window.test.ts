import { describe, expect, it } from 'vitest';
import { containsRect, edgesThroughRect, idsInRect, windowAround } from '@/lib/graph/explorer-window';

// A 10 × 10 grid of 100 × 50 boxes, 200 apart horizontally and 100 vertically.
const grid = Array.from({ length: 100 }, (_, i) => ({ id: `n${i}`, position: { x: (i % 10) * 200, y: Math.floor(i / 10) * 100 }, width: 100, height: 50 }));
const byId = new Map(grid.map((b) => [b.id, b]));
const edge = (source: string, target: string) => ({ id: `${source}->${target}`, source, target, kind: 'flow' as const, label: null });

describe('explorer window', () => {
  it('reaches half a view past each side of the view', () => {
    // Zoom 2 from (-100, 50): the view is flow x 50…450, y -25…275.
    expect(windowAround([-100, 50, 2], 800, 600)).toEqual({ left: -150, top: -175, right: 650, bottom: 425 });
  });

  it('grows from the centre of the view to the view itself', () => {
    expect(windowAround([0, 0, 1], 800, 400, -0.375)).toEqual({ left: 300, top: 150, right: 500, bottom: 250 });
    expect(windowAround([10, 20, 1], 800, 400, 0)).toEqual({ left: -10, top: -20, right: 790, bottom: 380 });
  });

  it('holds a view panned a little, not one panned past its margin', () => {
    const win = windowAround([0, 0, 1], 400, 300);
    expect(containsRect(win, { left: 150, top: 100, right: 550, bottom: 400 })).toBe(true);
    expect(containsRect(win, { left: 250, top: 0, right: 650, bottom: 300 })).toBe(false);
  });

  it('names the boxes in the window, and none past the graph', () => {
    expect([...idsInRect(grid, { left: 0, top: 0, right: 450, bottom: 180 })].sort()).toEqual(['n0', 'n1', 'n10', 'n11', 'n12', 'n2']);
    expect(idsInRect(grid, { left: 5000, top: 0, right: 5450, bottom: 180 }).size).toBe(0);
  });

  it('keeps every edge of a hub whose other ends are far outside the window, with its end points', () => {
    // n0 (top left) to every box of the last row, all beyond the window around n0.
    const hub = Array.from({ length: 10 }, (_, i) => edge('n0', `n${90 + i}`));
    const kept = edgesThroughRect(hub, byId, { left: 0, top: 0, right: 150, bottom: 80 });
    expect(kept).toHaveLength(10);
    expect(kept[3]).toEqual({ id: 'n0->n93', kind: 'flow', label: null, sourceX: 100, sourceY: 25, targetX: 600, targetY: 925 });
  });

  it('leaves out edges whose two ends lie outside on one side, and edges to nodes it does not know', () => {
    const kept = edgesThroughRect([edge('n98', 'n99'), edge('n0', 'n1'), edge('n0', 'gone')], byId, { left: 0, top: 0, right: 450, bottom: 180 });
    expect(kept.map((e) => e.id)).toEqual(['n0->n1']);
  });
});
