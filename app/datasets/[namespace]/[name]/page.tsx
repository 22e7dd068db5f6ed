import type { Metadata } from 'next';
import { DatasetLabel } from '@/components/ui/dataset-label';
import { DataQualityPanel } from '@/components/facets/data-quality';
import { DatasetLifecycle } from '@/components/datasets/dataset-lifecycle';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { DatasetVersionsTable } from '@/components/datasets/dataset-versions-table';
import { RawInputReaders } from '@/components/datasets/raw-input-readers';
import { VersionCompare } from '@/components/datasets/version-compare';
import { KeyValueTable } from '@/components/runs/key-value-table';
import { SourceBanners } from '@/components/states/source-banners';
import { datasetExactVersions, datasetPageModel, INDEX_VERSIONS_BLOCK, olderDatasetVersions } from '@/lib/catalog/dataset-page-model';
import { datasetOnce } from '@/lib/catalog/page-guards';
import { refFromParams, type RefParams } from '@/lib/catalog/ref-params';
import { getRunIndex } from '@/lib/catalog/run-index';
import { versionChoices } from '@/lib/catalog/version-compare';
import { datasetHref } from '@/lib/api/links';
import { boundList, offsetParam, windowFrom, type BoundedList } from '@/lib/model/bounded-list';
import { ShowingNote } from '@/components/ui/showing-note';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
/** Version rows a page shows: each carries its readers and schema, so fewer than other lists. */
const VERSIONS_PER_PAGE = 50;
/** Symlink names listed under the title; the rest are counted. */
const ALIASES_SHOWN = 50;

export const dynamic = 'force-dynamic';

/** The page of versions at `offset`; a block read from the index carries one row more (its last row's schema diff), never listed. */
function versionsWindow<T>(rows: readonly T[], from: number, offset: number, total: number): BoundedList<T> {
  return windowFrom(from > 0 ? rows.slice(0, INDEX_VERSIONS_BLOCK) : rows, from, offset, VERSIONS_PER_PAGE, total);
}

export async function generateMetadata({ params }: { params: RefParams }): Promise<Metadata> {
  const ref = await refFromParams(params);
  return { title: ref ? `Dataset ${ref.name}` : 'Dataset' };
}

export default async function DatasetPage({ params, searchParams }: { params: RefParams; searchParams: SearchParams }) {
  const ref = await refFromParams(params);
  const query = await searchParams;
  if (!ref) notFound();
  const index = await getRunIndex();
  const first = await datasetOnce(ref.namespace, ref.name);
  if (!first.dataset) notFound();
  // Past the newest versions the index gave, the page reads the block of older ones that holds the offset.
  const versionsAt = offsetParam(query.versions);
  const beyond = versionsAt >= first.dataset.versions.length && (first.versionsTotal ?? 0) > first.dataset.versions.length;
  const loaded = (beyond ? await olderDatasetVersions(index, ref, versionsAt) : null) ?? { ...first, dataset: first.dataset };
  const model = datasetPageModel(index, loaded, await datasetExactVersions(index, loaded.dataset));
  const raw = model.versions.length === 0;
  // Every list that grows with history is a window with links to the rest (?versions=, ?fields=, ?lifecycle=).
  const versions = versionsWindow(model.versions, loaded.versionsFrom ?? 0, versionsAt, model.versionsTotal);
  const fields = boundList(model.latestFields ?? [], offsetParam(query.fields));
  const lifecycle = boundList(model.lifecycle, offsetParam(query.lifecycle));
  const at = (list: string) => (offset: number) => `${datasetHref(ref.namespace, ref.name)}?${list}=${offset}`;
  return (
    <>
      <SourceBanners failures={index.failures} warnings={index.warnings} />
      <h1 data-testid="dataset-title"><DatasetLabel dataset={model} /></h1>
      {model.aliases.length > 0 ? (
        <p className="subtle" data-testid="dataset-aliases">Also known as (symlinks): {model.aliases.slice(0, ALIASES_SHOWN).map((a) => a.label).join(', ')}
          {model.aliases.length > ALIASES_SHOWN ? ` and ${(model.aliases.length - ALIASES_SHOWN).toLocaleString('en-US')} more` : ''}</p>
      ) : null}
      <p className="subtle">{raw
        ? 'A raw input: no tracked run wrote it; below are the versions its readers say they read, and who read each.'
        : 'Every version a tracked run wrote, newest first: who wrote it, who read it, its schema and what changed since the version before.'}
        {' '}<Link href={model.lineageHref} data-testid="open-in-explorer">Open in the lineage explorer</Link></p>
      {model.note ? <div className="notice notice-info" data-testid="dataset-note">{model.note}</div> : null}
      {model.versionNote ? <p className="subtle" data-testid="dataset-version-basis">{model.versionNote}</p> : null}
      {model.versionProblems.map((p) => <div key={p} className="notice notice-warn" role="alert" data-testid="dataset-version-problem">{p}</div>)}
      <DatasetLifecycle rows={lifecycle.items} />
      <ShowingNote window={lifecycle} noun="lifecycle changes" hrefAt={at('lifecycle')} />
      {raw ? null : <DatasetVersionsTable versions={versions.items} total={model.versionsTotal} />}
      <ShowingNote window={versions} noun="versions" hrefAt={at('versions')} />
      <DataQualityPanel entries={model.dataQuality} title="Data quality (newest runs that checked it)" />
      {raw ? <RawInputReaders readers={model.readers} total={model.readersTotal} /> : null}
      {model.unplacedReaders.length > 0 ? <RawInputReaders readers={model.unplacedReaders} title="Readers not matched to a listed version" /> : null}
      <VersionCompare choices={versionChoices(versions.items, model.readers)} />
      <KeyValueTable title="Schema (latest report)" rows={fields.items.map((f) => ({ key: f.name, value: f.type }))} empty="No schema facet reported." testId="dataset-schema" />
      <ShowingNote window={fields} noun="fields" hrefAt={at('fields')} />
    </>
  );
}
