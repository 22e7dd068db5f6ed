import { MetricTrendChart } from '@/components/jobs/metric-trend-chart';
import type { MetricTrend } from '@/lib/catalog/job-page-model';

/** Metric trends across the job's linked runs, one chart per metric at least two of them logged. */
export function MetricTrends({ trends, linkedRuns }: { trends: MetricTrend[]; linkedRuns: number }) {
  return (
    <section className="panel" data-testid="metric-trends">
      <h2>Metrics across runs</h2>
      {trends.length === 0 ? (
        <p className="subtle">{linkedRuns < 2
          ? `Trends need at least two runs linked to an experiment run; ${linkedRuns === 1 ? 'one is' : 'none is'}.`
          : 'No metric was logged by two or more of the linked runs.'}</p>
      ) : (
        <>
          <p className="subtle">The latest value of each metric per linked run, oldest run first ({linkedRuns} linked runs).</p>
          <div className="charts">
            {trends.map((t) => <MetricTrendChart key={t.key} metricKey={t.key} points={t.points} note={t.note} />)}
          </div>
        </>
      )}
    </section>
  );
}
