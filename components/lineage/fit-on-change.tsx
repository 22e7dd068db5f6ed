'use client';

import { useEffect } from 'react';
import { useReactFlow, useStore, type FitViewOptions } from '@xyflow/react';

/**
 * Fits the view again when the canvas changes size (a side panel opens, the window turns) and when the graph
 * itself changes (a live update): @xyflow's fitView prop fits only the first render. Lives inside <ReactFlow>.
 */
export function FitOnChange({ options, graphKey }: { options: FitViewOptions; graphKey: unknown }) {
  const flow = useReactFlow();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  useEffect(() => {
    if (width === 0 || height === 0) return;
    // The next frame: @xyflow applies the new nodes and size first.
    const frame = requestAnimationFrame(() => void flow.fitView(options));
    return () => cancelAnimationFrame(frame);
  }, [flow, options, graphKey, width, height]);
  return null;
}
