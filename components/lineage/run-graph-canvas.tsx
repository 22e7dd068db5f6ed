'use client';

import { useCallback, useMemo } from 'react';
import { useRouter } from 'next/navigation';
import { Background, Controls, MarkerType, ReactFlow, type DefaultEdgeOptions, type NodeMouseHandler } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { toFlowElements } from '@/lib/graph/flow';
import type { Graph, GraphNodeData, NodePositions } from '@/lib/graph/types';
import { FitOnChange } from './fit-on-change';
import { nodeTypes } from './graph-nodes';

const edgeOptions: DefaultEdgeOptions = { markerEnd: { type: MarkerType.ArrowClosed }, focusable: false };
// Never zoom past 1:1, so a small graph keeps readable labels instead of filling the canvas.
const fitViewOptions = { padding: 0.15, maxZoom: 1 };

export function RunGraphCanvas({ graph, positions }: { graph: Graph; positions: NodePositions }) {
  const router = useRouter();
  const { nodes, edges } = useMemo(() => toFlowElements(graph, positions), [graph, positions]);
  // A click anywhere on a node opens its page; on the node's link itself, the link navigates.
  const onNodeClick: NodeMouseHandler = useCallback((event, node) => {
    const href = (node.data as GraphNodeData).href;
    if (href && !(event.target as Element).closest('a')) router.push(href);
  }, [router]);

  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      defaultEdgeOptions={edgeOptions}
      onNodeClick={onNodeClick}
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
      <FitOnChange options={fitViewOptions} graphKey={nodes} />
    </ReactFlow>
  );
}
