import Link from 'next/link';
import { StatusBadge } from '@/components/ui/status-badge';
import type { JobPageModel } from '@/lib/catalog/job-page-model';

type DatasetLink = { label: string; href: string };

const datasets = (list: DatasetLink[], total: number) => (list.length === 0 ? <span className="subtle">none reported</span>
  : <>{list.map((d) => <div key={d.href}><Link href={d.href}>{d.label}</Link></div>)}{total > list.length ? <div className="subtle" data-testid="showing-note">showing {list.length} of {total.toLocaleString('en-US')}</div> : null}</>);

/** What the lineage source says about the job itself; datasets are those of its latest run. */
export function JobFacts({ facts }: { facts: JobPageModel['facts'] }) {
  return (
    <section className="panel" data-testid="job-facts">
      <h2>Job</h2>
      <dl className="kv">
        <dt>Type</dt><dd>{facts.type ?? <span className="subtle">not reported (no jobType facet)</span>}</dd>
        <dt>Description</dt><dd>{facts.description ?? <span className="subtle">none</span>}</dd>
        <dt>Latest run</dt><dd>{facts.latestRunState ? <StatusBadge status={facts.latestRunState} /> : <span className="subtle">no runs</span>}</dd>
        <dt>Source code</dt>
        <dd>{facts.location.length === 0 ? <span className="subtle">no sourceCodeLocation facet</span>
          : facts.location.map((r) => <div key={r.key}><span className="subtle">{r.key}:</span> <span className="mono">{r.value}</span></div>)}</dd>
        <dt>Reads</dt><dd data-testid="job-inputs">{datasets(facts.inputs, facts.inputsTotal)}</dd>
        <dt>Writes</dt><dd data-testid="job-outputs">{datasets(facts.outputs, facts.outputsTotal)}</dd>
      </dl>
      <p><Link href={facts.lineageHref} data-testid="open-in-explorer">Open in the lineage explorer</Link></p>
    </section>
  );
}
