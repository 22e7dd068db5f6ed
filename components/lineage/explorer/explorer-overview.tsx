'use client';

import { useEffect, useRef, type CSSProperties } from 'react';
import { useStoreApi } from '@xyflow/react';
import { drawGraph, sizedContext, type DrawableGraph } from './draw-graph';

const layer: CSSProperties = { position: 'absolute', inset: 0, pointerEvents: 'none', zIndex: 1 };

/**
 * The zoomed-out graph (see explorer-lod): every node and edge on one canvas over the pane, redrawn in the next
 * animation frame after each pan or zoom. Pointer events go through to the pane, so panning and zooming go on.
 */
export function ExplorerOverview({ graph, ringed }: { graph: DrawableGraph; ringed: readonly string[] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const store = useStoreApi();
  useEffect(() => {
    let frame = 0;
    let drawn: unknown[] = [];
    const draw = () => {
      frame = 0;
      const { transform, width, height } = store.getState();
      const ctx = canvas.current && sizedContext(canvas.current, width, height);
      if (ctx) drawGraph(ctx, graph, transform, width, height, { edges: true, ringed, minSize: 2 });
    };
    const schedule = () => {
      const { transform, width, height } = store.getState();
      const next = [...transform, width, height];
      if (next.every((v, i) => v === drawn[i])) return;
      drawn = next;
      if (!frame) frame = requestAnimationFrame(draw);
    };
    schedule();
    const unsubscribe = store.subscribe(schedule);
    return () => {
      unsubscribe();
      cancelAnimationFrame(frame);
    };
  }, [store, graph, ringed]);
  return <canvas ref={canvas} style={layer} data-testid="explorer-overview" aria-hidden="true" />;
}
