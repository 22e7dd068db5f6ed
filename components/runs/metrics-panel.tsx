import { Suspense } from 'react';
import { MetricCharts } from '@/components/charts/metric-charts';
import { formatNumber } from '@/components/ui/format';
import type { ChartedHistory } from '@/lib/catalog/metric-history';
import { packHistory, type PackedHistory } from '@/lib/queries/packed-history';

export interface MetricView {
  key: string;
  value: number;
  step: number;
}

interface ChartsPanelProps {
  runId: string;
  historyKeys: string[];
  /** The charted histories, fetched by the page in parallel with its other upstream calls. */
  charted: Promise<ChartedHistory[]>;
  /** The run is running: charts refresh. */
  live: boolean;
}

async function LoadedCharts({ runId, historyKeys, charted, live }: ChartsPanelProps) {
  const initial: Record<string, PackedHistory> = {};
  // A metric the server could not read is left out here: its card asks /api/metric-history and shows the error.
  for (const c of await charted) if ('history' in c) initial[c.key] = packHistory(c.history);
  return <MetricCharts runId={runId} historyKeys={historyKeys} initial={initial} live={live} />;
}

/** Latest value of every metric, compact enough to sit beside the charts. */
export function MetricsTable({ metrics, historyKeys }: { metrics: MetricView[]; historyKeys: string[] }) {
  const singleValues = metrics.length - historyKeys.length;
  return (
    <section className="panel" data-testid="metrics" id="metrics">
      <h2>Metrics</h2>
      {metrics.length === 0 ? <p className="subtle">No metrics: this run has no linked experiment run, or it logged none.</p> : (
        <>
          <table className="compact-table">
            <thead><tr><th>Metric</th><th>Latest</th><th>Step</th></tr></thead>
            <tbody>
              {metrics.map((m) => (
                <tr key={m.key}><td className="mono">{m.key}</td><td className="mono">{formatNumber(m.value)}</td><td className="mono">{m.step}</td></tr>
              ))}
            </tbody>
          </table>
          {singleValues > 0 ? <p className="subtle">{singleValues} metric{singleValues === 1 ? ' was' : 's were'} logged at step 0 only and {singleValues === 1 ? 'is' : 'are'} shown here without a chart.</p> : null}
        </>
      )}
    </section>
  );
}

/** History charts for a bounded selection of the metrics logged over steps. */
export function ChartsPanel(props: ChartsPanelProps) {
  return (
    <section className="panel" data-testid="charts-panel" id="charts">
      <h2>Charts</h2>
      {props.historyKeys.length === 0 ? <p className="subtle">No metric was logged over steps: nothing to chart.</p> : (
        <Suspense fallback={<div className="charts" style={{ marginTop: 12 }} data-testid="loading"><div className="skeleton" style={{ height: 150 }} /></div>}>
          <LoadedCharts {...props} />
        </Suspense>
      )}
    </section>
  );
}
