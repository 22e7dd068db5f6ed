import { formatElapsed, formatWallTick, type ChartAxis } from '@/lib/series/chart-axis';
import { formatSI } from '@/lib/series/format-si';
import { AxisTick } from './axis-tick';

/** Tick text follows the theme (the chart's wrapper sets `color`), drawn without measuring (axis-tick.tsx). */
const TICK = AxisTick;
/** The least room between x ticks, by the widest label of each axis ('511', '02:14:05', '16 min 20 s'). */
export const X_TICK_SPACING: Record<ChartAxis, number> = { step: 60, wall: 80, time: 95 };
/** Grid lines visible on light and dark panels alike. */
export const GRID_STROKE = '#8884';

export function formatX(axis: ChartAxis): (v: number) => string {
  if (axis === 'time') return (v) => formatElapsed(v);
  if (axis === 'wall') return formatWallTick;
  return formatSI;
}

/**
 * The XAxis settings every chart shares: prepared data carries its position as `x`; `zoom` narrows the domain.
 * Given `ticks` (axis-ticks.ts, spaced for the plot), all are drawn: recharts would measure each label to drop
 * the ones that overlap.
 */
export function xAxisProps(axis: ChartAxis, zoom: [number, number] | null = null, ticks?: number[]) {
  return {
    ...(ticks ? { ticks, interval: 0 as const } : {}),
    dataKey: 'x',
    type: 'number' as const,
    domain: (zoom ?? ['dataMin', 'dataMax']) as [number, number] | [string, string],
    allowDataOverflow: zoom !== null,
    allowDecimals: axis !== 'step',
    tick: TICK,
    tickFormatter: formatX(axis),
  };
}

export function yAxisProps(logY: boolean) {
  return {
    scale: logY ? ('log' as const) : ('auto' as const),
    // A linear axis has five evenly spaced ticks, 150 px high: all fit, none measured. Log ticks crowd: thinned.
    ...(logY ? {} : { interval: 0 as const }),
    domain: ['auto', 'auto'] as [string, string],
    allowDataOverflow: logY,
    tick: TICK,
    width: 52,
    tickFormatter: formatSI,
  };
}

export function tooltipLabel(axis: ChartAxis): (label: unknown) => string {
  return (label) => {
    if (typeof label !== 'number') return String(label);
    if (axis === 'time') return `${formatElapsed(label)} after the first point`;
    if (axis === 'wall') return new Date(label).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, ' UTC');
    return `step ${label}`;
  };
}
