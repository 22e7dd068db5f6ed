'use client';

import { useQuery } from '@tanstack/react-query';
import { MetricChart } from '@/components/charts/metric-chart';
import { LIVE_REFRESH_MS } from '@/lib/queries/live-refresh';
import { metricHistoryQuery, type MetricHistoryResponse } from '@/lib/queries/metric-history';
import type { ChartAxis } from '@/lib/series/chart-axis';

interface MetricHistoryCardProps {
  runId: string;
  metricKey: string;
  /** The history the server fetched with the page; without it the card asks /api/metric-history. */
  initial?: MetricHistoryResponse;
  /** A running run's history is asked again every LIVE_REFRESH_MS; a finished one never. */
  live?: boolean;
  axis?: ChartAxis;
}

/** One metric's history, fetched on its own so a failing metric never blanks the others. */
export function MetricHistoryCard({ runId, metricKey, initial, live = false, axis = 'step' }: MetricHistoryCardProps) {
  const query = useQuery({ ...metricHistoryQuery(runId, metricKey), initialData: initial, refetchInterval: live ? LIVE_REFRESH_MS : false });
  return (
    <div className="chart-card" data-testid="metric-card" data-metric={metricKey}>
      {query.isPending ? (
        <div data-testid="loading">
          <p className="subtle">Loading the history of {metricKey}…</p>
          <div className="skeleton" style={{ height: 150 }} />
        </div>
      ) : null}
      {query.isError ? <div className="notice notice-error" role="alert">Could not load the history of {metricKey}: {query.error.message}</div> : null}
      {query.isSuccess ? <MetricChart metricKey={metricKey} points={query.data.points} sample={query.data} axis={axis} /> : null}
    </div>
  );
}
