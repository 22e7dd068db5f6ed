import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { JobFacts } from '@/components/jobs/job-facts';
import { JobRunsTable } from '@/components/jobs/job-runs-table';
import { MetricTrends } from '@/components/jobs/metric-trends';
import { SourceBanners } from '@/components/states/source-banners';
import { jobPageModel } from '@/lib/catalog/job-page-model';
import { safeDecode } from '@/lib/catalog/run-id';
import { getRunIndex } from '@/lib/catalog/run-index';

export const dynamic = 'force-dynamic';

type Params = Promise<{ namespace: string; name: string }>;
const segment = z.string().min(1).max(1000);

async function refOf(params: Params) {
  const raw = await params;
  const parsed = z.object({ namespace: segment, name: segment }).safeParse({ namespace: safeDecode(raw.namespace), name: safeDecode(raw.name) });
  return parsed.success ? parsed.data : null;
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const ref = await refOf(params);
  return { title: ref ? `Job ${ref.name}` : 'Job' };
}

export default async function JobPage({ params }: { params: Params }) {
  const ref = await refOf(params);
  if (!ref) notFound();
  const index = await getRunIndex();
  const model = jobPageModel(index, ref);
  if (!model) notFound();
  return (
    <>
      <SourceBanners failures={index.failures} warnings={index.warnings} />
      <h1 data-testid="job-title"><span className="subtle">{model.namespace}/</span>{model.name}</h1>
      <JobFacts facts={model.facts} />
      <JobRunsTable runs={model.runs} missingRuns={model.missingRuns} />
      <MetricTrends trends={model.trends} linkedRuns={model.linkedRuns} />
    </>
  );
}
