'use client';

import { useQueries } from '@tanstack/react-query';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { metricHistoryQuery, type MetricHistoryResponse } from '@/lib/queries/metric-history';
import type { ChartAxis } from '@/lib/series/chart-axis';
import { describeGaps, prepareSeries } from '@/lib/series/prepare';
import { GRID_STROKE, tooltipLabel, xAxisProps, yAxisProps } from './axis-props';

/** Distinct enough for six runs, the most the compare page shows. */
const COLORS = ['#2563eb', '#dc2626', '#059669', '#d97706', '#7c3aed', '#0891b2'];

export interface OverlaidRun {
  id: string;
  /** Legend name, e.g. "A" or "B · deduplication". */
  name: string;
  /** Position among the runs compared, so a run keeps its colour in every chart. */
  position: number;
}

/** What a run's shown points were taken from: all it logged, the first points read, or the source's own sample. */
function sampleOf(history: MetricHistoryResponse): string {
  if (history.readLimit) return `the first ${history.readLimit} (the history has more)`;
  if (history.sampledFrom) return `a ${history.total}-point sample of ${history.sampledFrom} logged`;
  return String(history.total);
}

/**
 * One metric's histories of several runs on one axis (steps, or time since each run's first point). Each run's history is fetched (downsampled
 * by the server) on its own; a run that fails to load is named, the others still draw.
 */
export function OverlaidMetricChart({ metricKey, runs, axis = 'step' }: { metricKey: string; runs: OverlaidRun[]; axis?: ChartAxis }) {
  const queries = useQueries({ queries: runs.map((r) => metricHistoryQuery(r.id, metricKey)) });
  const series = queries.map((q) => (q.data ? prepareSeries(q.data.points, axis) : null));
  const sampled = queries.flatMap((q, i) => (q.data?.sampled ? [`${runs[i]?.name}: ${q.data.points.length} of ${sampleOf(q.data)} points`] : []));
  const gaps = series.flatMap((s, i) => {
    const text = s ? describeGaps(s.gaps) : null;
    return text ? [`${runs[i]?.name}: ${text}`] : [];
  });
  const pending = queries.some((q) => q.isPending);
  return (
    <figure className="chart-card" data-testid="overlaid-chart" data-metric={metricKey} data-axis={axis} style={{ margin: 0 }}>
      <figcaption><strong className="mono">{metricKey}</strong> <span className="subtle">{runs.length} runs</span></figcaption>
      {pending ? <div className="skeleton" style={{ height: 180 }} data-testid="loading" /> : (
        <div className="chart-plot"><ResponsiveContainer width="100%" height={200}>
          <LineChart margin={{ top: 8, right: 16, bottom: 0, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" stroke={GRID_STROKE} />
            <XAxis {...xAxisProps(axis)} allowDuplicatedCategory={false} />
            <YAxis {...yAxisProps(false)} />
            <Tooltip labelFormatter={tooltipLabel(axis)} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {runs.map((r, i) => {
              const data = series[i]?.data;
              return data ? (
                <Line key={r.id} data={data} type="linear" dataKey="value" name={r.name} stroke={COLORS[r.position % COLORS.length]}
                  strokeWidth={1.5} connectNulls={false} dot={false} isAnimationActive={false} />
              ) : null;
            })}
          </LineChart>
        </ResponsiveContainer></div>
      )}
      {queries.map((q, i) => (q.isError ? <p key={runs[i]?.id} className="notice notice-error" role="alert">Could not load {runs[i]?.name}: {q.error.message}</p> : null))}
      {sampled.length > 0 ? <p className="subtle" data-testid="sample-note">Downsampled, every spike kept — {sampled.join('; ')}.</p> : null}
      {gaps.map((g) => <p key={g} className="subtle">{g}</p>)}
    </figure>
  );
}
