'use client';

import { useSearchParams } from 'next/navigation';
import { parseChartView, writeChartView, type ChartView } from '@/lib/series/chart-view';

/**
 * The page's chart choices, kept in the URL so a view can be shared; changed with history.replaceState, so a
 * choice redraws the charts without fetching the page again. A new x axis resets the zoom (other units).
 */
export function useChartView(): [ChartView, (change: Partial<ChartView>) => void] {
  const params = useSearchParams();
  const view = parseChartView(params);
  const change = (next: Partial<ChartView>) => {
    const url = new URL(window.location.href);
    const merged = { ...parseChartView(url.searchParams), ...next };
    if (next.axis !== undefined && next.axis !== view.axis && next.zoom === undefined) merged.zoom = null;
    writeChartView(url.searchParams, merged);
    window.history.replaceState(null, '', url);
  };
  return [view, change];
}
