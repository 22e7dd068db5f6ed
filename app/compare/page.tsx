import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { CodeAndLinks } from '@/components/compare/code-and-links';
import { ComparedRuns } from '@/components/compare/compared-runs';
import { DatasetDiffTable } from '@/components/compare/dataset-diff-table';
import { MetricDiffTable } from '@/components/compare/metric-diff-table';
import { MetricHistories } from '@/components/compare/metric-histories';
import { ParamDiffTable } from '@/components/compare/param-diff-table';
import { runLetter } from '@/components/compare/run-columns';
import { StagePairs } from '@/components/compare/stage-pairs';
import { UpstreamExplanation } from '@/components/compare/upstream-explanation';
import { EmptyState } from '@/components/states/empty-state';
import { SourceBanners } from '@/components/states/source-banners';
import { compareHref, runHref } from '@/lib/api/links';
import { chartChoices, parseCompareRuns, parseCompareView } from '@/lib/audit/compare-query';
import { loadComparison } from '@/lib/catalog/compare-model';
import { boundComparison, COMPARE_LISTS, type BoundedComparison, type CompareList, type CompareOffsets } from '@/lib/audit/compare-bounds';
import { offsetParam } from '@/lib/model/bounded-list';
import { ShowingNote } from '@/components/ui/showing-note';
import { compareLinkMetadata } from '@/lib/catalog/link-unfurls';
import { runLabel } from '@/lib/model/run-fields';
import { getRunIndex } from '@/lib/catalog/run-index';
import { LookupShedNotice } from '@/components/states/lookup-shed-notice';
import { retryAfterSeconds } from '@/lib/catalog/lookup-limit';
import { unlessShed } from '@/lib/catalog/page-guards';
import { AXIS_PARAM, parseChartAxis, type ChartAxis } from '@/lib/series/chart-axis';

export const dynamic = 'force-dynamic';
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ searchParams }: { searchParams: SearchParams }): Promise<Metadata> {
  const parsed = parseCompareRuns((await searchParams).runs);
  return parsed.ok ? compareLinkMetadata(parsed.ids, compareHref(parsed.ids)) : { title: 'Compare runs' };
}

export default async function ComparePage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const parsed = parseCompareRuns(params.runs);
  const offsets: CompareOffsets = Object.fromEntries(COMPARE_LISTS.map((list) => [list, offsetParam(params[list])]));
  const view = { ...parseCompareView(params), axis: parseChartAxis(params[AXIS_PARAM]), offsets };
  // A plain form submits runs=a&runs=b: the permalink is the comma form.
  if (parsed.ok && Array.isArray(params.runs)) redirect(compareHref(parsed.ids, view));
  if (!parsed.ok) {
    return (
      <>
        <h1>Compare runs</h1>
        <div className="notice notice-error" role="alert" data-testid="compare-error">{parsed.error}</div>
        <EmptyState title="Pick the runs to compare">
          Select runs on the <Link href="/">runs list</Link> and press Compare, use “compare with previous run” on a job page, or open
          {' '}<code>/compare?runs=&lt;id&gt;,&lt;id&gt;</code> with any two to six run ids.
        </EmptyState>
      </>
    );
  }

  const index = await getRunIndex();
  const attempt = await unlessShed(() => loadComparison(index, parsed.ids));
  if ('shed' in attempt) return <LookupShedNotice message={attempt.shed.message} retryAfterSeconds={retryAfterSeconds(attempt.shed)} />;
  const loaded = attempt.value;
  const { comparison } = loaded;
  const ids = loaded.found.map((r) => r.id);
  const href = (changes: ViewChange) => compareHref(ids, { ...view, ...changes });

  return (
    <>
      <h1>Compare runs</h1>
      <SourceBanners failures={index.failures} warnings={index.warnings} />
      {loaded.missing.length > 0 ? (
        <div className="notice notice-warn" role="alert" data-testid="compare-missing">
          No run with id {loaded.missing.map((id, i) => <span key={id}>{i > 0 ? ', ' : ''}<code>{id}</code></span>)} was found
          {comparison ? '; the other runs are compared.' : '.'}
        </div>
      ) : null}
      {loaded.notes.map((n) => <div key={n} className="notice notice-info">{n}</div>)}
      {!comparison ? (
        <EmptyState title="Fewer than two runs to compare">
          {loaded.found.length === 1 ? <>Only <Link href={runHref(loaded.found[0]!.id)}>{runLabel(loaded.found[0]!)}</Link> was found. </> : null}
          Give two to six run ids that the configured sources know.
        </EmptyState>
      ) : (
        <CompareSections comparison={boundComparison(comparison, offsets, !view.all)} view={view} href={href} />
      )}
    </>
  );
}

type ViewChange = { all?: boolean; charts?: string[] | null; axis?: ChartAxis; offsets?: CompareOffsets };

function CompareSections({ comparison, view, href }: {
  comparison: BoundedComparison;
  view: ReturnType<typeof parseCompareView> & { axis: ChartAxis; offsets: CompareOffsets };
  href: (changes: ViewChange) => string;
}) {
  const runs = comparison.runs.map((r) => ({ id: r.id, label: r.label }));
  const { windows } = comparison;
  const at = (list: CompareList) => (offset: number) => href({ offsets: { ...view.offsets, [list]: offset } });
  // Chart choices come from the metrics shown (a window): a metric beyond it opens through charts=.
  const charts = chartChoices(comparison.metrics, view.charts);
  const choices = charts.keys.map((key) => {
    const shown = charts.shown.includes(key);
    return { key, shown, href: href({ charts: shown ? charts.shown.filter((k) => k !== key) : [...charts.shown, key] }) };
  });
  return (
    <>
      <ComparedRuns runs={comparison.runs} all={view.all} />
      {comparison.pairs.map((pair, i) => {
        const letters: [string, string] = [runLetter(0), runLetter(i + 1)];
        return (
          <div key={pair.other.id}>
            <UpstreamExplanation pair={pair} letters={letters} />
            {pair.stages.length > 0 ? <StagePairs stages={pair.stages} letters={letters} /> : null}
            {windows.stages[i] ? <ShowingNote window={windows.stages[i]} noun="stages" hrefAt={at('stages')} /> : null}
          </div>
        );
      })}
      <ParamDiffTable runs={runs} params={comparison.params} all={view.all} toggleHref={href({ all: !view.all, offsets: { ...view.offsets, params: 0 } })}
        counts={{ total: windows.paramsAll, differing: windows.paramsDiffering, secret: windows.paramsSecret }} />
      <ShowingNote window={windows.params} noun={view.all ? 'params' : 'differing params'} hrefAt={at('params')} />
      <MetricDiffTable runs={runs} metrics={comparison.metrics} />
      <ShowingNote window={windows.metrics} noun="metrics" hrefAt={at('metrics')} />
      <MetricHistories runs={runs} metrics={comparison.metrics} choices={choices} axis={view.axis}
        axisHrefs={{ step: href({ axis: 'step' }), time: href({ axis: 'time' }), wall: href({ axis: 'wall' }) }} />
      <DatasetDiffTable title="Inputs" runs={runs} rows={comparison.inputs} testId="input-diff" />
      <ShowingNote window={windows.inputs} noun="inputs" hrefAt={at('inputs')} />
      <DatasetDiffTable title="Outputs" runs={runs} rows={comparison.outputs} testId="output-diff" />
      <ShowingNote window={windows.outputs} noun="outputs" hrefAt={at('outputs')} />
      <CodeAndLinks runs={runs} code={comparison.code} links={comparison.links} />
    </>
  );
}
