import { formatElapsed, formatWallTick, type ChartAxis } from '@/lib/series/chart-axis';
import { formatSI } from '@/lib/series/format-si';

/** Tick text follows the theme: the chart's wrapper sets `color`. */
export const TICK = { fill: 'currentColor', fontSize: 11 };
/** Grid lines visible on light and dark panels alike. */
export const GRID_STROKE = '#8884';

export function formatX(axis: ChartAxis): (v: number) => string {
  if (axis === 'time') return (v) => formatElapsed(v);
  if (axis === 'wall') return formatWallTick;
  return formatSI;
}

/** The XAxis settings every chart shares: prepared data carries its position as `x`; `zoom` narrows the domain. */
export function xAxisProps(axis: ChartAxis, zoom: [number, number] | null = null) {
  return {
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
