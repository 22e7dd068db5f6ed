import type { Metadata } from 'next';
import { ModelsTable } from '@/components/models/models-table';
import { EmptyState } from '@/components/states/empty-state';
import { SourceBanners } from '@/components/states/source-banners';
import { modelListModel, noModelsReason } from '@/lib/catalog/model-page-model';
import { getRunIndex } from '@/lib/catalog/run-index';
import { getSources } from '@/lib/sources';
import { boundList, offsetParam } from '@/lib/model/bounded-list';
import { ShowingNote } from '@/components/ui/showing-note';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Models' };

export default async function ModelsPage({ searchParams }: { searchParams: Promise<{ offset?: string | string[] }> }) {
  const index = await getRunIndex();
  const models = boundList(modelListModel(index), offsetParam((await searchParams).offset));
  const empty = noModelsReason(index, getSources().experiment.length);
  return (
    <>
      <h1>Models</h1>
      <p className="subtle">Registered models, newest version and aliases; open one to see which runs and dataset versions trained each version.</p>
      <SourceBanners failures={index.failures} warnings={index.warnings} />
      {empty ? <EmptyState title="No registered models">{empty}</EmptyState> : <><ModelsTable models={models.items} /><ShowingNote window={models} noun="models" hrefAt={(offset) => `/models?offset=${offset}`} /></>}
    </>
  );
}
