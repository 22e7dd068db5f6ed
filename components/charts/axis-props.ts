import { formatElapsed, type ChartAxis } from '@/lib/series/chart-axis';

/** The XAxis and Tooltip settings both chart kinds share: prepared data carries its position as `x`. */
export function xAxisProps(axis: ChartAxis) {
  return {
    dataKey: 'x',
    type: 'number' as const,
    domain: ['dataMin', 'dataMax'] as [string, string],
    allowDecimals: axis === 'time',
    fontSize: 11,
    ...(axis === 'time' ? { tickFormatter: (v: number) => formatElapsed(v) } : {}),
  };
}

export function tooltipLabel(axis: ChartAxis): (label: unknown) => string {
  return (label) => (typeof label !== 'number' ? String(label) : axis === 'time' ? `${formatElapsed(label)} after the first point` : `step ${label}`);
}
