'use client';

import { useQuery } from '@tanstack/react-query';
import { MetricChart } from '@/components/charts/metric-chart';
import { metricHistoryQuery } from '@/lib/queries/metric-history';

/** One metric's history, fetched on its own so a failing metric never blanks the others. */
export function MetricHistoryCard({ runId, metricKey }: { runId: string; metricKey: string }) {
  const query = useQuery(metricHistoryQuery(runId, metricKey));
  return (
    <div className="chart-card">
      {query.isPending ? (
        <div data-testid="loading">
          <p className="subtle">Loading the history of {metricKey}…</p>
          <div className="skeleton" style={{ height: 150 }} />
        </div>
      ) : null}
      {query.isError ? <div className="notice notice-error" role="alert">Could not load the history of {metricKey}: {query.error.message}</div> : null}
      {query.isSuccess ? <MetricChart metricKey={metricKey} points={query.data.points} sample={query.data} /> : null}
    </div>
  );
}
