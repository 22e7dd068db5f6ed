/**
 * What a chart hands the charting library: at most two points per pixel column, so drawing costs the chart's
 * width, not the history's length. Each column keeps its lowest and highest value (in x order), so every spike
 * stays visible; the first and last points and every gap (null) are kept, so the line starts, ends and breaks
 * where the raw line does. Zoomed, only the range on screen (and one point either side) is sampled: the raw
 * points come back as the range narrows.
 */

export interface PlotPoint {
  x: number;
  value: number | null;
}

/** Points sorted by x (prepareSeries orders them) → at most ≈ 2 per column plus gaps, first and last. */
export function sampleToWidth<P extends PlotPoint>(points: readonly P[], columns: number, zoom: [number, number] | null = null): P[] {
  const shown = zoom ? inRange(points, zoom) : points;
  const width = Math.max(1, Math.floor(columns));
  if (shown.length <= 2 * width) return shown.slice();
  const first = shown[0]!.x;
  const span = shown[shown.length - 1]!.x - first;
  const kept: P[] = [];
  let column = -1;
  let low = -1;
  let high = -1;
  const flush = () => {
    if (low !== -1) kept.push(...(low === high ? [shown[low]!] : low < high ? [shown[low]!, shown[high]!] : [shown[high]!, shown[low]!]));
    low = high = -1;
  };
  shown.forEach((p, i) => {
    if (i === 0 || i === shown.length - 1 || p.value === null) {
      flush();
      // A gap must stay where it was, so the column's extremes before it are drawn before it.
      kept.push(p);
      return;
    }
    const at = span > 0 ? Math.min(width - 1, Math.floor(((p.x - first) / span) * width)) : 0;
    if (at !== column) {
      flush();
      column = at;
    }
    if (low === -1 || p.value < shown[low]!.value!) low = i;
    if (high === -1 || p.value > shown[high]!.value!) high = i;
  });
  return kept;
}

/** The points inside [from, to], with the nearest one outside on each side so the line runs to the plot's edge. */
function inRange<P extends PlotPoint>(points: readonly P[], [from, to]: [number, number]): readonly P[] {
  let start = points.findIndex((p) => p.x >= from);
  if (start === -1) return points.slice(-1);
  start = Math.max(0, start - 1);
  let end = points.length;
  for (let i = start; i < points.length; i++) {
    if (points[i]!.x > to) {
      end = i + 1;
      break;
    }
  }
  return points.slice(start, end);
}
