import type { Metadata } from 'next';
import { Suspense } from 'react';
import { notFound } from 'next/navigation';
import { RestLoading, RunPageRest, RunPageTop } from '@/components/runs/run-page-sections';
import { LookupShedNotice } from '@/components/states/lookup-shed-notice';
import { LIST_LIMIT, offsetParam } from '@/lib/model/bounded-list';
import { runIdFromSegments, runIdSchema } from '@/lib/model/run-id';
import { chartedHistories } from '@/lib/catalog/metric-history';
import { getRunIndex, type RunIndex } from '@/lib/catalog/run-index';
import { resolvingAsksUpstream, type ResolvedRun } from '@/lib/catalog/run-lookup';
import { indexedRunOnce, resolveRunOnce, unlessShed } from '@/lib/catalog/page-guards';
import { retryAfterSeconds } from '@/lib/catalog/lookup-limit';
import { historyKeysOf, runPageModel, type RunPageOffsets } from '@/lib/catalog/run-page-model';
import { withInputsAt } from '@/lib/catalog/run-inputs-block';
import { runLinkMetadata } from '@/lib/catalog/link-unfurls';
import { runHref } from '@/lib/api/links';
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

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const id = runIdSchema.safeParse(runIdFromSegments((await params).id));
  return id.success ? runLinkMetadata(id.data) : { title: 'Run' };
}

/** Where each list starts, from the query (`?inputs=`, `?params=`, …). */
function offsetsOf(query: Awaited<SearchParams>): RunPageOffsets {
  return { inputs: offsetParam(query.inputs), outputs: offsetParam(query.outputs), params: offsetParam(query.params), metrics: offsetParam(query.metrics), tags: offsetParam(query.tags) };
}

/** The link to one of the page's lists from another offset (`?params=200`). */
const pageAt = (run: UnifiedRun) => (list: keyof RunPageOffsets) => (offset: number) => `${runHref(run.id)}?${list}=${offset}`;

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
  const found = await indexedRunOnce(id.data);
  const indexed = found && await withInputsAt(index, found, offsets.inputs ?? 0, LIST_LIMIT);
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
  const resolved = attempt.value && { ...attempt.value, run: await withInputsAt(index, attempt.value.run, offsets.inputs ?? 0, LIST_LIMIT) };
  if (!resolved) notFound();
  const model = runPageModel(index, resolved.run, offsets);
  return (
    <>
      <RunPageTop index={index} run={resolved.run} model={model} charted={early ?? startCharts(resolved.run, requestedCharts)} at={pageAt(resolved.run)} />
      <RunPageRest index={index} resolved={resolved} model={model} at={pageAt(resolved.run)} />
    </>
  );
}

/** The sections below the charts, once the run is resolved with its exact versions. */
async function ResolvedRest({ index, resolving, offsets }: { index: RunIndex; resolving: ReturnType<typeof unlessShed<ResolvedRun | null>>; offsets: RunPageOffsets }) {
  const attempt = await resolving;
  if ('shed' in attempt) return <LookupShedNotice message={attempt.shed.message} retryAfterSeconds={retryAfterSeconds(attempt.shed)} />;
  const resolved = attempt.value && { ...attempt.value, run: await withInputsAt(index, attempt.value.run, offsets.inputs ?? 0, LIST_LIMIT) };
  if (!resolved) return null; // not reached: an indexed run always resolves (to itself at least)
  return <RunPageRest index={index} resolved={resolved} model={runPageModel(index, resolved.run, offsets)} at={pageAt(resolved.run)} />;
}

