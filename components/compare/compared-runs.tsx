import Link from 'next/link';
import { StatusBadge } from '@/components/ui/status-badge';
import { formatDuration, formatTime } from '@/components/ui/format';
import { compareHref, jobHref, runHref } from '@/lib/api/links';
import type { ComparedRun } from '@/lib/audit/compare';
import { runLetter } from './run-columns';

/** The runs compared, one column each: identity, state, timing; links to drop a run or make it the baseline. */
export function ComparedRuns({ runs, all }: { runs: ComparedRun[]; all: boolean }) {
  const ids = runs.map((r) => r.id);
  const without = (id: string) => compareHref(ids.filter((x) => x !== id), { all });
  const first = (id: string) => compareHref([id, ...ids.filter((x) => x !== id)], { all });
  return (
    <section className="panel" data-testid="compared-runs">
      <h2>Runs</h2>
      <table>
        <thead><tr><th /><th>Run</th><th>Job</th><th>Experiment run</th><th>Status</th><th>Started</th><th>Duration</th><th>Stages</th><th /></tr></thead>
        <tbody>
          {runs.map((r, i) => (
            <tr key={r.id} data-testid="compared-run">
              <td><strong>{runLetter(i)}</strong>{i === 0 ? <div className="subtle nowrap">baseline</div> : null}</td>
              <td><Link href={runHref(r.id)}>{r.label}</Link><div className="subtle mono">{r.id}</div></td>
              <td>{r.job ? <Link href={jobHref(r.job.namespace, r.job.name)}>{r.job.name}</Link> : <span className="subtle">no lineage side</span>}</td>
              <td>{r.experiment ? <>{r.experiment.runName ?? r.experiment.runId}<div className="subtle">{r.experiment.experimentName ?? ''}</div></> : <span className="subtle">no experiment side</span>}</td>
              <td><StatusBadge status={r.status} /></td>
              <td className="nowrap">{formatTime(r.startMs)}</td>
              <td>{formatDuration(r.startMs, r.endMs)}</td>
              <td>{r.stageCount > 0 ? `${r.stageCount} (pipeline)` : '—'}</td>
              <td className="nowrap">
                {i > 0 ? <Link href={first(r.id)}>make baseline</Link> : null}
                {runs.length > 2 ? <> {i > 0 ? '· ' : ''}<Link href={without(r.id)}>remove</Link></> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
