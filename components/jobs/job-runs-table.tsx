import Link from 'next/link';
import { StatusBadge } from '@/components/ui/status-badge';
import { formatDuration, formatTime } from '@/components/ui/format';
import type { JobRunRow } from '@/lib/catalog/job-page-model';

/** Run history newest first, each with the exact versions it read and how it is linked to an experiment run. */
export function JobRunsTable({ runs, missingRuns }: { runs: JobRunRow[]; missingRuns: number }) {
  return (
    <section className="panel" data-testid="job-runs">
      <h2>Runs ({runs.length})</h2>
      {runs.length === 0 ? <p className="subtle">No run of this job is loaded.</p> : (
        <table>
          <thead><tr><th>Run</th><th>State</th><th>Started</th><th>Duration</th><th>Read (exact versions)</th><th>Experiment run</th></tr></thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.id} data-testid="job-run-row">
                <td>
                  <Link href={r.href} className="mono">{r.id}</Link>
                  {r.compareWithPreviousHref ? <div><Link href={r.compareWithPreviousHref} className="subtle" data-testid="compare-previous">compare with previous run</Link></div> : null}
                </td>
                <td><StatusBadge status={r.status} /></td>
                <td className="nowrap">{formatTime(r.startMs)}</td>
                <td>{formatDuration(r.startMs, r.endMs)}</td>
                <td>{r.inputs.length === 0 ? <span className="subtle">none</span> : r.inputs.map((d) => (
                  <div key={d.href} data-testid="job-run-input"><Link href={d.href}>{d.label}</Link>@<span className="mono">{d.version ?? 'no version reported'}</span></div>
                ))}</td>
                <td data-testid="job-run-link">{r.rule
                  ? <>{r.experimentLabel} <span className="badge badge-rule">{r.rule}</span></>
                  : <span className="badge badge-unmatched">unmatched</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {missingRuns > 0 ? <p className="subtle">{missingRuns} more run{missingRuns === 1 ? '' : 's'} of this job are listed by the lineage source but not loaded.</p> : null}
    </section>
  );
}
