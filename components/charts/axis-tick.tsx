import type { BaseTickContentProps } from 'recharts/types/util/types';

// Where recharts' own Text puts one line against its anchor (its cap-height offsets).
const DY = { start: '0.71em', middle: '0.355em', end: '0' } as const;

/**
 * A tick label as plain SVG text. recharts' default (Text) measures every label in the DOM, a forced layout of
 * the page each, to wrap it; an SI or time tick never wraps, and the ticks are spaced for the plot (axis-ticks).
 */
export function AxisTick({ x, y, textAnchor, verticalAnchor, className, index, payload, tickFormatter }: BaseTickContentProps) {
  return (
    <text x={x} y={y} textAnchor={textAnchor} fill="currentColor" fontSize={11} className={className}>
      <tspan x={x} dy={DY[verticalAnchor]}>{tickFormatter ? tickFormatter(payload.value, index) : String(payload.value)}</tspan>
    </text>
  );
}
