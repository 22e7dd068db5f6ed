import { useMemo, type Ref } from 'react';
import { prepareChartLine } from '@/lib/series/chart-lines';
import { formatSI } from '@/lib/series/format-si';
import { previewPaths } from '@/lib/series/preview-paths';
import { ChartNotes, pointCounts } from './chart-notes';
import { LINE_COLOURS } from './line-colours';
import type { MetricChartProps } from './metric-chart';

// The interactive chart's plot: 180 px high, a 52 px y axis, margins 8 / 16 (metric-chart.tsx).
const WIDTH = 600;
const HEIGHT = 180;
const PLOT_HEIGHT = 150;

/**
 * The chart as a plain SVG, drawn with the page (server-rendered, no charting library): the same lines, caption
 * and notes in the same box, so the interactive chart replaces it without a shift once recharts has loaded.
 */
export function MetricChartPreview({ lines, view, onActivate, plotRef }: Pick<MetricChartProps, 'lines' | 'view'> & { onActivate: () => void; plotRef?: Ref<HTMLDivElement> }) {
  const { axis, logY, smoothing: weight, zoom } = view;
  const prepared = useMemo(() => lines.map((l) => prepareChartLine(l, { axis, logY, smoothing: weight })), [lines, axis, logY, weight]);
  const smoothing = weight > 0;
  const drawn = prepared.flatMap((p, i) => {
    const colour = LINE_COLOURS[i % LINE_COLOURS.length]!;
    return smoothing ? [{ points: p.raw, colour, opacity: 0.25 }, { points: p.smoothed, colour, opacity: 1 }] : [{ points: p.raw, colour, opacity: 1 }];
  });
  const { paths, yRange } = previewPaths(drawn.map((d) => d.points), { width: WIDTH, height: PLOT_HEIGHT, logY, zoom });
  const name = lines.map((l) => l.key).join(' + ');
  return (
    <figure className="chart-figure" data-testid="metric-chart-preview" data-metric={name} onPointerEnter={onActivate} onFocus={onActivate}>
      <figcaption className="chart-caption">
        <strong className="mono">{name}</strong>
        <span className="subtle">{pointCounts(prepared, lines.map((l) => l.sample))}</span>
      </figcaption>
      <div ref={plotRef} className="chart-plot chart-preview" style={{ height: HEIGHT }}>
        <div className="chart-preview-y mono" aria-hidden="true">
          <span>{yRange ? formatSI(yRange[1]) : ''}</span>
          <span>{yRange ? formatSI(yRange[0]) : ''}</span>
        </div>
        <svg viewBox={`0 0 ${WIDTH} ${PLOT_HEIGHT}`} preserveAspectRatio="none" role="img" aria-label={`Chart of ${name} (loading its controls)`}>
          {paths.map((d, i) => (d === '' ? null : (
            <path key={i} className="chart-preview-line" d={d} fill="none" stroke={drawn[i]!.colour} strokeOpacity={drawn[i]!.opacity} strokeWidth={1.5} vectorEffect="non-scaling-stroke" />
          )))}
        </svg>
      </div>
      <ChartNotes prepared={prepared} samples={lines.map((l) => l.sample)} />
    </figure>
  );
}
