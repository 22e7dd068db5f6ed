import Link from 'next/link';
import { lineageHref } from '@/lib/api/links';
import type { NodeRef } from '@/lib/graph/explorer-node-param';
import { StatusBadge } from '@/components/ui/status-badge';
import { EmptyState } from '@/components/states/empty-state';
import { ExplorerSearch } from './explorer-search';

export interface StartJobView {
  ref: NodeRef;
  latestRunState: string | null;
}

/** With no node in the URL: a search box and the most recently active jobs to start from. */
export function LineageStart({ jobs, totalJobs, configured }: { jobs: StartJobView[]; totalJobs: number; configured: number }) {
  if (configured === 0) {
    return (
      <EmptyState title="No lineage source is configured">
        Set <code>OPENLINEAGE_EVENTS</code> (or a Marquez URL) to explore lineage; see the README, or run <code>npm run demo</code>.
      </EmptyState>
    );
  }
  return (
    <section className="panel" data-testid="explorer-start">
      <h2>Start from a job or dataset</h2>
      <ExplorerSearch />
      <h3 style={{ fontSize: '0.95em', margin: '16px 0 6px' }}>
        Recently active jobs <span className="subtle">({jobs.length} of {totalJobs})</span>
      </h3>
      {jobs.length === 0 ? (
        <p className="subtle">The lineage sources hold no jobs yet. New jobs appear here as events arrive.</p>
      ) : (
        <ul data-testid="explorer-start-jobs" style={{ margin: 0, paddingLeft: 18 }}>
          {jobs.map((j) => (
            <li key={`${j.ref.namespace}\u0000${j.ref.name}`} style={{ margin: '3px 0' }}>
              <Link href={lineageHref(j.ref)}>{j.ref.name}</Link> <span className="subtle">{j.ref.namespace}</span>{' '}
              {j.latestRunState ? <StatusBadge status={j.latestRunState} /> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
