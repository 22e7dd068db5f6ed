'use client';

import { startTransition, useCallback, useEffect, useRef, useState, type ComponentType } from 'react';
import { useNearViewport } from '@/components/ui/use-near-viewport';
import type { MetricChartProps } from './metric-chart';
import { MetricChartPreview } from './metric-chart-preview';

type Chart = ComponentType<MetricChartProps>;

const whenIdle = (run: () => void) => (typeof window.requestIdleCallback === 'function' ? window.requestIdleCallback(run, { timeout: 1000 }) : setTimeout(run, 50));
const idle = () => new Promise<void>((resolve) => whenIdle(() => resolve()));
const cancelIdle = (handle: ReturnType<typeof whenIdle>) => {
  if (typeof window.cancelIdleCallback === 'function') window.cancelIdleCallback(handle as number);
  else clearTimeout(handle as ReturnType<typeof setTimeout>);
};

// recharts (≈130 KB gzipped, ≈400 KB of script) loads once for every chart of the page. Its modules are evaluated
// a part per idle period before the chart's own: evaluating them all at once was one main-thread task of 100–300 ms.
// Each part is a module the chart needs anyway; the split costs ≈ 55 KB more transferred (more, smaller chunks).
const RECHARTS_PARTS = [
  () => import('recharts/es6/state/store'),
  () => import('recharts/es6/cartesian/XAxis'),
  () => import('recharts/es6/cartesian/Line'),
  () => import('recharts/es6/component/Tooltip'),
];
let interactive: Promise<Chart> | null = null;
async function loadParts(): Promise<Chart> {
  for (const part of RECHARTS_PARTS) {
    await part();
    await idle();
  }
  return (await import('./metric-chart')).MetricChart;
}
const loadInteractive = () => (interactive ??= loadParts());

// Charts waiting for their swap: one per idle period, so each recharts render is a main-thread task of its own.
const waiting: Array<() => void> = [];
let draining = false;
function drain() {
  const next = waiting.shift();
  if (!next) {
    draining = false;
    return;
  }
  next();
  whenIdle(drain);
}
function queueSwap(swap: () => void) {
  waiting.push(swap);
  if (!draining) {
    draining = true;
    whenIdle(drain);
  }
}

/**
 * The page draws each chart at once as a preview (metric-chart-preview). recharts loads once the browser is
 * idle; a chart swaps in its interactive version when it comes near the window, one chart per idle period, or
 * at once when the reader points at or focuses the preview. A chart never scrolled to costs no recharts render.
 */
export function LazyMetricChart(props: MetricChartProps) {
  const [swapped, setSwapped] = useState<{ Chart: Chart; width: number } | null>(null);
  const plot = useRef<HTMLDivElement>(null);
  const swap = useCallback((now: boolean) => {
    void loadInteractive().then((component) => {
      // The preview's plot width goes with the swap, so recharts draws in full inside the transition (where
      // React yields) rather than in a blocking re-render once it has measured its box itself.
      const set = () => {
        const width = Math.round(plot.current?.getBoundingClientRect().width ?? -1);
        startTransition(() => setSwapped({ Chart: component, width }));
      };
      if (now) set();
      else queueSwap(set);
    });
  }, []);
  const near = useNearViewport(plot);
  useEffect(() => {
    const idle = whenIdle(() => void loadInteractive());
    return () => cancelIdle(idle);
  }, []);
  useEffect(() => {
    if (!near) return;
    let cancelled = false;
    const idle = whenIdle(() => { if (!cancelled) swap(false); });
    return () => {
      cancelled = true;
      cancelIdle(idle);
    };
  }, [near, swap]);
  const activate = useCallback(() => swap(true), [swap]);
  return swapped ? <swapped.Chart {...props} initialWidth={swapped.width} /> : <MetricChartPreview lines={props.lines} view={props.view} onActivate={activate} plotRef={plot} />;
}
