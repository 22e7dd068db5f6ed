'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatNumber } from '@/components/ui/format';
import { MAX_POINTS_WITH_DOTS } from '@/lib/series/prepare';
import { prepareChartLine, type ChartLineInput } from '@/lib/series/chart-lines';
import type { ChartView } from '@/lib/series/chart-view';
import { seriesCsv } from '@/lib/series/series-stats';
import { axisTicks, xRange } from '@/lib/series/axis-ticks';
import { sampleToWidth } from '@/lib/series/pixel-sample';
import { nearestTickIndex } from '@/lib/series/nearest-tick';
import { ChartActions } from './chart-actions';
import { ChartNotes, pointCounts, type ChartSample } from './chart-notes';
import { LINE_COLOURS } from './line-colours';
import { GRID_STROKE, tooltipLabel, X_TICK_SPACING, xAxisProps, yAxisProps } from './axis-props';

/** Every chart of a page shares one crosshair, at each chart's drawn point nearest to the x pointed at. */
const SYNC_ID = 'runlens-charts';
const syncNearest = (ticks: ReadonlyArray<{ value: unknown }>, data: { activeLabel?: unknown }) => nearestTickIndex(ticks, data.activeLabel);

export interface ChartLine extends ChartLineInput {
  sample?: ChartSample;
}

export interface MetricChartProps {
  /** One metric, or several drawn on one chart. */
  lines: ChartLine[];
  view: ChartView;
  onZoom: (zoom: [number, number] | null) => void;
  /** The plot's width in px when known (the preview's), so the first render draws the chart rather than measure. */
  initialWidth?: number;
}

const PLOT_HEIGHT = 180;
/** The y axis and the right margin: what the plot's width leaves for the lines. */
const PLOT_INSET = 52 + 16;
/** Lines are handed to recharts at two points (a column's min and max) per this many px: its cost follows the width. */
const PX_PER_COLUMN = 2;

/**
 * Metric histories under the page's view (axis, smoothing with the raw line faint, log y, zoom). Gaps
 * (NaN/±Infinity) stay gaps and are named under the chart, as is any sampling; min / max / last follow.
 */
export function MetricChart({ lines, view, onZoom, initialWidth = -1 }: MetricChartProps) {
  const figure = useRef<HTMLElement>(null);
  const [enlarged, setEnlarged] = useState(false);
  const [drag, setDrag] = useState<{ from: number; to: number } | null>(null);
  const [width, setWidth] = useState(initialWidth > 0 ? initialWidth : 600);
  const { axis, logY, smoothing: weight, zoom } = view;
  const prepared = useMemo(() => lines.map((l) => prepareChartLine(l, { axis, logY, smoothing: weight })), [lines, axis, logY, weight]);
  const plotWidth = Math.max(100, width - PLOT_INSET);
  // What recharts draws: each line sampled to the plot's width (the zoomed range only), ticks spaced for it.
  const drawn = useMemo(() => {
    const columns = plotWidth / PX_PER_COLUMN;
    return prepared.map((p) => ({ raw: sampleToWidth(p.raw, columns, zoom), smoothed: sampleToWidth(p.smoothed, columns, zoom) }));
  }, [prepared, plotWidth, zoom]);
  const ticks = useMemo(() => axisTicks(xRange(prepared.map((p) => p.raw), zoom), plotWidth, { integer: axis === 'step', spacingPx: X_TICK_SPACING[axis] }), [prepared, zoom, plotWidth, axis]);
  const name = lines.map((l) => l.key).join(' + ');
  const smoothing = view.smoothing > 0;
  const pointsDrawn = prepared.reduce((n, p) => n + p.raw.length, 0);
  const xAt = (label: unknown) => (typeof label === 'number' ? label : typeof label === 'string' && label !== '' ? Number(label) : NaN);

  // Escape leaves the enlarged view wherever the focus is (the menu that enlarged it has closed).
  useEffect(() => {
    if (!enlarged) return;
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape') setEnlarged(false); };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [enlarged]);

  const endDrag = () => {
    if (drag && drag.from !== drag.to) onZoom([Math.min(drag.from, drag.to), Math.max(drag.from, drag.to)]);
    setDrag(null);
  };

  return (
    <figure ref={figure} data-testid="metric-chart" data-axis={view.axis} data-metric={name} className={enlarged ? 'chart-figure chart-enlarged' : 'chart-figure'}
      role={enlarged ? 'dialog' : undefined} aria-label={enlarged ? `Chart of ${name}, enlarged` : undefined}>
      <figcaption className="chart-caption">
        <strong className="mono">{name}</strong>
        <span className="subtle">{pointCounts(prepared, lines.map((l) => l.sample))}</span>
        {enlarged ? <button type="button" className="button-quiet" data-testid="chart-close" autoFocus onClick={() => setEnlarged(false)}>Close</button> : null}
        <ChartActions name={name} figure={figure} enlarged={enlarged} onEnlarge={setEnlarged}
          csv={() => seriesCsv(view.axis === 'step' ? 'step' : view.axis === 'time' ? 'seconds' : 'epoch_ms', prepared.map((p) => ({ key: p.key, points: p.series.data })))} />
      </figcaption>
      <div className="chart-plot" data-testid="chart-plot">
        <ResponsiveContainer width="100%" height={enlarged ? '100%' : PLOT_HEIGHT} initialDimension={{ width: initialWidth, height: PLOT_HEIGHT }}
          onResize={(next) => { if (Math.abs(next - width) >= 2 * PX_PER_COLUMN) setWidth(next); }}>
          <LineChart margin={{ top: 8, right: 16, bottom: 0, left: 0 }} syncId={SYNC_ID} syncMethod={syncNearest} accessibilityLayer={false}
            onMouseDown={(s) => { const x = xAt(s?.activeLabel); if (Number.isFinite(x)) setDrag({ from: x, to: x }); }}
            onMouseMove={(s) => { const x = xAt(s?.activeLabel); if (drag && Number.isFinite(x)) setDrag({ ...drag, to: x }); }}
            onMouseUp={endDrag} onMouseLeave={() => setDrag(null)}>
            <CartesianGrid strokeDasharray="3 3" stroke={GRID_STROKE} />
            <XAxis {...xAxisProps(view.axis, view.zoom, ticks)} allowDuplicatedCategory={false} />
            <YAxis {...yAxisProps(view.logY)} />
            <Tooltip labelFormatter={tooltipLabel(view.axis)} formatter={(v) => (typeof v === 'number' ? formatNumber(v) : String(v))} />
            {lines.length > 1 ? <Legend wrapperStyle={{ fontSize: 12 }} /> : null}
            {prepared.map((p, i) => {
              const colour = LINE_COLOURS[i % LINE_COLOURS.length];
              return [
                <Line key={`${p.key}-raw`} data={drawn[i]!.raw} type="linear" dataKey="value" name={smoothing ? `${p.key} (raw)` : p.key} stroke={colour}
                  strokeOpacity={smoothing ? 0.25 : 1} strokeWidth={1.5} connectNulls={false} isAnimationActive={false}
                  dot={!smoothing && pointsDrawn <= MAX_POINTS_WITH_DOTS} legendType={smoothing ? 'none' : 'line'} />,
                smoothing ? <Line key={`${p.key}-smooth`} data={drawn[i]!.smoothed} type="linear" dataKey="value" name={p.key} stroke={colour}
                  strokeWidth={2} connectNulls={false} isAnimationActive={false} dot={false} data-testid="smoothed-line" /> : null,
              ];
            })}
            {drag ? <ReferenceArea x1={drag.from} x2={drag.to} strokeOpacity={0.3} fill="#3b82f6" fillOpacity={0.15} /> : null}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <ChartNotes prepared={prepared} samples={lines.map((l) => l.sample)} />
    </figure>
  );
}
