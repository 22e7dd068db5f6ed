'use client';

import { memo } from 'react';
import { Handle, Position, type Node, type NodeProps, type NodeTypes } from '@xyflow/react';
import type { GraphNodeData } from '@/lib/graph/types';
import { NodeBody } from './graph-node-body';
import { datasetNodeStyle, hiddenHandle, runNodeStyle } from './graph-node-style';

type RunFlowNode = Node<GraphNodeData, 'run'>;
type DatasetFlowNode = Node<GraphNodeData, 'dataset'>;

/** Read-only graph: the handles only anchor edges (target on the left, source on the right). */
function Handles() {
  return (
    <>
      <Handle type="target" position={Position.Left} isConnectable={false} style={hiddenHandle} />
      <Handle type="source" position={Position.Right} isConnectable={false} style={hiddenHandle} />
    </>
  );
}

export const RunNode = memo(function RunNode({ data }: NodeProps<RunFlowNode>) {
  return (
    <>
      <NodeBody data={data} style={runNodeStyle(data)} />
      <Handles />
    </>
  );
});

export const DatasetNode = memo(function DatasetNode({ data }: NodeProps<DatasetFlowNode>) {
  return (
    <>
      <NodeBody data={data} style={datasetNodeStyle()} />
      <Handles />
    </>
  );
});

/** At module scope so @xyflow never sees a new object and re-mounts every node. */
export const nodeTypes: NodeTypes = { run: RunNode, dataset: DatasetNode };
