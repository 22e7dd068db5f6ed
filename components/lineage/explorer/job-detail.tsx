import Link from 'next/link';
import type { CSSProperties } from 'react';
import type { NodeDetail } from '@/lib/graph/explorer-api';
import { StatusBadge } from '@/components/ui/status-badge';
import { formatNumber, formatTime } from '@/components/ui/format';

type JobPart = NonNullable<NodeDetail['job']>;

const list: CSSProperties = { listStyle: 'none', margin: 0, padding: 0 };
const item: CSSProperties = { padding: '6px 0', borderBottom: '1px solid var(--border)' };
const line: CSSProperties = { display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'baseline' };
const small: CSSProperties = { fontSize: '0.8em', marginTop: 2 };

const metricText = (v: number | string) => (typeof v === 'number' ? formatNumber(v) : v);

/** A job's latest runs, each with the key metrics of its linked experiment run when there is one. */
export function JobDetail({ job }: { job: JobPart }) {
  if (job.runs.length === 0) return <p className="subtle">No runs of this job are recorded.</p>;
  return (
    <>
      <h3 style={{ fontSize: '0.95em', margin: '12px 0 4px' }}>
        Latest runs <span className="subtle">({job.runs.length} of {job.totalRuns})</span>
      </h3>
      <ul style={list} data-testid="explorer-job-runs">
        {job.runs.map((run) => (
          <li key={run.runId} style={item} data-testid="explorer-job-run">
            <div style={line}>
              <Link href={run.href} title={run.id}>{run.experiment?.runName ?? `run ${run.id.slice(0, 8)}`}</Link>
              <StatusBadge status={run.state} />
              <span className="subtle">{formatTime(run.startedAt === null ? null : Date.parse(run.startedAt))}</span>
            </div>
            {run.experiment ? (
              <div className="subtle" style={small} data-testid="explorer-run-metrics">
                {run.experiment.runName ?? run.experiment.runId} ({run.experiment.source})
                {run.experiment.metrics.map((m) => <span key={m.key}> · <span className="mono">{m.key}</span> {metricText(m.value)}</span>)}
              </div>
            ) : (
              <div className="subtle" style={small}>No linked experiment run.</div>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
