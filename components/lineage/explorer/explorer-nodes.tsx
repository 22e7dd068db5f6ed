'use client';

import { memo, type CSSProperties } from 'react';
import { Handle, Position, type Node, type NodeProps, type NodeTypes } from '@xyflow/react';
import type { ExplorerNodeData } from '@/lib/graph/explorer-flow';
import { DatasetFields } from './dataset-fields';
import { datasetNodeStyle, hiddenHandle, lineStyle, runNodeStyle, sublabelStyle } from '../graph-node-style';

type JobFlowNode = Node<ExplorerNodeData, 'job'>;
type DatasetFlowNode = Node<ExplorerNodeData, 'dataset'>;
type FieldFlowNode = Node<ExplorerNodeData, 'field'>;

// A button, so a keyboard user can open the side panel: its click bubbles to React Flow's onNodeClick.
const reset: CSSProperties = { font: 'inherit', textAlign: 'left', cursor: 'pointer' };
const selectedRing: CSSProperties = { outline: '3px solid #111827', outlineOffset: 2 };
const fieldStyle: CSSProperties = {
  ...reset,
  ...lineStyle,
  width: '100%',
  height: '100%',
  boxSizing: 'border-box',
  padding: '4px 8px',
  borderRadius: 6,
  border: '1px dashed #a78bfa',
  background: '#fff',
  color: '#4c1d95',
  fontSize: 11,
  fontFamily: 'ui-monospace, Menlo, monospace',
};

function Body({ data, style, selected }: { data: ExplorerNodeData; style: CSSProperties; selected: boolean }) {
  return (
    <button
      type="button"
      data-testid="explorer-node"
      data-kind={data.kind}
      data-focus={data.focus ? 'true' : undefined}
      aria-pressed={selected}
      title={data.title}
      style={{ ...reset, ...style, ...(selected ? selectedRing : null) }}
    >
      <span style={lineStyle} className="explorer-node-label">{data.label}</span>
      {data.sublabel !== null && <span style={sublabelStyle}>{data.sublabel}</span>}
      {data.detail !== null && <span style={sublabelStyle}>{data.detail}</span>}
    </button>
  );
}

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
      <Body data={data} style={runNodeStyle(data)} selected={selected} />
      <Handles />
    </>
  );
});

export const ExplorerDatasetNode = memo(function ExplorerDatasetNode({ id, data, selected }: NodeProps<DatasetFlowNode>) {
  const style = datasetNodeStyle();
  return (
    <>
      <Body data={data} style={data.focus ? { ...style, boxShadow: '0 0 0 3px #a78bfa77', fontWeight: 600 } : style} selected={selected} />
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
