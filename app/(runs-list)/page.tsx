import Link from 'next/link';
import { CompareSelection } from '@/components/runs/compare-selection';
import { LiveIndicator } from '@/components/live/live-indicator';
import { RunsFilters } from '@/components/runs/runs-filters';
import { RunsTable } from '@/components/runs/runs-table';
import { EmptyState } from '@/components/states/empty-state';
import { SourceBanners } from '@/components/states/source-banners';
import { SyncBanners } from '@/components/states/sync-banners';
import { RUN_STATUSES, runStatus } from '@/lib/model/run-fields';
import { sharedRunCounts } from '@/lib/catalog/run-counts';
import { getRunIndex } from '@/lib/catalog/run-index';
import { syncBannerViews } from '@/lib/catalog/sync-banner';
import { isGrouped, pageRuns, runListQuerySchema } from '@/lib/catalog/run-list';
import { zodMessage } from '@/lib/api/zod-message';
import { getSources } from '@/lib/sources';
import { countText, groupsOf } from './list-view';

export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** When this render happened, for the relative times (outside the component: render must be pure). */
function requestTime(): number {
  return Date.now();
}

function withoutCursorOf(raw: Record<string, string>): Record<string, string> {
  const { cursor: _cursor, ...rest } = raw;
  return rest;
}

export default async function RunsPage({ searchParams }: { searchParams: SearchParams }) {
  const raw: Record<string, string> = {};
  for (const [key, value] of Object.entries(await searchParams)) if (typeof value === 'string' && value !== '') raw[key] = value;
  const query = runListQuerySchema.safeParse(raw);
  const index = await getRunIndex();
  const sources = getSources();
  const configured = sources.lineage.length + sources.experiment.length;
  // The page nests stages under their pipeline execution unless filtering (or ?group=none); the API lists flat unless asked.
  const page = query.success ? await pageRuns(index.store, query.data, true, sharedRunCounts(index)) : { error: zodMessage(query.error) };
  const grouped = query.success && isGrouped(query.data, true);
  const choices = await index.store.choices();
  const columns = query.success ? query.data.columns : [];
  const sort = query.success ? query.data.sort : '-start';
  const tableColumns = columns.map((id) => ({
    id,
    label: id.replace(/^(metrics|params)\./, ''),
    sorted: sort === id ? ('asc' as const) : sort === `-${id}` ? ('desc' as const) : null,
    sortHref: `/?${new URLSearchParams({ ...withoutCursorOf(raw), sort: sort === `-${id}` ? id : `-${id}` })}`,
  }));
  const filtered = Boolean(raw.q || raw.status || raw.job || raw.experiment || raw.parent);
  const noRuns = 'runs' in page && page.total === 0 && !filtered;
  const nextHref = 'runs' in page && page.nextCursor ? `/?${new URLSearchParams({ ...raw, cursor: page.nextCursor })}` : null;
  const { cursor: _cursor, ...withoutCursor } = raw;
  const shownRuns = 'runs' in page ? [...page.runs, ...(page.grouped?.stages.flatMap((g) => g.runs) ?? [])] : [];
  const live = shownRuns.some((run) => runStatus(run) === 'RUNNING');
  const pollQuery = new URLSearchParams({ ...raw, ...(grouped ? { group: 'stages' } : {}) });

  return (
    <>
      <h1>Runs</h1>
      <p className="subtle">Lineage runs and experiment runs joined into one list, newest first; a pipeline execution&apos;s stages fold under it.</p>
      <LiveIndicator pollUrl={`/api/runs?${pollQuery}`} live={live} kind="list" />
      <SourceBanners failures={index.failures} warnings={index.warnings} />
      <SyncBanners sync={syncBannerViews(index.sync, sources.lineage.map((s) => s.id))} />
      <RunsFilters values={raw} statuses={RUN_STATUSES} jobs={choices.jobs} experiments={choices.experiments}
        columnChoices={[...choices.metricKeys.map((k) => `metrics.${k}`), ...choices.paramKeys.map((k) => `params.${k}`)]} />
      {'error' in page ? (
        <div className="notice notice-error">These filters are not valid: {page.error}</div>
      ) : configured === 0 ? (
        <EmptyState title="No source is configured">
          Set <code>OPENLINEAGE_EVENTS</code> and <code>MLFLOW_TRACKING_URI</code> (see the README), or run <code>npm run demo</code>.
        </EmptyState>
      ) : page.runs.length === 0 ? (
        <EmptyState title={noRuns ? 'No runs yet' : 'No run matches these filters'}>
          {noRuns ? 'The configured sources hold no runs. New runs appear here as they are written.' : <Link href="/">Clear the filters</Link>}
        </EmptyState>
      ) : (
        <>
          <p className="subtle" data-testid="runs-count">
            {countText(page, query.success ? query.data.parent : undefined, filtered)}
            {grouped ? <> · <Link href={`/?${new URLSearchParams({ ...withoutCursor, group: 'none' })}`}>list stages flat</Link></> : null}
            {raw.parent ? <> · <Link href="/">all runs</Link></> : null}
          </p>
          <div className="table-scroll">
            <CompareSelection>
              <RunsTable groups={groupsOf(page, columns, raw)} columns={tableColumns} renderedAtMs={requestTime()} parentLinks={!grouped && !raw.parent} />
            </CompareSelection>
          </div>
          <div className="pager">
            {raw.cursor ? <Link href={`/?${new URLSearchParams(withoutCursor)}`}>← First page</Link> : null}
            {nextHref ? <Link href={nextHref} data-testid="next-page">Next page →</Link> : null}
          </div>
        </>
      )}
    </>
  );
}
