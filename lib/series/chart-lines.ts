import type { ChartView } from './chart-view';
import { prepareSeries } from './prepare';
import { seriesStats } from './series-stats';
import { smoothTimeWeighted } from './smooth';
import type { PreparedSeries, WireMetricPoint } from './types';

export interface ChartLineInput {
  key: string;
  points: WireMetricPoint[];
}

export interface PreparedChartLine {
  key: string;
  series: PreparedSeries;
  /** What is drawn raw: on a log scale, values ≤ 0 become gaps (a log axis has no place for them). */
  raw: Array<{ x: number; value: number | null }>;
  /** The time-weighted EMA of `raw`; equal to it when smoothing is off. */
  smoothed: Array<{ x: number; value: number | null }>;
  /** Points left out by the log scale, said under the chart. */
  notPositive: number;
  stats: { min: number; max: number; last: number } | null;
}

/** Everything a chart draws for one metric under the page's view; pure, so the component only renders. */
export function prepareChartLine(line: ChartLineInput, view: Pick<ChartView, 'axis' | 'logY' | 'smoothing'>): PreparedChartLine {
  const series = prepareSeries(line.points, view.axis);
  let notPositive = 0;
  const raw = view.logY
    ? series.data.map((d) => {
      if (d.value === null || d.value > 0) return d;
      notPositive += 1;
      return { x: d.x, value: null };
    })
    : series.data;
  const smooth = smoothTimeWeighted(raw, view.smoothing);
  return {
    key: line.key,
    series,
    raw,
    smoothed: raw.map((d, i) => ({ x: d.x, value: smooth[i] ?? null })),
    notPositive,
    stats: seriesStats(series.data.map((d) => d.value)),
  };
}
