import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { AliasBadges } from '@/components/models/alias-badges';
import { ModelVersionsTable } from '@/components/models/model-versions-table';
import { VersionTrace } from '@/components/models/version-trace';
import { KeyValueTable } from '@/components/runs/key-value-table';
import { SourceBanners } from '@/components/states/source-banners';
import { modelPageModel } from '@/lib/catalog/model-page-model';
import { modelNameFromParams, modelQuerySchema, type ModelParams } from '@/lib/catalog/model-params';
import { getRunIndex } from '@/lib/catalog/run-index';
import { zodMessage } from '@/lib/api/zod-message';

export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ params }: { params: ModelParams }): Promise<Metadata> {
  const name = await modelNameFromParams(params);
  return { title: name ? `Model ${name}` : 'Model' };
}

export default async function ModelPage({ params, searchParams }: { params: ModelParams; searchParams: SearchParams }) {
  const name = await modelNameFromParams(params);
  if (name === null) notFound();
  const { version } = await searchParams;
  const query = modelQuerySchema.safeParse({ version: typeof version === 'string' && version !== '' ? version : undefined });
  const index = await getRunIndex();
  const lookup = await modelPageModel(index, name, query.success ? (query.data.version ?? null) : null);
  if (!lookup.found) notFound();
  const model = lookup.model;
  const selected = model.versions.find((v) => v.version === model.selectedVersion) ?? null;
  return (
    <>
      <SourceBanners failures={index.failures} warnings={index.warnings} />
      <h1 data-testid="model-title">{model.name}</h1>
      {model.description ? <p>{model.description}</p> : null}
      <p className="subtle">Aliases: <AliasBadges aliases={Object.keys(model.aliases).sort()} versions={model.aliases} /></p>
      {!query.success ? <div className="notice notice-error" role="alert">The version in the address is not valid ({zodMessage(query.error)}); showing the newest version.</div> : null}
      {model.unknownVersion ? <div className="notice notice-warn" role="alert" data-testid="unknown-version">{model.name} has no version {model.unknownVersion}; pick one below.</div> : null}
      <ModelVersionsTable versions={model.versions} selected={model.selectedVersion} />
      {selected && model.trace ? <VersionTrace name={model.name} version={selected} trace={model.trace} /> : null}
      {Object.keys(model.tags).length > 0 ? <KeyValueTable title="Model tags" rows={Object.entries(model.tags).map(([key, value]) => ({ key, value }))} empty="No tags." testId="model-tags" /> : null}
    </>
  );
}
