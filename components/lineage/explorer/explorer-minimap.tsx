'use client';

import { useEffect, useMemo, useRef, type CSSProperties, type PointerEvent } from 'react';
import { Panel, useReactFlow, useStoreApi } from '@xyflow/react';
import { viewRect } from '@/lib/graph/explorer-lod';
import { drawGraph, sizedContext, type DrawableGraph } from './draw-graph';

const WIDTH = 200;
const HEIGHT = 150;
const PAD = 8;
const box: CSSProperties = { position: 'relative', width: WIDTH, height: HEIGHT, background: '#fff', border: '1px solid #e5e7eb', borderRadius: 4, cursor: 'pointer', touchAction: 'none' };
const fill: CSSProperties = { position: 'absolute', inset: 0, width: WIDTH, height: HEIGHT };
const viewport: CSSProperties = { position: 'absolute', border: '2px solid #2f5bea', background: '#2f5bea14', pointerEvents: 'none', boxSizing: 'border-box' };

/** The minimap's scale and offset: the whole graph centred in the box. */
function fitInto({ left, top, right, bottom }: DrawableGraph['bounds']) {
  const scale = Math.min((WIDTH - 2 * PAD) / Math.max(1, right - left), (HEIGHT - 2 * PAD) / Math.max(1, bottom - top));
  const offset = [PAD - left * scale + (WIDTH - 2 * PAD - (right - left) * scale) / 2, PAD - top * scale + (HEIGHT - 2 * PAD - (bottom - top) * scale) / 2] as const;
  return { scale, offset };
}

/**
 * Where the view is on the whole graph: every node drawn once on a canvas (a few milliseconds for thousands),
 * the viewport a rectangle moved on each pan or zoom without a React render. Press or drag to move the view there.
 */
export function ExplorerMinimap({ graph, ringed }: { graph: DrawableGraph; ringed: readonly string[] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const frame = useRef<HTMLDivElement>(null);
  const store = useStoreApi();
  const flow = useReactFlow();
  const { scale, offset } = useMemo(() => fitInto(graph.bounds), [graph]);

  useEffect(() => {
    const ctx = canvas.current && sizedContext(canvas.current, WIDTH, HEIGHT);
    if (ctx) drawGraph(ctx, graph, [offset[0], offset[1], scale], WIDTH, HEIGHT, { edges: false, ringed, minSize: 1.5 });
  }, [graph, ringed, scale, offset]);

  useEffect(() => {
    const place = () => {
      const { transform, width, height } = store.getState();
      const v = viewRect(transform, width, height);
      const el = frame.current;
      if (!el) return;
      const x = Math.max(0, v.left * scale + offset[0]);
      const y = Math.max(0, v.top * scale + offset[1]);
      el.style.left = `${x}px`;
      el.style.top = `${y}px`;
      el.style.width = `${Math.max(4, Math.min(WIDTH, v.right * scale + offset[0]) - x)}px`;
      el.style.height = `${Math.max(4, Math.min(HEIGHT, v.bottom * scale + offset[1]) - y)}px`;
    };
    place();
    return store.subscribe(place);
  }, [store, scale, offset]);

  const moveTo = (event: PointerEvent<HTMLDivElement>) => {
    if (event.type === 'pointermove' && event.buttons !== 1) return;
    const rect = event.currentTarget.getBoundingClientRect();
    const [fx, fy] = [(event.clientX - rect.left - offset[0]) / scale, (event.clientY - rect.top - offset[1]) / scale];
    void flow.setCenter(fx, fy, { zoom: flow.getZoom() });
  };

  return (
    <Panel position="bottom-right">
      <div style={box} className="nodrag nopan nowheel" data-testid="explorer-minimap" data-nodes={graph.byId.size}
        role="img" aria-label="Minimap of the whole graph: press to move the view there" onPointerDown={moveTo} onPointerMove={moveTo}>
        <canvas ref={canvas} style={fill} />
        <div ref={frame} style={viewport} data-testid="explorer-minimap-view" />
      </div>
    </Panel>
  );
}
