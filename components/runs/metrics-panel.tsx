import { MetricHistoryCard } from '@/components/charts/metric-history-card';
import { formatNumber } from '@/components/ui/format';

export interface MetricView {
  key: string;
  value: number;
  step: number;
}

/** Latest values for every metric, and a history chart for each metric logged over steps. */
export function MetricsPanel({ runId, metrics, historyKeys }: { runId: string; metrics: MetricView[]; historyKeys: string[] }) {
  const singleValues = metrics.length - historyKeys.length;
  return (
    <section className="panel" data-testid="metrics">
      <h2>Metrics</h2>
      {metrics.length === 0 ? <p className="subtle">No metrics: this run has no linked experiment run, or it logged none.</p> : (
        <>
          <table>
            <thead><tr><th>Metric</th><th>Latest</th><th>Step</th></tr></thead>
            <tbody>
              {metrics.map((m) => (
                <tr key={m.key}><td className="mono">{m.key}</td><td className="mono">{formatNumber(m.value)}</td><td>{m.step}</td></tr>
              ))}
            </tbody>
          </table>
          {singleValues > 0 ? <p className="subtle">{singleValues} metric{singleValues === 1 ? ' was' : 's were'} logged at step 0 only and {singleValues === 1 ? 'is' : 'are'} shown in the table without a chart.</p> : null}
          <div className="charts" style={{ marginTop: 12 }}>
            {historyKeys.map((key) => <MetricHistoryCard key={key} runId={runId} metricKey={key} />)}
          </div>
        </>
      )}
    </section>
  );
}
