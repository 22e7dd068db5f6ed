import Link from 'next/link';
import type { CSSProperties } from 'react';
import type { ExplorerNodeData } from '@/lib/graph/explorer-flow';
import { datasetNodeStyle, lineStyle, runNodeStyle, sublabelStyle } from '../graph-node-style';

/** An explorer node's box, shared by the @xyflow nodes and the page-drawn preview (no @xyflow here). */

const reset: CSSProperties = { font: 'inherit', textAlign: 'left', cursor: 'pointer' };
const selectedRing: CSSProperties = { outline: '3px solid #111827', outlineOffset: 2 };
export const fieldStyle: CSSProperties = {
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

/** Jobs coloured by their latest run's state; datasets violet, the focus ringed. */
export function explorerNodeStyle(data: ExplorerNodeData): CSSProperties {
  if (data.kind === 'job') return runNodeStyle(data);
  const style = datasetNodeStyle();
  return data.focus ? { ...style, boxShadow: '0 0 0 3px #a78bfa77', fontWeight: 600 } : style;
}

interface BodyProps {
  data: ExplorerNodeData;
  selected: boolean;
  /** The preview's nodes are links that open the node's side panel; the interactive ones are buttons (@xyflow's click). */
  href?: string;
  testId?: string;
}

export function ExplorerNodeBody({ data, selected, href, testId = 'explorer-node' }: BodyProps) {
  const content = (
    <>
      <span style={lineStyle} className="explorer-node-label">{data.label}</span>
      {data.sublabel !== null && <span style={sublabelStyle}>{data.sublabel}</span>}
      {data.detail !== null && <span style={sublabelStyle}>{data.detail}</span>}
    </>
  );
  const common = { 'data-testid': testId, 'data-kind': data.kind, 'data-focus': data.focus ? 'true' : undefined, title: data.title, style: { ...reset, ...explorerNodeStyle(data), ...(selected ? selectedRing : null) } };
  if (href !== undefined) return <Link href={href} scroll={false} aria-current={selected ? 'true' : undefined} {...common}>{content}</Link>;
  // A button, so a keyboard user can open the side panel: its click bubbles to React Flow's onNodeClick.
  return <button type="button" aria-pressed={selected} {...common}>{content}</button>;
}
