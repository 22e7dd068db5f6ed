import { formatNumber } from '@/components/ui/format';
import type { MetricDiff } from '@/lib/audit/diff-metrics';
import { DiffBadge, RunHeads, type RunColumn } from './run-columns';

function delta(d: number | null, base: number | null) {
  if (d === null || base === null) return null;
  const sign = d > 0 ? '+' : d < 0 ? '−' : '±';
  // Three significant digits are enough to read a relative change.
  const pct = base !== 0 && Number.isFinite(base) ? ` (${sign}${formatNumber(Number(Math.abs((d / base) * 100).toPrecision(3)))}%)` : '';
  return `${sign}${formatNumber(Math.abs(d))}${pct}`;
}

/** Latest value of every metric per run, and each run's change against the baseline (A). */
export function MetricDiffTable({ runs, metrics }: { runs: RunColumn[]; metrics: MetricDiff[] }) {
  return (
    <section className="panel" data-testid="metric-diff">
      <h2>Metrics (latest values)</h2>
      {metrics.length === 0 ? <p className="subtle">No run has a linked experiment run with metrics.</p> : (
        <table>
          <thead><tr><th>Metric</th><RunHeads runs={runs} /><th /></tr></thead>
          <tbody>
            {metrics.map((m) => (
              <tr key={m.key} data-testid="metric-diff-row" data-key={m.key}>
                <td className="mono">{m.key}</td>
                {m.values.map((v, i) => {
                  const change = delta(m.deltas[i] ?? null, m.values[0] ?? null);
                  return (
                    <td key={i} className="mono">
                      {v === null ? <span className="subtle">—</span> : formatNumber(v)}
                      {change && m.deltas[i] !== 0 ? <div className="subtle" data-testid="metric-delta">{change}</div> : null}
                    </td>
                  );
                })}
                <td><DiffBadge status={m.status} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
