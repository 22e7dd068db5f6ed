import Link from 'next/link';
import type { ReactNode } from 'react';
import { StatusBadge } from '@/components/ui/status-badge';
import { formatDuration, formatTime } from '@/components/ui/format';
import { LiveElapsed } from './live-elapsed';

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

interface RunHeaderProps {
  run: RunHeaderView;
  experimentUrl?: string | null;
  auditHref?: string;
  compareHref?: string | null;
  /** The link badge (or the unmatched notice) shown under the title. */
  link?: ReactNode;
  /** When the page was rendered, for the live elapsed time of a running run. */
  renderedAtMs?: number;
}

/** Title (run name, job, status, elapsed time), then one dense block of facts and ids: the rest of the screen is for data. */
export function RunHeader({ run, experimentUrl, auditHref, compareHref, link, renderedAtMs = 0 }: RunHeaderProps) {
  const named = run.runName !== null && run.runName !== run.title;
  const running = run.status === 'RUNNING' && run.startMs !== null;
  return (
    <section data-testid="run-header">
      <h1 data-testid="run-title">
        {named ? <>{run.runName} <span className="subtle title-job">· {run.title}</span></> : run.title} <StatusBadge status={run.status} />
        {' '}{running ? <LiveElapsed startMs={run.startMs!} renderedAtMs={renderedAtMs} /> : null}
      </h1>
      <p className="facts">
        {run.jobNamespace ? <span>Job namespace <strong>{run.jobNamespace}</strong></span> : null}
        {run.experimentName ? <span>Experiment <strong>{run.experimentName}</strong></span> : null}
        <span>Started <time>{formatTime(run.startMs)}</time></span>
        {running ? null : <span>Ended <time>{formatTime(run.endMs)}</time> ({formatDuration(run.startMs, run.endMs)})</span>}
      </p>
      <p className="facts">
        {run.lineageRunId ? <span>OpenLineage run <span className="mono" data-testid="lineage-run-id">{run.lineageRunId} <span className="subtle">({run.lineageState})</span></span></span> : null}
        {run.experimentRunId ? <span>{run.tracker} run <span className="mono" data-testid="experiment-run-id">{run.experimentRunId} <span className="subtle">({run.experimentStatus})</span></span></span> : null}
      </p>
      <div className="facts run-actions">
        {link}
        {experimentUrl ? <a href={experimentUrl} target="_blank" rel="noreferrer noopener" data-testid={run.tracker === 'W&B' ? 'wandb-ui-link' : 'mlflow-ui-link'}>Open this run in {run.tracker}</a> : null}
        {auditHref ? <Link href={auditHref} data-testid="audit-link">Audit report</Link> : null}
        {compareHref ? <Link href={compareHref} data-testid="compare-previous-link">Compare with the job&apos;s previous run</Link> : null}
      </div>
    </section>
  );
}
