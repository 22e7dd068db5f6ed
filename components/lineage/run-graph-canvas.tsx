'use client';

import { use, useMemo } from 'react';
import { Background, Controls, MarkerType, ReactFlow, type DefaultEdgeOptions } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { toFlowElements } from '@/lib/graph/flow';
import type { Graph, NodePositions } from '@/lib/graph/types';
import { nodeTypes } from './graph-nodes';

const edgeOptions: DefaultEdgeOptions = { markerEnd: { type: MarkerType.ArrowClosed }, focusable: false };
// Never zoom past 1:1, so a small graph keeps readable labels instead of filling the canvas.
const fitViewOptions = { padding: 0.15, maxZoom: 1 };

/** Suspends until ELK has placed the nodes; the promise comes from a parent that is already mounted. */
export function RunGraphCanvas({ graph, positions }: { graph: Graph; positions: Promise<NodePositions> }) {
  const placed = use(positions);
  const { nodes, edges } = useMemo(() => toFlowElements(graph, placed), [graph, placed]);

  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      defaultEdgeOptions={edgeOptions}
      fitView
      fitViewOptions={fitViewOptions}
      nodesDraggable={false}
      nodesConnectable={false}
      elementsSelectable={false}
      nodesFocusable={false}
      edgesFocusable={false}
      minZoom={0.2}
    >
      <Background />
      <Controls showInteractive={false} />
    </ReactFlow>
  );
}
