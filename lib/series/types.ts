/**
 * JSON has no NaN or ±Infinity, so the API sends them as strings; every other value is a number.
 */
export type WireMetricValue = number | 'NaN' | 'Infinity' | '-Infinity';

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
