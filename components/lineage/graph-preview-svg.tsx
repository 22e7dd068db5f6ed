import type { CSSProperties, ReactNode } from 'react';

export interface PreviewBox {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** The node's own box (HTML, drawn in a foreignObject). */
  body: ReactNode;
}

export interface PreviewLink {
  id: string;
  from: string;
  to: string;
}

// As the interactive graphs fit: 15 % padding, never larger than 1:1 (the frame scales it down to fit).
const PADDING = 0.15;

/**
 * Placed boxes and their links as one SVG, for graphs drawn with the page (no @xyflow): links as the same
 * bezier curves from a box's right side to the next one's left, each with an arrow.
 */
export function GraphPreviewSvg({ boxes, links, label, markerId, style }: { boxes: PreviewBox[]; links: PreviewLink[]; label: string; markerId: string; style?: CSSProperties }) {
  const left = Math.min(...boxes.map((b) => b.x));
  const top = Math.min(...boxes.map((b) => b.y));
  const [width, height] = [Math.max(...boxes.map((b) => b.x + b.width)) - left, Math.max(...boxes.map((b) => b.y + b.height)) - top];
  const [padX, padY] = [width * PADDING, height * PADDING];
  const at = new Map(boxes.map((b) => [b.id, b]));
  return (
    <svg width={width + 2 * padX} height={height + 2 * padY} viewBox={`${left - padX} ${top - padY} ${width + 2 * padX} ${height + 2 * padY}`}
      style={{ maxWidth: '100%', maxHeight: '100%', ...style }} role="group" aria-label={label}>
      <defs>
        <marker id={markerId} viewBox="0 0 10 10" refX="10" refY="5" markerWidth="12" markerHeight="12" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" fill="#b1b1b7" />
        </marker>
      </defs>
      {links.map((e) => {
        const [from, to] = [at.get(e.from), at.get(e.to)];
        if (!from || !to) return null;
        const [sx, sy, tx, ty] = [from.x + from.width, from.y + from.height / 2, to.x, to.y + to.height / 2];
        const mid = (sx + tx) / 2;
        return <path key={e.id} d={`M${sx},${sy} C${mid},${sy} ${mid},${ty} ${tx},${ty}`} fill="none" stroke="#b1b1b7" strokeWidth={1} markerEnd={`url(#${markerId})`} />;
      })}
      {boxes.map((b) => (
        <foreignObject key={b.id} x={b.x} y={b.y} width={b.width} height={b.height}>
          {b.body}
        </foreignObject>
      ))}
    </svg>
  );
}
