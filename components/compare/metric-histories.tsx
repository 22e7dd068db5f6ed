import Link from 'next/link';
import { OverlaidMetricChart } from '@/components/charts/overlaid-metric-chart';
import type { MetricDiff } from '@/lib/audit/diff-metrics';
import { runLetter, type RunColumn } from './run-columns';

export interface ChartChoice {
  key: string;
  shown: boolean;
  /** The page's URL with this metric added to or removed from `charts`. */
  href: string;
}

/** Histories of the chosen metrics, every run that logged one overlaid; the choice lives in the URL. */
export function MetricHistories({ runs, metrics, choices }: { runs: RunColumn[]; metrics: MetricDiff[]; choices: ChartChoice[] }) {
  const shown = choices.filter((c) => c.shown);
  return (
    <section className="panel" data-testid="metric-histories">
      <h2>Metric histories, overlaid</h2>
      {choices.length === 0 ? <p className="subtle">No run logged a metric over steps.</p> : (
        <>
          <p className="subtle" data-testid="chart-choices">
            Show:{' '}
            {choices.map((c) => (
              <span key={c.key}><Link href={c.href} className={c.shown ? 'badge badge-rule' : 'badge'} data-shown={c.shown ? '1' : '0'}>{c.key}</Link> </span>
            ))}
          </p>
          <div className="charts">
            {shown.map((c) => {
              const metric = metrics.find((m) => m.key === c.key);
              const logged = runs.flatMap((r, i) => (metric?.values[i] !== null && metric?.values[i] !== undefined ? [{ id: r.id, name: `${runLetter(i)} · ${r.label}`, position: i }] : []));
              return <OverlaidMetricChart key={c.key} metricKey={c.key} runs={logged} />;
            })}
          </div>
        </>
      )}
    </section>
  );
}
