'use client';

import { useSearchParams } from 'next/navigation';
import { AXIS_PARAM, parseChartAxis, type ChartAxis } from '@/lib/series/chart-axis';

/**
 * The charts' axis, kept in the URL (`?x=time`) so a view can be shared; changed with
 * history.replaceState, so switching redraws the charts without fetching the page again.
 */
export function useChartAxis(): [ChartAxis, (next: ChartAxis) => void] {
  const params = useSearchParams();
  const choose = (next: ChartAxis) => {
    const url = new URL(window.location.href);
    if (next === 'step') url.searchParams.delete(AXIS_PARAM);
    else url.searchParams.set(AXIS_PARAM, next);
    window.history.replaceState(null, '', url);
  };
  return [parseChartAxis(params.get(AXIS_PARAM)), choose];
}
