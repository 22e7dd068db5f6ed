'use client';

import { startTransition, useEffect, useState, type ComponentType } from 'react';
import type { RunNeighbourhood } from '@/lib/graph/run-neighbourhood';
import { RunGraphPreview } from './run-graph-preview';

type Graph = ComponentType<{ neighbourhood: RunNeighbourhood }>;

/**
 * The run graph's code (@xyflow, ≈50 KB gzipped) loads once the page is idle: the page paints the graph as a
 * server-rendered preview (run-graph-preview) and swaps in the interactive graph when its code is there.
 */
export function RunGraphLazy({ neighbourhood }: { neighbourhood: RunNeighbourhood }) {
  const [Interactive, setInteractive] = useState<Graph | null>(null);
  useEffect(() => {
    let cancelled = false;
    const load = () => void import('./run-graph').then((m) => { if (!cancelled) startTransition(() => setInteractive(() => m.RunGraph)); });
    if (typeof window.requestIdleCallback !== 'function') {
      const timer = setTimeout(load, 50);
      return () => { cancelled = true; clearTimeout(timer); };
    }
    const idle = window.requestIdleCallback(load, { timeout: 1000 });
    return () => { cancelled = true; window.cancelIdleCallback(idle); };
  }, []);
  return Interactive ? <Interactive neighbourhood={neighbourhood} /> : <RunGraphPreview neighbourhood={neighbourhood} />;
}
