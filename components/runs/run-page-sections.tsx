import Link from 'next/link';
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
import { SectionNav } from '@/components/runs/section-nav';
import { DataQualityPanel } from '@/components/facets/data-quality';
import { JobFacetFacts } from '@/components/facets/job-facet-facts';
import { RunFacetFacts } from '@/components/facets/run-facet-facts';
import { RawFacet } from '@/components/facets/raw-facet';
import { ProducedVersions } from '@/components/models/produced-versions';
import { LiveIndicator } from '@/components/live/live-indicator';
import { SourceBanners } from '@/components/states/source-banners';
import { UnmatchedNotice } from '@/components/states/unmatched-notice';
import { ShowingNote } from '@/components/ui/showing-note';
import { MAX_CHILD_DATASETS } from '@/lib/catalog/children-lineage';
import type { ChartedHistory } from '@/lib/catalog/metric-history';
import type { RunIndex } from '@/lib/catalog/run-index';
import type { ResolvedRun } from '@/lib/catalog/run-lookup';
import type { RunPageOffsets, runPageModel } from '@/lib/catalog/run-page-model';
import { auditHref, runHref } from '@/lib/api/links';
import type { UnifiedRun } from '@/lib/model';

/*
 * The run page's two parts, ordered for the reader: what happened (title, failure) and the numbers (metrics,
 * params, charts) above the fold; then the data, its lineage and upstream chain, and the raw facts last.
 * The page streams the second part on its own when it waits on the lineage source.
 */

type Model = ReturnType<typeof runPageModel>;
/** The link to a list of the page from another offset (`?params=200`). */
type At = (list: keyof RunPageOffsets) => (offset: number) => string;

/** When this render happened, for a running run's elapsed time (outside the component: render must be pure). */
function requestTime(): number {
  return Date.now();
}

/** Where the sections below the charts will be, while the lineage source is asked for the exact versions. */
export function RestLoading() {
  return (
    <section className="panel" data-testid="run-rest-loading" aria-busy="true">
      <h2>Datasets and lineage</h2>
      <p className="subtle">Asking the lineage source for the exact dataset versions this run read and wrote…</p>
      <div className="skeleton" style={{ height: 80 }} />
    </section>
  );
}


/** What happened (title, failure) and the numbers (metrics, params, charts): above the fold. */
export function RunPageTop({ index, run, model, charted, at }: { index: RunIndex; run: UnifiedRun; model: Model; charted: Promise<ChartedHistory[]>; at: At }) {
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
export function RunPageRest({ index, resolved, model, at }: { index: RunIndex; resolved: ResolvedRun; model: Model; at: At }) {
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
            {model.inputsNote ? <p className="subtle" data-testid="inputs-note">{model.inputsNote}</p> : null}
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
