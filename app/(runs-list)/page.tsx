import Link from 'next/link';
import { CompareSelection } from '@/components/runs/compare-selection';
import { LiveIndicator } from '@/components/live/live-indicator';
import { RunsFilters } from '@/components/runs/runs-filters';
import { RunsTable } from '@/components/runs/runs-table';
import { EmptyState } from '@/components/states/empty-state';
import { SourceBanners } from '@/components/states/source-banners';
import { SyncBanners } from '@/components/states/sync-banners';
import { RUN_STATUSES, runStatus } from '@/lib/model/run-fields';
import { getRunIndex } from '@/lib/catalog/run-index';
import { pageRuns, runListQuerySchema } from '@/lib/catalog/run-list';
import { toRunRow, withColumns } from '@/lib/catalog/run-row';
import { zodMessage } from '@/lib/api/zod-message';
import { getSources } from '@/lib/sources';

export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

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
  const page = query.success ? await pageRuns(index.store, query.data) : { error: zodMessage(query.error) };
  const choices = await index.store.choices();
  const columns = query.success ? query.data.columns : [];
  const sort = query.success ? query.data.sort : '-start';
  const tableColumns = columns.map((id) => ({
    id,
    label: id.replace(/^(metrics|params)\./, ''),
    sorted: sort === id ? ('asc' as const) : sort === `-${id}` ? ('desc' as const) : null,
    sortHref: `/?${new URLSearchParams({ ...withoutCursorOf(raw), sort: sort === `-${id}` ? id : `-${id}` })}`,
  }));
  const noRuns = 'runs' in page && page.total === 0 && !raw.q && !raw.status && !raw.job && !raw.experiment;
  const nextHref = 'runs' in page && page.nextCursor ? `/?${new URLSearchParams({ ...raw, cursor: page.nextCursor })}` : null;
  const { cursor: _cursor, ...withoutCursor } = raw;
  const live = 'runs' in page && page.runs.some((run) => runStatus(run) === 'RUNNING');

  return (
    <>
      <h1>Runs</h1>
      <p className="subtle">Lineage runs and experiment runs joined into one list, newest first.</p>
      <LiveIndicator pollUrl={`/api/runs?${new URLSearchParams(raw)}`} live={live} kind="list" />
      <SourceBanners failures={index.failures} warnings={index.warnings} />
      <SyncBanners sync={index.sync} />
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
          <p className="subtle" data-testid="runs-count">Showing {page.runs.length.toLocaleString('en-US')} of {page.total.toLocaleString('en-US')} run{page.total === 1 ? '' : 's'}</p>
          <div className="table-scroll">
            <CompareSelection><RunsTable rows={page.runs.map((run) => withColumns(toRunRow(run), columns))} columns={tableColumns} /></CompareSelection>
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
