'use client';

import { startTransition, useCallback, useEffect, useState, type ComponentType } from 'react';
import type { MetricChartProps } from './metric-chart';
import { MetricChartPreview } from './metric-chart-preview';

// recharts (≈130 KB gzipped) is a chunk of its own, loaded once for every chart of the page.
let interactive: Promise<ComponentType<MetricChartProps>> | null = null;
const loadInteractive = () => (interactive ??= import('./metric-chart').then((m) => m.MetricChart));

/**
 * The page draws each chart at once as a preview (metric-chart-preview) and swaps in the interactive recharts
 * chart when the browser is idle, or as soon as the reader points at or focuses the preview. The swap renders
 * in a transition, so hydration and input never wait behind it.
 */
export function LazyMetricChart(props: MetricChartProps) {
  const [Chart, setChart] = useState<ComponentType<MetricChartProps> | null>(null);
  const load = useCallback(() => {
    void loadInteractive().then((component) => startTransition(() => setChart(() => component)));
  }, []);
  useEffect(() => {
    if (typeof window.requestIdleCallback !== 'function') {
      const timer = setTimeout(load, 200);
      return () => clearTimeout(timer);
    }
    const idle = window.requestIdleCallback(load, { timeout: 3000 });
    return () => window.cancelIdleCallback(idle);
  }, [load]);
  return Chart ? <Chart {...props} /> : <MetricChartPreview lines={props.lines} view={props.view} onActivate={load} />;
}
