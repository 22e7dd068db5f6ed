'use client';

import { useMemo, type CSSProperties } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { describeSample } from '@/lib/series/downsample';
import { MAX_POINTS_WITH_DOTS, countPoints, describeGaps, prepareSeries } from '@/lib/series/prepare';
import type { ChartAxis } from '@/lib/series/chart-axis';
import type { SeriesGaps, WireMetricPoint } from '@/lib/series/types';
import { tooltipLabel, xAxisProps } from './axis-props';

const figure: CSSProperties = { margin: 0, display: 'flex', flexDirection: 'column', gap: 4 };
const caption: CSSProperties = { display: 'flex', justifyContent: 'space-between', gap: 8, fontSize: 13 };
const muted: CSSProperties = { color: '#6b7280', fontSize: 12 };

interface MetricChartProps {
  metricKey: string;
  points: WireMetricPoint[];
  /** When the server sent a sample: the raw point count and raw gap counts, so the notes describe the whole run. */
  sample?: { total: number; sampled: boolean; gaps: SeriesGaps };
  axis?: ChartAxis;
}

/** One metric's history; gaps (NaN/±Infinity) stay gaps and are named under the chart, as is any sampling. */
export function MetricChart({ metricKey, points, sample, axis = 'step' }: MetricChartProps) {
  const series = useMemo(() => prepareSeries(points, axis), [points, axis]);
  const total = sample?.total ?? series.total;
  const gapNote = describeGaps(sample?.gaps ?? series.gaps);
  const sampleNote = describeSample(series.data.length, total, sample?.sampled ?? false);

  return (
    <figure data-testid="metric-chart" data-axis={axis} style={figure}>
      <figcaption style={caption}>
        <strong>{metricKey}</strong>
        <span style={muted}>{countPoints(total)}</span>
      </figcaption>
      <ResponsiveContainer width="100%" height={180}>
        <LineChart data={series.data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
          <XAxis {...xAxisProps(axis)} />
          <YAxis domain={['auto', 'auto']} fontSize={11} width={56} />
          <Tooltip labelFormatter={tooltipLabel(axis)} />
          <Line
            type="linear"
            dataKey="value"
            name={metricKey}
            stroke="#2563eb"
            strokeWidth={1.5}
            connectNulls={false}
            dot={series.data.length <= MAX_POINTS_WITH_DOTS}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
      {sampleNote !== null && <p style={muted} data-testid="sample-note">{sampleNote}</p>}
      {gapNote !== null && <p style={muted}>{gapNote}</p>}
    </figure>
  );
}
