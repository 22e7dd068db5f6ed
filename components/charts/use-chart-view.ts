'use client';

import { useState } from 'react';
import { useSearchParams } from 'next/navigation';
import { parseChartView, writeChartView, type ChartView } from '@/lib/series/chart-view';

/**
 * The page's chart choices, kept in the URL so a view can be shared; changed with history.replaceState, so a
 * choice redraws the charts without fetching the page again. A new x axis resets the zoom (other units).
 */
export function useChartView(): [ChartView, (change: Partial<ChartView>) => void] {
  const params = useSearchParams();
  // Read from the URL once; afterwards the state leads and the URL follows, so a checkbox flips at once.
  const [view, setView] = useState(() => parseChartView(params));
  const change = (next: Partial<ChartView>) => {
    const merged = { ...view, ...next };
    if (next.axis !== undefined && next.axis !== view.axis && next.zoom === undefined) merged.zoom = null;
    setView(merged);
    const url = new URL(window.location.href);
    writeChartView(url.searchParams, merged);
    window.history.replaceState(null, '', url);
  };
  return [view, change];
}
