import Link from 'next/link';
import { StatusBadge } from '@/components/ui/status-badge';
import { formatDuration, formatTime } from '@/components/ui/format';
import type { JobPageModel, JobRunRow } from '@/lib/catalog/job-page-model';

function ReadCell({ run }: { run: JobRunRow }) {
  if (run.inputs.length === 0) return <span className="subtle">none</span>;
  const missing = run.versionBasis === 'unavailable' ? 'exact version unavailable' : 'no version reported';
  return (
    <>
      {run.inputs.map((d) => (
        <div key={d.href} data-testid="job-run-input"><Link href={d.href}>{d.label}</Link>@<span className="mono" data-testid="job-run-input-version">{d.version ?? missing}</span></div>
      ))}
      {run.inputsTotal > run.inputs.length ? <div className="subtle" data-testid="showing-note">showing {run.inputs.length} of {run.inputsTotal.toLocaleString('en-US')} inputs: <Link href={run.href}>all on the run page</Link></div> : null}
      {run.versionBasis === 'as-loaded' ? null : <div className="subtle" data-testid="job-run-version-basis" title={run.versionProblem ?? undefined}>{run.versionLabel}</div>}
    </>
  );
}

/** Run history newest first (one page), each with the exact versions it read and how it is linked to an experiment run. */
export function JobRunsTable({ runs, missingRuns, totalRuns, paging, versionNote, versionProblems }: Pick<JobPageModel, 'runs' | 'missingRuns' | 'totalRuns' | 'paging' | 'versionNote' | 'versionProblems'>) {
  return (
    <section className="panel" data-testid="job-runs">
      <h2>Runs ({totalRuns})</h2>
      {versionNote ? <p className="subtle" data-testid="job-version-basis">{versionNote}</p> : null}
      {versionProblems.map((p) => <div key={p} className="notice notice-warn" role="alert" data-testid="job-version-problem">{p}</div>)}
      {runs.length === 0 ? <p className="subtle">No run of this job is loaded.</p> : (
        <table>
          <thead><tr><th>Run</th><th>State</th><th>Started</th><th>Duration</th><th>Read (exact versions)</th><th>Experiment run</th></tr></thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.id} data-testid="job-run-row">
                <td>
                  <Link href={r.href}>{r.experimentLabel ?? `run of ${formatTime(r.startMs)}`}</Link>
                  <div className="subtle mono">{r.id}</div>
                  {r.compareWithPreviousHref ? <div><Link href={r.compareWithPreviousHref} className="subtle" data-testid="compare-previous">compare with previous run</Link></div> : null}
                </td>
                <td><StatusBadge status={r.status} /></td>
                <td className="nowrap">{formatTime(r.startMs)}</td>
                <td>{formatDuration(r.startMs, r.endMs)}</td>
                <td><ReadCell run={r} /></td>
                <td data-testid="job-run-link">{r.rule
                  ? <>{r.experimentLabel} <span className="badge badge-rule">{r.rule}</span></>
                  : <span className="badge badge-unmatched">unmatched</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {paging.pages > 1 ? (
        <div className="pager" data-testid="job-runs-pager">
          {paging.newerHref ? <Link href={paging.newerHref}>← Newer runs</Link> : null}
          <span className="subtle">Page {paging.page} of {paging.pages}</span>
          {paging.olderHref ? <Link href={paging.olderHref}>Older runs →</Link> : null}
        </div>
      ) : null}
      {missingRuns > 0 ? <p className="subtle">{missingRuns} more run{missingRuns === 1 ? '' : 's'} of this job are listed by the lineage source but not loaded.</p> : null}
    </section>
  );
}
