import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { AliasBadges } from '@/components/models/alias-badges';
import { ModelVersionsTable } from '@/components/models/model-versions-table';
import { VersionTrace } from '@/components/models/version-trace';
import { KeyValueTable } from '@/components/runs/key-value-table';
import { LookupShedNotice } from '@/components/states/lookup-shed-notice';
import { SourceBanners } from '@/components/states/source-banners';
import { modelPageModel } from '@/lib/catalog/model-page-model';
import { modelNameFromParams, modelQuerySchema, type ModelParams } from '@/lib/catalog/model-params';
import { getRunIndex } from '@/lib/catalog/run-index';
import { zodMessage } from '@/lib/api/zod-message';
import { modelHref } from '@/lib/api/links';
import { LIST_LIMIT, offsetParam } from '@/lib/model/bounded-list';
import { ShowingNote } from '@/components/ui/showing-note';

export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ params }: { params: ModelParams }): Promise<Metadata> {
  const name = await modelNameFromParams(params);
  return { title: name ? `Model ${name}` : 'Model' };
}

export default async function ModelPage({ params, searchParams }: { params: ModelParams; searchParams: SearchParams }) {
  const name = await modelNameFromParams(params);
  if (name === null) notFound();
  const search = await searchParams;
  const { version } = search;
  const query = modelQuerySchema.safeParse({ version: typeof version === 'string' && version !== '' ? version : undefined });
  const index = await getRunIndex();
  const offsets = { versions: offsetParam(search.versions), inputs: offsetParam(search.inputs) };
  const lookup = await modelPageModel(index, name, query.success ? (query.data.version ?? null) : null, offsets);
  if (!lookup.found) notFound();
  const model = lookup.model;
  const selected = model.selected;
  // A window's link keeps the version shown and the other list's window.
  const at = (list: 'versions' | 'inputs') => (offset: number) => {
    const query = new URLSearchParams(Object.entries({ ...offsets, [list]: offset }).flatMap(([k, n]) => (n > 0 ? [[k, String(n)]] : [])));
    if (typeof search.version === 'string' && model.selectedVersion) query.set('version', model.selectedVersion);
    const text = query.toString();
    return text ? `${modelHref(model.name)}?${text}` : modelHref(model.name);
  };
  return (
    <>
      <SourceBanners failures={index.failures} warnings={index.warnings} />
      <h1 data-testid="model-title">{model.name}</h1>
      {model.description ? <p>{model.description}</p> : null}
      <p className="subtle">Aliases: <AliasBadges aliases={Object.keys(model.aliases).sort()} versions={model.aliases} /></p>
      {!query.success ? <div className="notice notice-error" role="alert">The version in the address is not valid ({zodMessage(query.error)}); showing the newest version.</div> : null}
      {model.unknownVersion ? <div className="notice notice-warn" role="alert" data-testid="unknown-version">{model.name} has no version {model.unknownVersion}; pick one below.</div> : null}
      <ModelVersionsTable versions={model.versions} selected={model.selectedVersion} />
      <ShowingNote window={{ offset: model.versionsOffset, shown: model.versions.length, total: model.versionCount, limit: LIST_LIMIT }} noun="versions" hrefAt={at('versions')} />
      {model.trace?.lookupShed ? <LookupShedNotice message={model.trace.lookupShed.message} retryAfterSeconds={model.trace.lookupShed.retryAfterSeconds} /> : null}
      {selected && model.trace && !model.trace.lookupShed ? <VersionTrace name={model.name} version={selected} trace={model.trace} /> : null}
      {model.trace ? <ShowingNote window={{ offset: model.trace.inputsOffset, shown: model.trace.inputs.length, total: model.trace.inputsTotal, limit: LIST_LIMIT }} noun="inputs of the training run" hrefAt={at('inputs')} /> : null}
      {Object.keys(model.tags).length > 0 ? <KeyValueTable title="Model tags" rows={Object.entries(model.tags).map(([key, value]) => ({ key, value }))} empty="No tags." testId="model-tags" /> : null}
    </>
  );
}
