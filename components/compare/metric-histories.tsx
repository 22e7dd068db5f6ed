import Link from 'next/link';
import { AxisChoice } from '@/components/charts/axis-choice';
import { OverlaidMetricChart } from '@/components/charts/overlaid-metric-chart';
import type { ChartAxis } from '@/lib/series/chart-axis';
import type { MetricDiff } from '@/lib/audit/diff-metrics';
import { runLetter, type RunColumn } from './run-columns';

export interface ChartChoice {
  key: string;
  shown: boolean;
  /** The page's URL with this metric added to or removed from `charts`. */
  href: string;
}

interface MetricHistoriesProps {
  runs: RunColumn[];
  metrics: MetricDiff[];
  choices: ChartChoice[];
  axis: ChartAxis;
  /** The page's URL with each axis. */
  axisHrefs: Record<ChartAxis, string>;
}

/** Histories of the chosen metrics, every run that logged one overlaid; the choices live in the URL. */
export function MetricHistories({ runs, metrics, choices, axis, axisHrefs }: MetricHistoriesProps) {
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
          {shown.length > 0 ? <AxisChoice axis={axis} hrefs={axisHrefs} /> : null}
          <div className="charts" style={{ marginTop: 8 }}>
            {shown.map((c) => {
              const metric = metrics.find((m) => m.key === c.key);
              const logged = runs.flatMap((r, i) => (metric?.values[i] !== null && metric?.values[i] !== undefined ? [{ id: r.id, name: `${runLetter(i)} · ${r.label}`, position: i }] : []));
              return <OverlaidMetricChart key={c.key} metricKey={c.key} runs={logged} axis={axis} />;
            })}
          </div>
        </>
      )}
    </section>
  );
}
