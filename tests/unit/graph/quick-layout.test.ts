import { describe, expect, it } from 'vitest';
import { quickLayout } from '@/lib/graph/quick-layout';
import type { NodeSizes } from '@/lib/graph/types';

const sizes: NodeSizes = { run: { width: 200, height: 50 }, dataset: { width: 100, height: 40 } };

describe('quickLayout', () => {
  it('places each node one column right of its furthest source, columns centred', () => {
    const nodes = [
      { id: 'producer', kind: 'run' as const }, { id: 'in', kind: 'dataset' as const }, { id: 'run', kind: 'run' as const },
      { id: 'out', kind: 'dataset' as const }, { id: 'c1', kind: 'run' as const }, { id: 'c2', kind: 'run' as const },
    ];
    const edges = [{ from: 'producer', to: 'in' }, { from: 'in', to: 'run' }, { from: 'run', to: 'out' }, { from: 'out', to: 'c1' }, { from: 'out', to: 'c2' }];
    const p = quickLayout(nodes, edges, sizes);
    expect([p.producer!.x, p.in!.x, p.run!.x, p.out!.x, p.c1!.x]).toEqual([0, 264, 428, 692, 856]);
    expect(p.c2!.x).toBe(856);
    // The last column holds two runs (124 px tall): the single nodes are centred on it.
    expect(p.c1!.y).toBe(0);
    expect(p.c2!.y).toBe(74);
    expect(p.run!.y).toBe(37);
  });

  it('ends on a cycle instead of looping', () => {
    const p = quickLayout([{ id: 'a', kind: 'run' }, { id: 'b', kind: 'run' }], [{ from: 'a', to: 'b' }, { from: 'b', to: 'a' }], sizes);
    expect(Object.keys(p).sort()).toEqual(['a', 'b']);
  });
});
