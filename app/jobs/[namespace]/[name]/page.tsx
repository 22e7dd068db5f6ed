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
import { ShowingNote } from '@/components/ui/showing-note';
import { jobHref } from '@/lib/api/links';
import { boundList, offsetParam } from '@/lib/model/bounded-list';

/** Trend charts a page draws; the rest of the metrics are a `?trends=<offset>` away. */
const TRENDS_PER_PAGE = 12;

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: RefParams }): Promise<Metadata> {
  const ref = await refFromParams(params);
  return { title: ref ? `Job ${ref.name}` : 'Job' };
}

export default async function JobPage({ params, searchParams }: { params: RefParams; searchParams: Promise<{ page?: string | string[]; trends?: string | string[] }> }) {
  const ref = await refFromParams(params);
  if (!ref) notFound();
  const { page, trends: trendsAt } = await searchParams;
  const index = await getRunIndex();
  const model = await loadJobPageModel(index, ref, Number(typeof page === 'string' ? page : 1));
  if (!model) notFound();
  const trends = boundList(model.trends, offsetParam(trendsAt), TRENDS_PER_PAGE);
  return (
    <>
      <SourceBanners failures={index.failures} warnings={index.warnings} />
      <h1 data-testid="job-title"><span className="subtle">{model.namespace}/</span>{model.name}</h1>
      <JobFacts facts={model.facts} />
      {model.facetPanel ? <JobFacetFacts panel={model.facetPanel} title="Job facets" /> : null}
      <JobRunsTable runs={model.runs} missingRuns={model.missingRuns} totalRuns={model.totalRuns} paging={model.paging} versionNote={model.versionNote} versionProblems={model.versionProblems} />
      <MetricTrends trends={trends.items} linkedRuns={model.linkedRuns} />
      <ShowingNote window={trends} noun="metrics" hrefAt={(offset) => `${jobHref(ref.namespace, ref.name)}?${typeof page === 'string' ? `page=${encodeURIComponent(page)}&` : ''}trends=${offset}`} />
    </>
  );
}
