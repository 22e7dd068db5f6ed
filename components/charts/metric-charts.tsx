'use client';

import { useSearchParams } from 'next/navigation';
import { MetricHistoryCard } from '@/components/charts/metric-history-card';
import { MetricPicker } from '@/components/charts/metric-picker';
import { AxisChoice } from './axis-choice';
import { useChartAxis } from './use-chart-axis';
import type { MetricHistoryResponse } from '@/lib/queries/metric-history';
import { CHARTS_PARAM, chartedKeys, chartsParam } from '@/lib/queries/metric-history-selection';

interface MetricChartsProps {
  runId: string;
  /** Every metric logged over steps (chartable). */
  historyKeys: string[];
  /** Histories the server fetched with the page, by metric key. */
  initial: Record<string, MetricHistoryResponse>;
  live: boolean;
}

/**
 * The charted histories and the picker. The selection lives in the URL (`?charts=`), changed with
 * history.replaceState so picking a metric fetches only that history, not the whole page again.
 */
export function MetricCharts({ runId, historyKeys, initial, live }: MetricChartsProps) {
  const params = useSearchParams();
  const selected = chartedKeys(historyKeys, params.get(CHARTS_PARAM));
  const [axis, setAxis] = useChartAxis();

  function select(next: string[]) {
    const url = new URL(window.location.href);
    url.searchParams.set(CHARTS_PARAM, chartsParam(next));
    window.history.replaceState(null, '', url);
  }

  return (
    <>
      {historyKeys.length > selected.length || params.has(CHARTS_PARAM) ? <MetricPicker historyKeys={historyKeys} selected={selected} onChange={select} /> : null}
      {selected.length > 0 ? <div style={{ marginTop: 8 }}><AxisChoice axis={axis} onChange={setAxis} /></div> : null}
      <div className="charts" style={{ marginTop: 12 }}>
        {selected.map((key) => <MetricHistoryCard key={key} runId={runId} metricKey={key} initial={initial[key]} live={live} axis={axis} />)}
      </div>
    </>
  );
}
