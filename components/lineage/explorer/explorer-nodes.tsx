'use client';

import { memo } from 'react';
import { Handle, Position, type Node, type NodeProps, type NodeTypes } from '@xyflow/react';
import type { ExplorerNodeData } from '@/lib/graph/explorer-flow';
import { DatasetFields } from './dataset-fields';
import { ExplorerNodeBody, fieldStyle } from './explorer-node-body';
import { hiddenHandle } from '../graph-node-style';

type JobFlowNode = Node<ExplorerNodeData, 'job'>;
type DatasetFlowNode = Node<ExplorerNodeData, 'dataset'>;
type FieldFlowNode = Node<ExplorerNodeData, 'field'>;

/** Read-only graph: the handles only anchor edges (target on the left, source on the right). */
function Handles() {
  return (
    <>
      <Handle type="target" position={Position.Left} isConnectable={false} style={hiddenHandle} />
      <Handle type="source" position={Position.Right} isConnectable={false} style={hiddenHandle} />
    </>
  );
}

/** Coloured by the latest run: RUNNING blue, COMPLETED green, FAILED red, ABORTED grey. */
export const ExplorerJobNode = memo(function ExplorerJobNode({ data, selected }: NodeProps<JobFlowNode>) {
  return (
    <>
      <ExplorerNodeBody data={data} selected={selected} />
      <Handles />
    </>
  );
});

export const ExplorerDatasetNode = memo(function ExplorerDatasetNode({ id, data, selected }: NodeProps<DatasetFlowNode>) {
  return (
    <>
      <ExplorerNodeBody data={data} selected={selected} />
      {data.fieldCount ? <DatasetFields id={id} name={data.label} fieldCount={data.fieldCount} /> : null}
      <Handles />
    </>
  );
});

export const ExplorerFieldNode = memo(function ExplorerFieldNode({ data }: NodeProps<FieldFlowNode>) {
  return (
    <>
      <div data-testid="explorer-field" title={data.title} style={fieldStyle}>{data.label}</div>
      <Handles />
    </>
  );
});

/** At module scope so @xyflow never sees a new object and re-mounts every node. */
export const explorerNodeTypes: NodeTypes = { job: ExplorerJobNode, dataset: ExplorerDatasetNode, field: ExplorerFieldNode };

const BareJobNode = memo(function BareJobNode({ data, selected }: NodeProps<JobFlowNode>) {
  return <ExplorerNodeBody data={data} selected={selected} />;
});

const BareDatasetNode = memo(function BareDatasetNode({ id, data, selected }: NodeProps<DatasetFlowNode>) {
  return (
    <>
      <ExplorerNodeBody data={data} selected={selected} />
      {data.fieldCount ? <DatasetFields id={id} name={data.label} fieldCount={data.fieldCount} /> : null}
    </>
  );
});

const BareFieldNode = memo(function BareFieldNode({ data }: NodeProps<FieldFlowNode>) {
  return <div data-testid="explorer-field" title={data.title} style={fieldStyle}>{data.label}</div>;
});

/**
 * For big graphs, whose edges the edge layer draws (no @xyflow edge to anchor): no handles, two components and two
 * store subscriptions fewer per mounted node.
 */
export const explorerBareNodeTypes: NodeTypes = { job: BareJobNode, dataset: BareDatasetNode, field: BareFieldNode };
