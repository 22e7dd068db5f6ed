'use client';

import { startTransition, useEffect, useState } from 'react';
import { useStoreApi } from '@xyflow/react';
import type { ExplorerFlowNode } from '@/lib/graph/explorer-flow';
import { idsInView } from '@/lib/graph/explorer-lod';

/**
 * The nodes on screen when the reader zooms in out of the overview (null otherwise, and once the rest are handed
 * over): mounting those and adopting the whole graph in one task blocked the page for 200–500 ms on 4,000 nodes.
 */
export function useFirstBatch(overview: boolean, boxes: readonly ExplorerFlowNode[]): Set<string> | null {
  const store = useStoreApi();
  const [batch, setBatch] = useState<Set<string> | null>(null);
  const [wasOverview, setWasOverview] = useState(overview);
  if (wasOverview !== overview) {
    setWasOverview(overview);
    const { transform, width, height } = store.getState();
    setBatch(overview ? null : idsInView(boxes, transform, width, height));
  }
  useEffect(() => {
    if (!batch) return;
    const rest = () => startTransition(() => setBatch(null));
    if (typeof window.requestIdleCallback !== 'function') {
      const timer = setTimeout(rest, 50);
      return () => clearTimeout(timer);
    }
    const idle = window.requestIdleCallback(rest, { timeout: 500 });
    return () => window.cancelIdleCallback(idle);
  }, [batch]);
  return batch;
}
