'use client';

import { Suspense, useMemo } from 'react';
import { useSearchParams } from 'next/navigation';
import { CombinedHistoryCard, MetricHistoryCard } from '@/components/charts/metric-history-card';
import { MetricPicker } from '@/components/charts/metric-picker';
import { ChartToolbar } from './chart-toolbar';
import { useChartView } from './use-chart-view';
import type { MetricHistoryResponse } from '@/lib/queries/metric-history';
import { unpackHistory, type PackedHistory } from '@/lib/queries/packed-history';
import { CHARTS_PARAM, chartedKeys, chartsParam } from '@/lib/queries/metric-history-selection';

interface MetricChartsProps {
  runId: string;
  /** Every metric logged over steps (chartable). */
  historyKeys: string[];
  /** Histories the server fetched with the page, by metric key (packed: a smaller page). */
  initial: Record<string, PackedHistory>;
  live: boolean;
}

/**
 * The charted histories, the picker and the chart controls. The selection and every control live in the URL
 * (`?charts=`, `?x=`, `?smooth=`, …), changed with history.replaceState so a choice never fetches the page again.
 */
export function MetricCharts({ runId, historyKeys, initial: packed, live }: MetricChartsProps) {
  const initial = useMemo(() => Object.fromEntries(Object.entries(packed).map(([key, h]) => [key, unpackHistory(h)])) as Record<string, MetricHistoryResponse>, [packed]);
  const params = useSearchParams();
  const selected = chartedKeys(historyKeys, params.get(CHARTS_PARAM));
  const [view, change] = useChartView();
  const onZoom = (zoom: [number, number] | null) => change({ zoom });

  function select(next: string[]) {
    const url = new URL(window.location.href);
    url.searchParams.set(CHARTS_PARAM, chartsParam(next));
    window.history.replaceState(null, '', url);
  }

  return (
    <>
      {selected.length > 0 ? <ChartToolbar view={view} onChange={change} canOverlay={selected.length > 1} /> : null}
      {view.overlay && selected.length > 1 ? (
        <CombinedHistoryCard runId={runId} metricKeys={selected} initial={initial} live={live} view={view} onZoom={onZoom} />
      ) : (
        <div className="charts">
          {/* A boundary per chart: React hydrates them one at a time and lets the browser in between. */}
          {selected.map((key) => (
            <Suspense key={key} fallback={null}>
              <MetricHistoryCard runId={runId} metricKey={key} initial={initial[key]} live={live} view={view} onZoom={onZoom} />
            </Suspense>
          ))}
        </div>
      )}
      {historyKeys.length > selected.length || params.has(CHARTS_PARAM) ? <MetricPicker historyKeys={historyKeys} selected={selected} onChange={select} /> : null}
    </>
  );
}
