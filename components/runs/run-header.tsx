import Link from 'next/link';
import { StatusBadge } from '@/components/ui/status-badge';
import { formatDuration, formatTime } from '@/components/ui/format';

export interface RunHeaderView {
  title: string;
  jobNamespace: string | null;
  lineageRunId: string | null;
  experimentRunId: string | null;
  /** Which tracker the experiment run is in: MLflow or W&B. */
  tracker: 'MLflow' | 'W&B';
  experimentName: string | null;
  runName: string | null;
  status: string;
  lineageState: string | null;
  experimentStatus: string | null;
  startMs: number | null;
  endMs: number | null;
}

export function RunHeader({ run, experimentUrl, auditHref, compareHref }: { run: RunHeaderView; experimentUrl?: string | null; auditHref?: string; compareHref?: string | null }) {
  return (
    <section>
      <h1 data-testid="run-title">{run.title} <StatusBadge status={run.status} /></h1>
      <p>
        {auditHref ? <><Link href={auditHref} data-testid="audit-link">Audit report</Link> <span className="subtle">(printable; JSON and Markdown downloads)</span></> : null}
        {compareHref ? <> · <Link href={compareHref} data-testid="compare-previous-link">Compare with the job&apos;s previous run</Link></> : null}
      </p>
      <dl className="kv">
        {run.jobNamespace ? <><dt>Job namespace</dt><dd>{run.jobNamespace}</dd></> : null}
        {run.lineageRunId ? <><dt>OpenLineage runId</dt><dd className="mono" data-testid="lineage-run-id">{run.lineageRunId} <span className="subtle">({run.lineageState})</span></dd></> : null}
        {run.experimentRunId ? <><dt>{run.tracker} run</dt><dd className="mono" data-testid="experiment-run-id">{run.experimentRunId} <span className="subtle">{run.runName} ({run.experimentStatus})</span></dd></> : null}
        {run.experimentName ? <><dt>Experiment</dt><dd>{run.experimentName}</dd></> : null}
        {experimentUrl ? <><dt>{run.tracker} UI</dt><dd><a href={experimentUrl} target="_blank" rel="noreferrer noopener" data-testid={run.tracker === 'W&B' ? 'wandb-ui-link' : 'mlflow-ui-link'}>Open this run in {run.tracker}</a></dd></> : null}
        <dt>Started</dt><dd>{formatTime(run.startMs)}</dd>
        <dt>Ended</dt><dd>{formatTime(run.endMs)} <span className="subtle">({formatDuration(run.startMs, run.endMs)})</span></dd>
      </dl>
    </section>
  );
}
