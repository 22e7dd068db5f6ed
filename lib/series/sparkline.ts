import { decodeMetricValue } from '@/lib/model/metric-value';
import type { WireMetricPoint } from './types';

/**
 * An SVG polyline's points ("x,y x,y …") drawing a series by step into a width × height box (y grows down).
 * Non-finite values are left out (a preview image has no gaps to explain); a flat series is drawn mid-height.
 * Null when fewer than two finite points remain.
 */
export function sparklinePoints(points: readonly WireMetricPoint[], width: number, height: number): string | null {
  const finite = points
    .map((p) => ({ step: p.step, value: decodeMetricValue(p.value) }))
    .filter((p) => Number.isFinite(p.value))
    .sort((a, b) => a.step - b.step);
  if (finite.length < 2) return null;
  const first = finite[0]!.step;
  const spanX = finite[finite.length - 1]!.step - first || 1;
  let min = Infinity;
  let max = -Infinity;
  for (const p of finite) { min = Math.min(min, p.value); max = Math.max(max, p.value); }
  const spanY = max - min;
  const y = (v: number) => (spanY === 0 ? height / 2 : height - ((v - min) / spanY) * height);
  return finite.map((p) => `${round(((p.step - first) / spanX) * width)},${round(y(p.value))}`).join(' ');
}

const round = (n: number) => Math.round(n * 10) / 10;
