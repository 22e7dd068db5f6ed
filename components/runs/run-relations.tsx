import Link from 'next/link';
import { StatusBadge } from '@/components/ui/status-badge';
import { runHref } from '@/lib/api/links';
import type { ParentView } from '@/lib/model/run-parent';

interface RunRefView {
  id: string;
  label: string;
  status: string;
}

function ParentLine({ parent }: { parent: ParentView }) {
  if (parent.kind === 'run') {
    return <p>Part of pipeline run <Link href={runHref(parent.run.id)}>{parent.run.label}</Link> <StatusBadge status={parent.run.status} /></p>;
  }
  return (
    <p data-testid="parent-facet-only">
      Part of pipeline run <span className="mono">{parent.runId}</span> of job <span className="mono">{parent.job.namespace} / {parent.job.name}</span>{' '}
      <span className="subtle">({parent.note})</span>
    </p>
  );
}

/** The pipeline run this stage belongs to, and the stages under it. */
export function RunRelations({ parent, childRuns }: { parent: ParentView | null; childRuns: RunRefView[] }) {
  if (!parent && childRuns.length === 0) return null;
  return (
    <section className="panel" data-testid="relations">
      {parent ? <ParentLine parent={parent} /> : null}
      {childRuns.length > 0 ? (
        <>
          <h2>Stages ({childRuns.length})</h2>
          <ul>
            {childRuns.map((c) => <li key={c.id}><Link href={runHref(c.id)}>{c.label}</Link> <StatusBadge status={c.status} /></li>)}
          </ul>
        </>
      ) : null}
    </section>
  );
}
