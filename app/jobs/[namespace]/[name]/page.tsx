import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { JobFacetFacts } from '@/components/facets/job-facet-facts';
import { JobFacts } from '@/components/jobs/job-facts';
import { JobRunsTable } from '@/components/jobs/job-runs-table';
import { MetricTrends } from '@/components/jobs/metric-trends';
import { SourceBanners } from '@/components/states/source-banners';
import { loadJobPageModel } from '@/lib/catalog/job-page-model';
import { refFromParams, type RefParams } from '@/lib/catalog/ref-params';
import { getRunIndex } from '@/lib/catalog/run-index';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: RefParams }): Promise<Metadata> {
  const ref = await refFromParams(params);
  return { title: ref ? `Job ${ref.name}` : 'Job' };
}

export default async function JobPage({ params, searchParams }: { params: RefParams; searchParams: Promise<{ page?: string | string[] }> }) {
  const ref = await refFromParams(params);
  if (!ref) notFound();
  const { page } = await searchParams;
  const index = await getRunIndex();
  const model = await loadJobPageModel(index, ref, Number(typeof page === 'string' ? page : 1));
  if (!model) notFound();
  return (
    <>
      <SourceBanners failures={index.failures} warnings={index.warnings} />
      <h1 data-testid="job-title"><span className="subtle">{model.namespace}/</span>{model.name}</h1>
      <JobFacts facts={model.facts} />
      {model.facetPanel ? <JobFacetFacts panel={model.facetPanel} title="Job facets" /> : null}
      <JobRunsTable runs={model.runs} missingRuns={model.missingRuns} totalRuns={model.totalRuns} paging={model.paging} versionNote={model.versionNote} versionProblems={model.versionProblems} />
      <MetricTrends trends={model.trends} linkedRuns={model.linkedRuns} />
    </>
  );
}
