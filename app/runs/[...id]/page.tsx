import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { notFound } from 'next/navigation';
import { RunGraphLazy } from '@/components/lineage/run-graph-lazy';
import { RunGraphPreview } from '@/components/lineage/run-graph-preview';
import { NearViewport } from '@/components/runs/near-viewport';
import { DatasetsTable } from '@/components/runs/datasets-table';
import { KeyValueTable } from '@/components/runs/key-value-table';
import { LinkPanel } from '@/components/runs/link-panel';
import { ChartsPanel, MetricsTable } from '@/components/runs/metrics-panel';
import { ParamsTable } from '@/components/runs/params-table';
import { RunHeader } from '@/components/runs/run-header';
import { RunRelations } from '@/components/runs/run-relations';
import { RunUpstreamPanel } from '@/components/runs/run-upstream-panel';
import { FailurePanel } from '@/components/runs/failure-panel';
import { DataQualityPanel } from '@/components/facets/data-quality';
import { JobFacetFacts } from '@/components/facets/job-facet-facts';
import { RunFacetFacts } from '@/components/facets/run-facet-facts';
import { RawFacet } from '@/components/facets/raw-facet';
import { SectionNav } from '@/components/runs/section-nav';
import { ProducedVersions } from '@/components/models/produced-versions';
import { LiveIndicator } from '@/components/live/live-indicator';
import { SourceBanners } from '@/components/states/source-banners';
import { UnmatchedNotice } from '@/components/states/unmatched-notice';
import { ShowingNote } from '@/components/ui/showing-note';
import { offsetParam } from '@/lib/model/bounded-list';
import { runIdFromSegments, runIdSchema } from '@/lib/model/run-id';
import { chartedHistories } from '@/lib/catalog/metric-history';
import { getRunIndex, type RunIndex } from '@/lib/catalog/run-index';
import { resolvingAsksUpstream, type ResolvedRun } from '@/lib/catalog/run-lookup';
import { indexedRunOnce, resolveRunOnce, unlessShed } from '@/lib/catalog/page-guards';
import { retryAfterSeconds } from '@/lib/catalog/lookup-limit';
import { LookupShedNotice } from '@/components/states/lookup-shed-notice';
import { historyKeysOf, runPageModel } from '@/lib/catalog/run-page-model';
import { MAX_CHILD_DATASETS } from '@/lib/catalog/children-lineage';
import { runLinkMetadata } from '@/lib/catalog/link-unfurls';
import { auditHref, runHref } from '@/lib/api/links';
import type { UnifiedRun } from '@/lib/model';
import { CHARTS_PARAM, chartedKeys } from '@/lib/queries/metric-history-selection';

export const dynamic = 'force-dynamic';


type Params = Promise<{ id: string[] }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The page waits this long at most for the charted histories; later ones load in the browser (a busy upstream never holds the page). */
const CHARTS_DEADLINE_MS = 1_000;

/** The bounded set of histories to chart (see metric-history-selection), fetched in parallel. */
function startCharts(run: UnifiedRun, requested: string | string[] | undefined) {
  return chartedHistories(run, chartedKeys(historyKeysOf(run), typeof requested === 'string' ? requested : undefined), { deadlineMs: CHARTS_DEADLINE_MS });
}

/** When this render happened, for a running run's elapsed time (outside the component: render must be pure). */
function requestTime(): number {
  return Date.now();
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const id = runIdSchema.safeParse(runIdFromSegments((await params).id));
  return id.success ? runLinkMetadata(id.data) : { title: 'Run' };
}

type Offsets = Parameters<typeof runPageModel>[2] & object;
type Model = ReturnType<typeof runPageModel>;

/** Where each list starts, from the query (`?inputs=`, `?params=`, …). */
function offsetsOf(query: Awaited<SearchParams>): Offsets {
  return { inputs: offsetParam(query.inputs), outputs: offsetParam(query.outputs), params: offsetParam(query.params), metrics: offsetParam(query.metrics), tags: offsetParam(query.tags) };
}

const pageAt = (run: UnifiedRun) => (list: keyof Offsets) => (offset: number) => `${runHref(run.id)}?${list}=${offset}`;

/**
 * An indexed run whose page top needs no upstream while the lineage source is asked for its exact dataset
 * versions (it has its experiment side), which change only the sections below the charts. When nothing is asked,
 * the page renders in one piece: React reveals a section streamed after the first paint up to 300 ms late.
 */
const topIsReady = (run: UnifiedRun | null): run is UnifiedRun => run !== null && run.experiment !== null && resolvingAsksUpstream(run);

export default async function RunPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const id = runIdSchema.safeParse(runIdFromSegments((await params).id));
  if (!id.success) notFound();
  const query = await searchParams;
  const requestedCharts = query[CHARTS_PARAM];
  const offsets = offsetsOf(query);
  const index = await getRunIndex();
  // The indexed run and its surroundings come from the index alone; the upstream calls (the run's own events,
  // its upstream walk) start at once, in parallel with the charted histories.
  const indexed = await indexedRunOnce(id.data);
  const early = indexed ? startCharts(indexed, requestedCharts) : null;
  const resolving = unlessShed(() => resolveRunOnce(id.data));
  if (topIsReady(indexed)) {
    // Title, failure, metrics, params and charts go out now; the datasets and everything after stream in
    // when the lineage source has answered (a slow Marquez never holds back the top of the page).
    resolving.catch(() => undefined);
    const model = runPageModel(index, indexed, offsets);
    return (
      <>
        <RunPageTop index={index} run={indexed} model={model} charted={early ?? startCharts(indexed, requestedCharts)} at={pageAt(indexed)} />
        <Suspense fallback={<RestLoading />}>
          <ResolvedRest index={index} resolving={resolving} offsets={offsets} />
        </Suspense>
      </>
    );
  }
  // Rendered beside the layout, whose check shares this look-up: when it was shed, both say "try again".
  const attempt = await resolving;
  if ('shed' in attempt) return <LookupShedNotice message={attempt.shed.message} retryAfterSeconds={retryAfterSeconds(attempt.shed)} />;
  const resolved = attempt.value;
  if (!resolved) notFound();
  const model = runPageModel(index, resolved.run, offsets);
  return (
    <>
      <RunPageTop index={index} run={resolved.run} model={model} charted={early ?? startCharts(resolved.run, requestedCharts)} at={pageAt(resolved.run)} />
      <RunPageRest index={index} resolved={resolved} model={model} at={pageAt(resolved.run)} />
    </>
  );
}

function RestLoading() {
  return (
    <section className="panel" data-testid="run-rest-loading" aria-busy="true">
      <h2>Datasets and lineage</h2>
      <p className="subtle">Asking the lineage source for the exact dataset versions this run read and wrote…</p>
      <div className="skeleton" style={{ height: 80 }} />
    </section>
  );
}

/** The sections below the charts, once the run is resolved with its exact versions. */
async function ResolvedRest({ index, resolving, offsets }: { index: RunIndex; resolving: ReturnType<typeof unlessShed<ResolvedRun | null>>; offsets: Offsets }) {
  const attempt = await resolving;
  if ('shed' in attempt) return <LookupShedNotice message={attempt.shed.message} retryAfterSeconds={retryAfterSeconds(attempt.shed)} />;
  const resolved = attempt.value;
  if (!resolved) return null;
  return <RunPageRest index={index} resolved={resolved} model={runPageModel(index, resolved.run, offsets)} at={pageAt(resolved.run)} />;
}

type At = ReturnType<typeof pageAt>;

/** What happened (title, failure) and the numbers (metrics, params, charts): above the fold. */
function RunPageTop({ index, run, model, charted, at }: { index: RunIndex; run: UnifiedRun; model: Model; charted: ReturnType<typeof startCharts>; at: At }) {
  const live = model.header.status === 'RUNNING';
  const link = model.link ? <LinkPanel link={model.link} /> : null;
  return (
    <>
      <SourceBanners failures={index.failures} warnings={index.warnings} />
      <RunHeader run={model.header} experimentUrl={model.experimentUrl} auditHref={auditHref(run.id)} compareHref={model.compareWithPreviousHref} link={link} renderedAtMs={requestTime()} />
      <LiveIndicator pollUrl={`/api${runHref(run.id)}`} live={live} kind="run" />
      {model.link ? null : <UnmatchedNotice side={run.lineage ? 'lineage' : 'experiment'} notes={run.notes} tracker={model.tracker} />}
      <SectionNav sections={[
        ...(model.failure ? [{ id: 'failure', label: 'Failure' }] : []),
        { id: 'metrics', label: 'Metrics' }, { id: 'params', label: 'Params' }, { id: 'charts', label: 'Charts' },
        { id: 'datasets', label: 'Datasets' }, { id: 'lineage', label: 'Lineage' }, { id: 'upstream', label: 'Upstream' },
        { id: 'code', label: 'Code' }, { id: 'tags', label: 'Tags' }, ...(model.facets ? [{ id: 'facets', label: 'Raw facets' }] : []),
      ]} />
      {model.failure ? <FailurePanel failure={model.failure} /> : null}
      <div className="run-summary">
        <div>
          <MetricsTable metrics={model.metrics} historyKeys={model.historyKeys} />
          <ShowingNote window={model.windows.metrics} noun="metrics" hrefAt={at('metrics')} />
          <ParamsTable rows={model.params} tracker={model.tracker} />
          <ShowingNote window={model.windows.params} noun="params" hrefAt={at('params')} />
        </div>
        <ChartsPanel runId={run.id} historyKeys={model.historyKeys} charted={charted} live={live} />
      </div>
    </>
  );
}

/** The data, its lineage and upstream chain, and the raw facts last. */
function RunPageRest({ index, resolved, model, at }: { index: RunIndex; resolved: ResolvedRun; model: Model; at: At }) {
  const { run, versionBasis, versionError } = resolved;
  return (
    <>
      <RunRelations parent={model.parent} childRuns={model.children} />
      {model.jobFacetPanel || model.runFacetPanel ? (
        <div className="grid-2">
          {model.jobFacetPanel ? <JobFacetFacts panel={model.jobFacetPanel} /> : null}
          {model.runFacetPanel ? <RunFacetFacts panel={model.runFacetPanel} /> : null}
        </div>
      ) : null}
      <DataQualityPanel entries={model.dataQuality} />
      <ProducedVersions versions={model.modelVersions} />
      <div id="datasets">
        {versionBasis ? <p className="subtle" data-testid="version-basis">{versionBasis}</p> : null}
        {versionError ? <div className="notice notice-warn" role="alert">{versionError}</div> : null}
        <div className="grid-2">
          <div>
            <DatasetsTable title="Inputs" rows={model.datasets.inputs} relatedLabel="Produced by" testId="inputs" tracker={model.tracker} />
            <ShowingNote window={model.windows.inputs} noun="inputs" hrefAt={at('inputs')} />
          </div>
          <div>
            <DatasetsTable title="Outputs" rows={model.datasets.outputs} relatedLabel="Read by" testId="outputs" tracker={model.tracker} />
            <ShowingNote window={model.windows.outputs} noun="outputs" hrefAt={at('outputs')} />
          </div>
        </div>
      </div>
      <section className="panel" id="lineage">
        <h2>Lineage around this run</h2>
        {model.explorerHref ? <p className="subtle"><Link href={model.explorerHref} data-testid="open-in-explorer">Open this job in the lineage explorer</Link></p> : null}
        {model.graphFromStages ? (
          <p className="subtle" data-testid="graph-from-stages">
            This pipeline run reported no datasets itself: the graph shows what its stages read from outside the pipeline and everything they wrote
            {model.graphFromStages.leftOut > 0 ? ` (showing ${MAX_CHILD_DATASETS} a side; ${model.graphFromStages.leftOut} more left out)` : ''}.
          </p>
        ) : null}
        {/* Below the fold: the interactive graph's code loads when the section comes near the window. */}
        <NearViewport placeholder={<RunGraphPreview neighbourhood={model.neighbourhood} />}><RunGraphLazy neighbourhood={model.neighbourhood} /></NearViewport>
      </section>
      <div id="upstream"><RunUpstreamPanel index={index} run={run} /></div>
      <div className="grid-2">
        <div id="code"><KeyValueTable title="Code version" rows={model.code} empty="No code version recorded (no mlflow.source.git.commit tag, no sourceCodeLocation facet)." testId="code-version" /></div>
        <div id="tags">
          <KeyValueTable title="Tags" rows={model.tags} empty="No tags." testId="tags" />
          <ShowingNote window={model.windows.tags} noun="tags" hrefAt={at('tags')} />
        </div>
      </div>
      {model.facets ? (
        <section className="panel" id="facets">
          <details>
            <summary>OpenLineage run facets (raw)</summary>
            {model.facets.map((f) => <RawFacet key={f.name} facet={f} runId={run.id} />)}
          </details>
        </section>
      ) : null}
    </>
  );
}
