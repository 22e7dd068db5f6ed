import type { CSSProperties } from 'react';
import Link from 'next/link';
import type { GraphNodeData } from '@/lib/graph/types';
import { lineStyle, sublabelStyle } from './graph-node-style';

/** A run graph node's box: a link to its page when it has one. Shared by the @xyflow nodes and the preview (no @xyflow here). */
export function NodeBody({ data, style, testId = 'graph-node' }: { data: GraphNodeData; style: CSSProperties; testId?: string }) {
  const content = (
    <>
      <span style={lineStyle}>{data.label}</span>
      {data.sublabel !== null && <span style={sublabelStyle}>{data.sublabel}</span>}
    </>
  );
  const common = { 'data-testid': testId, title: data.title, style };
  if (data.href === null) return <div {...common}>{content}</div>;
  return (
    <Link href={data.href} aria-current={data.focus ? 'page' : undefined} {...common}>
      {content}
    </Link>
  );
}
