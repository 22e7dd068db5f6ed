import Link from 'next/link';
import { StatusBadge } from '@/components/ui/status-badge';
import { formatTime } from '@/components/ui/format';
import type { UpstreamPanelModel, UpstreamRunView } from '@/lib/catalog/upstream';

function Inputs({ run }: { run: UpstreamRunView }) {
  if (run.inputs.length === 0) return <span className="subtle">reads no dataset</span>;
  return (
    <>
      {run.inputs.map((d) => (
        <div key={d.href} data-testid="upstream-input">
          <Link href={d.href}>{d.label}</Link>@<span className="mono" data-testid="upstream-version">{d.version ?? 'no version reported'}</span>{' '}
          {d.producer
            ? <span className="subtle">← written by <Link href={d.producer.href}>{d.producer.label}</Link></span>
            : <span className="badge">raw input</span>}
        </div>
      ))}
      {run.inputsTotal > run.inputs.length ? <div className="subtle" data-testid="upstream-inputs-cut">showing {run.inputs.length} of {run.inputsTotal.toLocaleString('en-US')} datasets read: <Link href={run.href}>all on its run page</Link></div> : null}
    </>
  );
}

/** "The graph as this run saw it": every run upstream, with the exact versions each one read. */
export function RunUpstream({ model, title = 'The graph as this run saw it' }: { model: UpstreamPanelModel; title?: string }) {
  return (
    <section className="panel" data-testid="run-upstream">
      <h2>{title}</h2>
      <p className="subtle">{model.basis}</p>
      {model.runs.length === 0 ? <p className="subtle">No upstream runs to show.</p> : (
        <table>
          <thead><tr><th>Depth</th><th>Job</th><th>Run</th><th>State</th><th>Read (exact versions)</th><th>Experiment</th></tr></thead>
          <tbody>
            {model.runs.map((r) => (
              <tr key={r.runId} data-testid="upstream-run" data-depth={r.depth}>
                <td>{r.depth === 0 ? 'this run' : r.depth}</td>
                <td style={{ paddingLeft: 8 + 12 * r.depth }}><Link href={r.job.href}>{r.job.label}</Link></td>
                <td><Link href={r.href}>{r.experiment?.label ?? `run of ${formatTime(r.startedAt ? Date.parse(r.startedAt) : null)}`}</Link><div className="subtle mono">{r.runId}</div></td>
                <td><StatusBadge status={r.state} /></td>
                <td><Inputs run={r} /></td>
                <td data-testid="upstream-link">{r.experiment
                  ? <>experiment: {r.experiment.label} <span className="badge badge-rule">{r.experiment.rule}</span></>
                  : <span className="badge badge-unmatched">{r.linkNote}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {model.runsTotal > model.runs.length ? <p className="subtle" data-testid="upstream-runs-cut">Showing the nearest {model.runs.length} of {model.runsTotal.toLocaleString('en-US')} upstream runs; the audit report lists them all.</p> : null}
      {model.truncated ? <p className="notice notice-info">Stopped at depth {model.depth}: runs further upstream are not shown.</p> : null}
    </section>
  );
}
