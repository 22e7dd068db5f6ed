import { describe, expect, it } from 'vitest';
import { moreThanInView, viewRect } from '@/lib/graph/explorer-lod';

// A 10 × 10 grid of 100 × 50 boxes, 200 apart horizontally and 100 vertically.
const grid = Array.from({ length: 100 }, (_, i) => ({ id: `n${i}`, position: { x: (i % 10) * 200, y: Math.floor(i / 10) * 100 }, width: 100, height: 50 }));

describe('explorer level of detail', () => {
  it('maps the pane back to flow coordinates', () => {
    expect(viewRect([-100, 50, 2], 800, 600)).toEqual({ left: 50, top: -25, right: 450, bottom: 275 });
  });

  it('counts only the boxes that overlap the pane', () => {
    // At zoom 1 from the origin a 450 × 180 pane overlaps 3 columns × 2 rows.
    expect(moreThanInView(grid, [0, 0, 1], 450, 180, 6)).toBe(false);
    expect(moreThanInView(grid, [0, 0, 1], 450, 180, 5)).toBe(true);
    // Panned past the grid: nothing.
    expect(moreThanInView(grid, [-5000, 0, 1], 450, 180, 0)).toBe(false);
  });

  it('zoomed out, the whole grid is in view', () => {
    expect(moreThanInView(grid, [0, 0, 0.1], 400, 300, 99)).toBe(true);
    expect(moreThanInView(grid, [0, 0, 0.1], 400, 300, 100)).toBe(false);
  });

  it('an unmeasured pane shows nothing', () => {
    expect(moreThanInView(grid, [0, 0, 1], 0, 0, 0)).toBe(false);
  });
});
