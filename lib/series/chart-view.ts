import { AXIS_PARAM, parseChartAxis, type ChartAxis } from './chart-axis';
import { parseSmoothing } from './smooth';

/**
 * Every choice a reader makes on a page's charts, kept in the URL so a view pasted into a chat reopens the same:
 * `x` (step | time | wall), `smooth` (0…0.99), `logy=1`, `zoom=<from>_<to>` on the x axis, `overlay=1` (all
 * charted metrics on one chart).
 */
export interface ChartView {
  axis: ChartAxis;
  smoothing: number;
  logY: boolean;
  zoom: [number, number] | null;
  overlay: boolean;
}

export const CHART_VIEW_PARAMS = { axis: AXIS_PARAM, smoothing: 'smooth', logY: 'logy', zoom: 'zoom', overlay: 'overlay' } as const;

function parseZoom(raw: string | null): [number, number] | null {
  const parts = raw?.split('_').map(Number);
  if (!parts || parts.length !== 2 || !parts.every(Number.isFinite)) return null;
  const [a, b] = parts as [number, number];
  return a < b ? [a, b] : b < a ? [b, a] : null;
}

export function parseChartView(params: Pick<URLSearchParams, 'get'>): ChartView {
  return {
    axis: parseChartAxis(params.get(CHART_VIEW_PARAMS.axis)),
    smoothing: parseSmoothing(params.get(CHART_VIEW_PARAMS.smoothing)),
    logY: params.get(CHART_VIEW_PARAMS.logY) === '1',
    zoom: parseZoom(params.get(CHART_VIEW_PARAMS.zoom)),
    overlay: params.get(CHART_VIEW_PARAMS.overlay) === '1',
  };
}

/** Writes `view` into `params`, leaving defaults out so plain views keep plain URLs. A new axis drops the zoom. */
export function writeChartView(params: URLSearchParams, view: ChartView): void {
  const set = (key: string, value: string | null) => (value === null ? params.delete(key) : params.set(key, value));
  set(CHART_VIEW_PARAMS.axis, view.axis === 'step' ? null : view.axis);
  set(CHART_VIEW_PARAMS.smoothing, view.smoothing > 0 ? String(view.smoothing) : null);
  set(CHART_VIEW_PARAMS.logY, view.logY ? '1' : null);
  set(CHART_VIEW_PARAMS.zoom, view.zoom ? `${view.zoom[0]}_${view.zoom[1]}` : null);
  set(CHART_VIEW_PARAMS.overlay, view.overlay ? '1' : null);
}
