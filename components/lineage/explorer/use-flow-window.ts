'use client';

import { useEffect, useState } from 'react';
import { useStoreApi, type ReactFlowState } from '@xyflow/react';
import { containsRect, GROWTH_STAGES, windowAround, type FlowRect } from '@/lib/graph/explorer-window';
import { viewRect } from '@/lib/graph/explorer-lod';

/** The window and, while it still grows out of the view's centre, its stage (an index into GROWTH_STAGES). */
interface WindowState {
  rect: FlowRect;
  stage: number;
}

const grown = GROWTH_STAGES.length;
const measured = (s: ReactFlowState) => s.width > 0 && s.height > 0;
const atStage = (s: ReactFlowState, stage: number): WindowState => ({
  rect: windowAround(s.transform, s.width, s.height, stage < grown ? GROWTH_STAGES[stage]! : undefined),
  stage,
});

/**
 * The same window while it holds the view or is still growing; a new one, grown at once, when the view leaves it.
 * No window yet (first paint, leaving the overview): it starts small at the view's centre.
 */
function follow(current: WindowState | null, s: ReactFlowState): WindowState | null {
  if (!measured(s)) return current;
  if (!current) return atStage(s, 0);
  if (current.stage < grown || containsRect(current.rect, viewRect(s.transform, s.width, s.height))) return current;
  return atStage(s, grown);
}

/**
 * The window (explorer-window.ts) around the current view while `enabled`: a new one only when the view leaves
 * it (a long pan, a zoom out), so pan frames inside it re-render nothing. A window that starts from nothing grows
 * from the view's centre over a few frames, so the nodes on screen are mounted a few dozen per task, not 80 in one.
 * Null while disabled or unmeasured.
 */
export function useFlowWindow(enabled: boolean): FlowRect | null {
  const store = useStoreApi();
  const [state, setState] = useState<WindowState | null>(() => (enabled ? follow(null, store.getState()) : null));
  const [wasEnabled, setWasEnabled] = useState(enabled);
  // Switched on (leaving the overview): the first stage for the view now, in this render, not one frame later.
  if (wasEnabled !== enabled) {
    setWasEnabled(enabled);
    setState(enabled ? follow(null, store.getState()) : null);
  }
  useEffect(() => {
    if (!enabled) return;
    const update = () => setState((current) => follow(current, store.getState()));
    update();
    return store.subscribe(update);
  }, [store, enabled]);
  const growing = enabled && state !== null && state.stage < grown;
  useEffect(() => {
    if (!growing) return;
    const frame = requestAnimationFrame(() => setState((current) => (current && current.stage < grown ? atStage(store.getState(), current.stage + 1) : current)));
    return () => cancelAnimationFrame(frame);
  }, [store, growing, state]);
  return enabled ? (state?.rect ?? null) : null;
}
