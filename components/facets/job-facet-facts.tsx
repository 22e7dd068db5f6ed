import type { JobFacetPanel } from '@/lib/catalog/facet-panels';
import { SqlQuery } from './sql-query';

const none = (text: string) => <span className="subtle">{text}</span>;

/** The job facets users look for: jobType (integration, processing type), ownership, documentation, sql. */
export function JobFacetFacts({ panel, title = 'Job details' }: { panel: JobFacetPanel; title?: string }) {
  const { jobType, owners, description, sql } = panel;
  return (
    <section className="panel" data-testid="job-facet-facts">
      <h2>{title}</h2>
      <dl className="kv">
        <dt>Job type</dt>
        <dd data-testid="job-type">{jobType ? [jobType.jobType, jobType.integration && `integration ${jobType.integration}`, jobType.processingType?.toLowerCase()].filter(Boolean).join(' · ') : none('no jobType facet')}</dd>
        <dt>Owners</dt>
        <dd data-testid="job-owners">{owners.length === 0 ? none('no ownership facet') : owners.map((o) => `${o.name}${o.type ? ` (${o.type})` : ''}`).join(', ')}</dd>
        <dt>Documentation</dt>
        <dd>{description ?? none('no documentation facet')}</dd>
      </dl>
      {sql ? <SqlQuery sql={sql} /> : null}
    </section>
  );
}
