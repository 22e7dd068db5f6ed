import Link from 'next/link';
import { StatusBadge } from '@/components/ui/status-badge';
import { runHref } from '@/lib/api/links';

interface RunRefView {
  id: string;
  label: string;
  status: string;
}

/** The pipeline run this stage belongs to, and the stages under it. */
export function RunRelations({ parent, childRuns }: { parent: RunRefView | null; childRuns: RunRefView[] }) {
  if (!parent && childRuns.length === 0) return null;
  return (
    <section className="panel" data-testid="relations">
      {parent ? <p>Part of pipeline run <Link href={runHref(parent.id)}>{parent.label}</Link> <StatusBadge status={parent.status} /></p> : null}
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
