/**
 * SVG paths of a chart preview: the lines a metric chart draws, without the charting library, so the page can
 * show its charts before recharts has loaded. A gap (null) breaks the line; on a log scale values ≤ 0 are gaps.
 */

export interface PreviewPoint {
  x: number;
  value: number | null;
}

export interface PreviewOptions {
  width: number;
  height: number;
  logY: boolean;
  /** The x range drawn (the chart's zoom); every point's range when null. */
  zoom: [number, number] | null;
}

export interface PreviewPaths {
  /** One `d` attribute per line, in the order given; '' when a line has nothing to draw. */
  paths: string[];
  /** The y range drawn, in data units; null when no line has a finite value. */
  yRange: [number, number] | null;
}

const round = (n: number) => Math.round(n * 10) / 10;

export function previewPaths(lines: ReadonlyArray<readonly PreviewPoint[]>, options: PreviewOptions): PreviewPaths {
  const { width, height, logY, zoom } = options;
  const drawable = (p: PreviewPoint): p is { x: number; value: number } =>
    p.value !== null && Number.isFinite(p.value) && (!logY || p.value > 0) && (zoom === null || (p.x >= zoom[0] && p.x <= zoom[1]));
  let [xMin, xMax, yMin, yMax] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const line of lines) {
    for (const p of line) {
      if (!drawable(p)) continue;
      xMin = Math.min(xMin, p.x);
      xMax = Math.max(xMax, p.x);
      yMin = Math.min(yMin, p.value);
      yMax = Math.max(yMax, p.value);
    }
  }
  if (!Number.isFinite(yMin)) return { paths: lines.map(() => ''), yRange: null };
  if (zoom) [xMin, xMax] = zoom;
  const ty = (v: number) => (logY ? Math.log10(v) : v);
  const [lo, hi] = [ty(yMin), ty(yMax)];
  const x = (v: number) => round(xMax === xMin ? width / 2 : ((v - xMin) / (xMax - xMin)) * width);
  const y = (v: number) => round(hi === lo ? height / 2 : height - ((ty(v) - lo) / (hi - lo)) * height);
  const paths = lines.map((line) => {
    let d = '';
    let pen = false;
    for (const p of line) {
      if (!drawable(p)) {
        // Outside the zoom the line continues off-plot; a missing value is a gap.
        if (p.value === null || !Number.isFinite(p.value) || (logY && p.value <= 0)) pen = false;
        continue;
      }
      d += `${pen ? 'L' : 'M'}${x(p.x)},${y(p.value)}`;
      pen = true;
    }
    return d;
  });
  return { paths, yRange: [yMin, yMax] };
}
