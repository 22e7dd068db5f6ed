'use client';

import { useMemo } from 'react';
import { useQueries, useQuery } from '@tanstack/react-query';
import type { ChartLine } from '@/components/charts/metric-chart';
import { LazyMetricChart } from '@/components/charts/lazy-metric-chart';
import { LIVE_REFRESH_MS } from '@/lib/queries/live-refresh';
import { metricHistoryQuery, type MetricHistoryResponse } from '@/lib/queries/metric-history';
import type { ChartView } from '@/lib/series/chart-view';

interface CardProps {
  runId: string;
  view: ChartView;
  onZoom: (zoom: [number, number] | null) => void;
  /** A running run's history is asked again every LIVE_REFRESH_MS; a finished one never. */
  live?: boolean;
}

const lineOf = (data: MetricHistoryResponse): ChartLine => ({ key: data.key, points: data.points, sample: data });

function Loading({ what }: { what: string }) {
  return (
    <div data-testid="loading">
      <p className="subtle">Loading the history of {what}…</p>
      <div className="skeleton" style={{ height: 150 }} />
    </div>
  );
}

function combineHistories(results: Array<{ data?: MetricHistoryResponse; isPending: boolean; error: Error | null }>) {
  return {
    lines: results.flatMap((r) => (r.data ? [lineOf(r.data)] : [])),
    pending: results.every((r) => r.isPending),
    errors: results.map((r) => r.error),
  };
}

/** One metric's history, fetched on its own so a failing metric never blanks the others. */
export function MetricHistoryCard({ runId, metricKey, initial, live = false, view, onZoom }: CardProps & { metricKey: string; initial?: MetricHistoryResponse }) {
  const query = useQuery({ ...metricHistoryQuery(runId, metricKey), initialData: initial, refetchInterval: live ? LIVE_REFRESH_MS : false });
  const lines = useMemo(() => (query.data ? [lineOf(query.data)] : []), [query.data]);
  return (
    <div className="chart-card" data-testid="metric-card" data-metric={metricKey}>
      {query.isPending ? <Loading what={metricKey} /> : null}
      {query.isError ? <div className="notice notice-error" role="alert">Could not load the history of {metricKey}: {query.error.message}</div> : null}
      {query.isSuccess ? <LazyMetricChart lines={lines} view={view} onZoom={onZoom} /> : null}
    </div>
  );
}

/** Several metrics on one chart; a metric that fails to load is named, the others still draw. */
export function CombinedHistoryCard({ runId, metricKeys, initial, live = false, view, onZoom }: CardProps & { metricKeys: string[]; initial: Record<string, MetricHistoryResponse> }) {
  // combine runs only when some history changed, so the chart does not prepare its lines again for nothing.
  const { lines, pending, errors } = useQueries({
    queries: metricKeys.map((key) => ({ ...metricHistoryQuery(runId, key), initialData: initial[key], refetchInterval: live ? LIVE_REFRESH_MS : (false as const) })),
    combine: combineHistories,
  });
  return (
    <div className="chart-card" data-testid="metric-card" data-metric={metricKeys.join(',')}>
      {pending ? <Loading what={metricKeys.join(', ')} /> : null}
      {errors.map((e, i) => (e ? <div key={metricKeys[i]} className="notice notice-error" role="alert">Could not load the history of {metricKeys[i]}: {e.message}</div> : null))}
      {lines.length > 0 ? <LazyMetricChart lines={lines} view={view} onZoom={onZoom} /> : null}
    </div>
  );
}
