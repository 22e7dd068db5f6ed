import { describe, expect, it } from 'vitest';
import { windowFrom } from '@/lib/model/bounded-list';

describe('a window of a list read a block at a time', () => {
  const block = Array.from({ length: 200 }, (_, i) => 200 + i); // items 200–399 of 1,000

  it('places the window among all items, so its links count from the first', () => {
    expect(windowFrom(block, 200, 250, 50, 1_000)).toMatchObject({ offset: 250, shown: 50, total: 1_000, items: block.slice(50, 100) });
  });

  it('clamps an offset outside the block into it, and never counts fewer items than it read', () => {
    expect(windowFrom(block, 200, 150, 50, 1_000)).toMatchObject({ offset: 200, items: block.slice(0, 50) });
    expect(windowFrom(block, 200, 5_000, 50, 1_000)).toMatchObject({ offset: 399, shown: 1 });
    expect(windowFrom(block, 200, 200, 50, 10).total).toBe(400);
  });
});
