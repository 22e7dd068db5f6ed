'use client';

import { useRef, useState, type RefObject } from 'react';
import { chartFileName, saveBlob, svgToPng } from './chart-download';

interface ChartActionsProps {
  name: string;
  csv: () => string;
  figure: RefObject<HTMLElement | null>;
  enlarged: boolean;
  onEnlarge: (next: boolean) => void;
}

/** Enlarge, CSV and PNG behind one disclosure, so each chart costs a keyboard user one tab stop. */
export function ChartActions({ name, csv, figure, enlarged, onEnlarge }: ChartActionsProps) {
  const menu = useRef<HTMLDetailsElement>(null);
  const [error, setError] = useState<string | null>(null);
  const close = () => menu.current?.removeAttribute('open');
  const png = async () => {
    const svg = figure.current?.querySelector<SVGSVGElement>('svg.recharts-surface');
    if (!svg) return setError('The chart is not drawn yet.');
    try {
      saveBlob(await svgToPng(svg), chartFileName(name, 'png'));
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <>
    <details className="chart-actions" ref={menu} data-testid="chart-actions">
      <summary aria-label={`Actions for the chart of ${name}`}>⋯</summary>
      <div className="chart-actions-menu">
        <button type="button" className="button-quiet" data-testid="chart-enlarge" onClick={() => { close(); onEnlarge(!enlarged); }}>{enlarged ? 'Shrink' : 'Enlarge'}</button>
        <button type="button" className="button-quiet" data-testid="chart-csv" onClick={() => { close(); saveBlob(new Blob([csv()], { type: 'text/csv' }), chartFileName(name, 'csv')); }}>Download CSV</button>
        <button type="button" className="button-quiet" data-testid="chart-png" onClick={() => { close(); void png(); }}>Download PNG</button>
      </div>
    </details>
    {error ? <p className="notice notice-error" role="alert">{error}</p> : null}
    </>
  );
}
