import type { Metadata } from 'next';
import Link from 'next/link';
import { preload } from 'react-dom';
import { LineageExplorer } from '@/components/lineage/explorer/lineage-explorer';
import { LineageStart } from '@/components/lineage/explorer/lineage-start';
import { SourceBanners } from '@/components/states/source-banners';
import { smallLineageView, startJobs } from '@/lib/catalog/lineage-view';
import { parseExplorerQuery } from '@/lib/graph/explorer-query';
import { explorerGraphUrl } from '@/lib/graph/explorer-url';
import { QUICK_LAYOUT_MAX_NODES } from '@/lib/graph/quick-layout';

export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const START_JOBS = 15;

export async function generateMetadata({ searchParams }: { searchParams: SearchParams }): Promise<Metadata> {
  const parsed = parseExplorerQuery(await searchParams);
  return { title: parsed.ok && parsed.view.node ? `Lineage of ${parsed.view.node.name}` : 'Lineage' };
}

/** /lineage?node=<kind:ns:name>&depth=&dir=&full=&columns=&expand=&selected=&limit= (grammar: lib/graph/explorer-url.ts). */
export default async function LineagePage({ searchParams }: { searchParams: SearchParams }) {
  const parsed = parseExplorerQuery(await searchParams);
  const heading = (
    <>
      <h1>Lineage{parsed.ok && parsed.view.node ? <> of <span className="mono">{parsed.view.node.name}</span></> : null}</h1>
      <p className="subtle">
        {parsed.ok && parsed.view.node ? `${parsed.view.node.kind} in ${parsed.view.node.namespace}. ` : ''}
        Jobs and the datasets they read and write, across every lineage source.
      </p>
    </>
  );
  if (!parsed.ok) {
    return (
      <>
        {heading}
        <div className="notice notice-error" role="alert" data-testid="explorer-bad-query">
          This lineage link is not valid: {parsed.message}. <Link href="/lineage">Start again</Link>
        </div>
      </>
    );
  }
  const { node } = parsed.view;
  if (node) {
    const view = { ...parsed.view, node };
    // A small graph comes with the page and is drawn with its HTML. Otherwise the browser starts fetching
    // the graph while it loads the page's scripts; the explorer's own fetch of the same URL (same mode:
    // crossOrigin anonymous = fetch()'s default) then reuses it. A failure here is left to that fetch to tell.
    const small = await smallLineageView(view, QUICK_LAYOUT_MAX_NODES).catch(() => null);
    if (!small) preload(explorerGraphUrl(parsed.view), { as: 'fetch', crossOrigin: 'anonymous' });
    return <>{heading}<LineageExplorer view={view} initialGraph={small} /></>;
  }
  const start = await startJobs(START_JOBS);
  return (
    <>
      {heading}
      <SourceBanners failures={start.failures} />
      <LineageStart jobs={start.jobs} totalJobs={start.totalJobs} configured={start.configured} />
    </>
  );
}
