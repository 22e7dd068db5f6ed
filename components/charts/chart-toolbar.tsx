'use client';

import type { ChartView } from '@/lib/series/chart-view';
import { AxisChoice } from './axis-choice';

/** The page-wide chart controls: x axis, smoothing, log scale, one chart for all, and a way out of a zoom. */
export function ChartToolbar({ view, onChange, canOverlay }: { view: ChartView; onChange: (change: Partial<ChartView>) => void; canOverlay: boolean }) {
  return (
    <div className="chart-toolbar" data-testid="chart-toolbar">
      <AxisChoice axis={view.axis} onChange={(axis) => onChange({ axis })} />
      <label className="subtle">
        Smoothing{' '}
        <input type="range" min={0} max={0.99} step={0.01} value={view.smoothing} data-testid="chart-smoothing"
          aria-valuetext={view.smoothing === 0 ? 'off' : String(view.smoothing)}
          onChange={(e) => onChange({ smoothing: Number(e.currentTarget.value) })} />
        <output className="mono" style={{ display: 'inline-block', minWidth: '2.5em' }}>{view.smoothing === 0 ? 'off' : view.smoothing.toFixed(2)}</output>
      </label>
      <label className="subtle"><input type="checkbox" checked={view.logY} data-testid="chart-log-y" onChange={(e) => onChange({ logY: e.currentTarget.checked })} /> Log y</label>
      {canOverlay ? <label className="subtle"><input type="checkbox" checked={view.overlay} data-testid="chart-overlay" onChange={(e) => onChange({ overlay: e.currentTarget.checked })} /> All on one chart</label> : null}
      {view.zoom ? <button type="button" className="button-quiet" data-testid="chart-reset-zoom" onClick={() => onChange({ zoom: null })}>Reset zoom</button> : <span className="subtle">Drag across a chart to zoom</span>}
    </div>
  );
}
