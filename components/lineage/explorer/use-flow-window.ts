'use client';

import { useEffect, useState } from 'react';
import { useStoreApi, type ReactFlowState } from '@xyflow/react';
import { containsRect, windowAround, type FlowRect } from '@/lib/graph/explorer-window';
import { viewRect } from '@/lib/graph/explorer-lod';

/** The window for the store's view: `current` while it still holds the view; null while the pane is unmeasured. */
function follow(current: FlowRect | null, { transform, width, height }: ReactFlowState): FlowRect | null {
  if (width <= 0 || height <= 0) return current;
  return current && containsRect(current, viewRect(transform, width, height)) ? current : windowAround(transform, width, height);
}

/**
 * The window (explorer-window.ts) around the current view while `enabled`: a new one only when the view leaves
 * it (a long pan, a zoom out), so pan frames inside it re-render nothing. Null while disabled or unmeasured.
 */
export function useFlowWindow(enabled: boolean): FlowRect | null {
  const store = useStoreApi();
  const [flowWindow, setFlowWindow] = useState<FlowRect | null>(() => (enabled ? follow(null, store.getState()) : null));
  const [wasEnabled, setWasEnabled] = useState(enabled);
  // Switched on (leaving the overview): the window of the view now, in this render, not one frame later.
  if (wasEnabled !== enabled) {
    setWasEnabled(enabled);
    setFlowWindow(enabled ? follow(null, store.getState()) : null);
  }
  useEffect(() => {
    if (!enabled) return;
    const update = () => setFlowWindow((current) => follow(current, store.getState()));
    update();
    return store.subscribe(update);
  }, [store, enabled]);
  return enabled ? flowWindow : null;
}
