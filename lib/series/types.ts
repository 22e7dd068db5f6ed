import type { WireMetricValue } from '@/lib/model/metric-value';

export type { WireMetricValue };

export interface WireMetricPoint {
  step: number;
  /** Epoch milliseconds. */
  timestamp: number;
  value: WireMetricValue;
}

export interface SeriesGaps {
  nan: number;
  posInf: number;
  negInf: number;
}

export interface PreparedSeries {
  /**
   * Sorted by x: the step, or seconds since the series' first point (ChartAxis); a non-finite value is
   * null (a gap), never 0.
   */
  data: Array<{ x: number; value: number | null }>;
  gaps: SeriesGaps;
  /** Every point, gaps included. */
  total: number;
  /** Over finite values only; null when there are none. */
  min: number | null;
  max: number | null;
}
