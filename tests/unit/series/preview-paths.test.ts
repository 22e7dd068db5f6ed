import { describe, expect, it } from 'vitest';
import { previewPaths } from '@/lib/series/preview-paths';

const box = { width: 100, height: 50, logY: false, zoom: null };

describe('previewPaths', () => {
  it('maps the lines into the box, y growing down, sharing one y range', () => {
    const { paths, yRange } = previewPaths([[{ x: 0, value: 0 }, { x: 10, value: 10 }], [{ x: 5, value: 5 }, { x: 10, value: 20 }]], box);
    expect(yRange).toEqual([0, 20]);
    expect(paths).toEqual(['M0,50L100,25', 'M50,37.5L100,0']);
  });

  it('breaks the line at a gap instead of drawing through it', () => {
    const { paths } = previewPaths([[{ x: 0, value: 1 }, { x: 1, value: null }, { x: 2, value: 3 }, { x: 3, value: 1 }]], box);
    expect(paths[0]).toBe('M0,50M66.7,0L100,50');
  });

  it('on a log scale leaves out values ≤ 0 and spaces decades evenly', () => {
    const { paths, yRange } = previewPaths([[{ x: 0, value: -1 }, { x: 1, value: 1 }, { x: 2, value: 10 }, { x: 3, value: 100 }]], { ...box, logY: true });
    expect(yRange).toEqual([1, 100]);
    expect(paths[0]).toBe('M0,50L50,25L100,0');
  });

  it('draws only the zoomed x range, across its full width', () => {
    const { paths } = previewPaths([[{ x: 0, value: 9 }, { x: 2, value: 0 }, { x: 4, value: 4 }, { x: 6, value: 9 }]], { ...box, zoom: [2, 4] });
    expect(paths[0]).toBe('M0,50L100,0');
  });

  it('draws a flat line mid-height and says when nothing is finite', () => {
    expect(previewPaths([[{ x: 0, value: 3 }, { x: 1, value: 3 }]], box).paths[0]).toBe('M0,25L100,25');
    expect(previewPaths([[{ x: 0, value: null }]], box)).toEqual({ paths: [''], yRange: null });
  });
});
