import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { DatasetVersionsTable } from '@/components/datasets/dataset-versions-table';
import { KeyValueTable } from '@/components/runs/key-value-table';
import { SourceBanners } from '@/components/states/source-banners';
import { datasetPageModel } from '@/lib/catalog/dataset-page-model';
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
  return { title: ref ? `Dataset ${ref.name}` : 'Dataset' };
}

export default async function DatasetPage({ params }: { params: Params }) {
  const ref = await refOf(params);
  if (!ref) notFound();
  const index = await getRunIndex();
  const model = datasetPageModel(index, ref);
  if (!model) notFound();
  return (
    <>
      <SourceBanners failures={index.failures} warnings={index.warnings} />
      <h1 data-testid="dataset-title"><span className="subtle">{model.namespace}/</span>{model.name}</h1>
      <p className="subtle">Every version a tracked run wrote, newest first, with the runs that read it.</p>
      <DatasetVersionsTable versions={model.versions} />
      <KeyValueTable title="Schema (latest)" rows={model.fields.map((f) => ({ key: f.name, value: f.type }))} empty="No schema facet reported." />
    </>
  );
}
