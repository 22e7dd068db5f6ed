import Link from 'next/link';
import { CompareSelection } from '@/components/runs/compare-selection';
import { LiveIndicator } from '@/components/live/live-indicator';
import { RunsFilters } from '@/components/runs/runs-filters';
import { RunsTable } from '@/components/runs/runs-table';
import { EmptyState } from '@/components/states/empty-state';
import { SourceBanners } from '@/components/states/source-banners';
import { RUN_STATUSES, runStatus } from '@/lib/model/run-fields';
import { getRunIndex } from '@/lib/catalog/run-index';
import { pageRuns, runListQuerySchema } from '@/lib/catalog/run-list';
import { filterChoices, toRunRow } from '@/lib/catalog/run-row';
import { zodMessage } from '@/lib/api/zod-message';
import { getSources } from '@/lib/sources';

export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function RunsPage({ searchParams }: { searchParams: SearchParams }) {
  const raw: Record<string, string> = {};
  for (const [key, value] of Object.entries(await searchParams)) if (typeof value === 'string' && value !== '') raw[key] = value;
  const query = runListQuerySchema.safeParse(raw);
  const index = await getRunIndex();
  const sources = getSources();
  const configured = sources.lineage.length + sources.experiment.length;
  const page = query.success ? pageRuns(index.runs, query.data) : { error: zodMessage(query.error) };
  const nextHref = 'runs' in page && page.nextCursor ? `/?${new URLSearchParams({ ...raw, cursor: page.nextCursor })}` : null;
  const { cursor: _cursor, ...withoutCursor } = raw;
  const live = 'runs' in page && page.runs.some((run) => runStatus(run) === 'RUNNING');

  return (
    <>
      <h1>Runs</h1>
      <p className="subtle">Lineage runs and experiment runs joined into one list, newest first.</p>
      <LiveIndicator pollUrl={`/api/runs?${new URLSearchParams(raw)}`} live={live} kind="list" />
      <SourceBanners failures={index.failures} warnings={index.warnings} />
      <RunsFilters values={raw} statuses={RUN_STATUSES} {...filterChoices(index.runs)} />
      {'error' in page ? (
        <div className="notice notice-error">These filters are not valid: {page.error}</div>
      ) : configured === 0 ? (
        <EmptyState title="No source is configured">
          Set <code>OPENLINEAGE_EVENTS</code> and <code>MLFLOW_TRACKING_URI</code> (see the README), or run <code>npm run demo</code>.
        </EmptyState>
      ) : page.runs.length === 0 ? (
        <EmptyState title={index.runs.length === 0 ? 'No runs yet' : 'No run matches these filters'}>
          {index.runs.length === 0 ? 'The configured sources hold no runs. New runs appear here as they are written.' : <Link href="/">Clear the filters</Link>}
        </EmptyState>
      ) : (
        <>
          <CompareSelection><RunsTable rows={page.runs.map(toRunRow)} /></CompareSelection>
          <div className="pager">
            {raw.cursor ? <Link href={`/?${new URLSearchParams(withoutCursor)}`}>← First page</Link> : null}
            {nextHref ? <Link href={nextHref} data-testid="next-page">Next page →</Link> : null}
          </div>
        </>
      )}
    </>
  );
}
