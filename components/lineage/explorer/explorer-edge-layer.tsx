'use client';

import { useMemo, type CSSProperties, type SVGProps } from 'react';
import { ViewportPortal } from '@xyflow/react';
import type { ExplorerFlowEdge } from '@/lib/graph/explorer-flow';
import type { EdgeEnds } from '@/lib/graph/explorer-window';
import { edgePaths } from './edge-paths';

type Kind = ExplorerFlowEdge['kind'];

// In flow coordinates inside @xyflow's viewport, so pans and zooms move it without a render; under the nodes.
const layer: CSSProperties = { position: 'absolute', left: 0, top: 0, width: 1, height: 1, overflow: 'visible', zIndex: -1, pointerEvents: 'none' };
const labelStyle: CSSProperties = { fontSize: 10, fill: '#4c1d95', paintOrder: 'stroke', stroke: '#fff', strokeWidth: 3 };

/** The look of @xyflow's edges in explorer-canvas.tsx (EDGE_LOOK): curve stroke and how the head is drawn. */
const LOOK: Record<Kind, { curve: SVGProps<SVGPathElement>; head: SVGProps<SVGPathElement> | null }> = {
  flow: { curve: { stroke: '#b1b1b7' }, head: { fill: '#b1b1b7', stroke: '#b1b1b7' } },
  column: { curve: { stroke: '#7c3aed' }, head: { fill: '#7c3aed', stroke: '#7c3aed' } },
  'column-indirect': { curve: { stroke: '#a78bfa', strokeDasharray: '2 4' }, head: { fill: 'none', stroke: '#a78bfa' } },
  'field-of': { curve: { stroke: '#c4b5fd', strokeDasharray: '2 3' }, head: null },
};

/**
 * The edges of a big graph around the view, one path per kind (explorer-window.ts picks them): a hub's thousands
 * of edges cost one element. `data-edges` says how many are drawn.
 */
export function ExplorerEdgeLayer({ edges }: { edges: readonly EdgeEnds<Kind>[] }) {
  const { paths, labels } = useMemo(() => edgePaths(edges), [edges]);
  return (
    <ViewportPortal>
      <svg style={layer} data-testid="explorer-edges" data-edges={edges.length} aria-hidden="true">
        {paths.map(({ kind, curves, arrows, count }) => (
          <g key={kind} data-kind={kind} data-edges={count}>
            <path d={curves} fill="none" strokeWidth={1} {...LOOK[kind].curve} data-testid="explorer-edge-curves" />
            {LOOK[kind].head ? <path d={arrows} strokeWidth={1} strokeLinejoin="round" {...LOOK[kind].head} /> : null}
          </g>
        ))}
        {labels.map((l) => <text key={l.id} x={l.x} y={l.y} textAnchor="middle" dominantBaseline="middle" style={labelStyle}>{l.text}</text>)}
      </svg>
    </ViewportPortal>
  );
}
