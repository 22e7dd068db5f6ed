import 'server-only';
import { experimentRunKey, type ExactRun, type ExperimentRun, type LineageRun, type UnifiedRun, type UpstreamLineage } from '@/lib/model';
import { experimentRecordKeys, joinRuns, lineageRecordKeys } from '@/lib/join';
import { getSources } from '@/lib/sources';
import { cachedExactRun, cachedExperimentRun, cachedUpstream } from './run-cache';
import { runStatus } from '@/lib/model/run-fields';
import { findDataset, findJob, findRun, loadDatasets, loadJobs, loadNeighbourhood, loadRuns, rememberRuns, type RunIndex } from './run-index';
import { DEFAULT_UPSTREAM_DEPTH } from './upstream';
import { producerLookup } from './producer-lookup';
import { LookupAttempts } from './lookup-attempts';

export interface ResolvedRun {
  run: UnifiedRun;
  /** Where the dataset versions shown come from, when a source had to be asked for them. */
  versionBasis: string | null;
  /** A lineage source that could not give the exact versions (the snapshot's are shown instead). */
  versionError: string | null;
}

const BASIS: Record<ExactRun['basis'], string> = {
  'own-events': "Dataset versions come from this run's own OpenLineage events, not from the dataset's current version.",
  'source-record': "This run's own events could not be fetched, so no dataset versions are shown: the source's record of the run may name a dataset's current version instead of the one read.",
};

/**
 * Joins runs found outside the snapshots (a Marquez run older than its window, an MLflow run started
 * since the last refresh) with the index's, and picks the one the id named.
 */
async function joinFound(index: RunIndex, lineage: LineageRun | null, experiment: ExperimentRun | null): Promise<UnifiedRun | null> {
  const mine = [...(lineage ? [lineageRecordKeys(lineage)] : []), ...(experiment ? [experimentRecordKeys(experiment)] : [])];
  const stored = await index.store.partnerRecords({
    lineage: [...(lineage ? [lineageRecordKeys(lineage).key] : []), ...mine.flatMap((k) => k.evidence.map((e) => e.lineageKey))],
    experiment: [...(experiment ? [experimentRecordKeys(experiment).key] : []), ...mine.flatMap((k) => k.evidence.map((e) => e.experimentKey))],
  });
  // The found records come first: joinRuns keeps the first record of each key, and they are the fresher answer.
  const lineageRuns = [...(lineage ? [lineage] : []), ...stored.lineage];
  const experimentRuns = [...(experiment ? [experiment] : []), ...stored.experiment];
  const key = experiment ? experimentRunKey(experiment) : null;
  const named = (r: UnifiedRun) => (lineage ? r.lineage?.runId === lineage.runId : r.experiment !== null && experimentRunKey(r.experiment) === key);
  const run = joinRuns(lineageRuns, experimentRuns).find(named) ?? null;
  if (run) rememberRuns(index, [run]);
  return run;
}

/**
 * An id the index does not know, asked of the sources that look runs up directly: lineage sources
 * first, then experiment sources (e.g. a notification's link to an MLflow run that started after the
 * last snapshot refresh), whose run may also be the experiment side of the lineage run found.
 */
async function lookUpMissing(index: RunIndex, id: string): Promise<ResolvedRun | null> {
  const { lineage, experiment } = getSources();
  const attempts = new LookupAttempts();
  const exact = await attempts.firstFound(lineage, (source) => cachedExactRun(source, id, true));
  const joined = exact ? await joinFound(index, exact.run, null) : null;
  const versionBasis = exact ? BASIS[exact.basis] : null;
  if (joined?.experiment) return { run: joined, versionBasis, versionError: null };
  const experimentRun = await attempts.firstFound(experiment, (source) => cachedExperimentRun(source, id));
  const run = experimentRun ? await joinFound(index, exact?.run ?? null, experimentRun) : joined;
  return run ? { run, versionBasis, versionError: null } : attempts.nothingFound();
}

/**
 * A lineage run the index holds unlinked, looked up by an id an experiment source may know: its
 * experiment run may have started after the last snapshot refresh (OpenLineage runIds that are MLflow run ids).
 */
async function withExperimentSide(index: RunIndex, run: UnifiedRun, id: string): Promise<UnifiedRun> {
  const experiment = await new LookupAttempts().firstFound(getSources().experiment, (source) => cachedExperimentRun(source, id));
  // The join compares every input with the run's logged datasets (the dataset rule): it reads them all.
  return (experiment && run.lineage ? await joinFound(index, await index.store.allInputs(run.lineage), experiment) : null) ?? run;
}

/** Fills in which run produced each input, from the source's run-level lineage (its first level). */
function withProducers(run: LineageRun, upstream: UpstreamLineage | null): LineageRun {
  const self = upstream?.runs.find((r) => r.depth === 0);
  if (!self) return run;
  const producer = producerLookup(self.inputs);
  return { ...run, inputs: run.inputs.map((d) => ({ ...d, producedByRunId: d.producedByRunId ?? producer(d) })) };
}

/** Runs a run page lists at most from the lineage snapshot (the readers of each output, the job's recent runs). */
const AROUND_LIMIT = 200;

/**
 * What the run page shows around a lineage run, loaded by id from the index: the runs that read the
 * versions it wrote, and its job's recent runs ("compare with the previous run").
 */
async function loadAround(index: RunIndex, lineage: LineageRun): Promise<void> {
  await Promise.all([loadJobs(index, [lineage.job]), loadDatasets(index, [...lineage.inputs, ...lineage.outputs].slice(0, AROUND_LIMIT))]);
  const job = findJob(index, lineage.job)?.job;
  const readers = lineage.outputs.slice(0, AROUND_LIMIT).flatMap((d) =>
    findDataset(index, d)?.dataset.versions.find((v) => v.createdByRunId === lineage.runId)?.consumedByRunIds.slice(0, AROUND_LIMIT) ?? []);
  await loadRuns(index, [...(job?.runIds.slice(0, AROUND_LIMIT) ?? []), ...readers]);
}

/**
 * The run as the index holds it, with what its page draws around it (parent, stages, producers of its inputs,
 * readers, the job's runs) loaded by id from the index; null when the index does not know the id. No upstream call.
 */
export async function indexedRun(index: RunIndex, id: string): Promise<UnifiedRun | null> {
  await loadNeighbourhood(index, [id]);
  const found = findRun(index, id);
  if (found?.lineage) await loadAround(index, found.lineage);
  return found;
}

/**
 * Whether resolveRun asks an upstream for this indexed run (its lineage source rebuilds runs from their own
 * events, or an experiment source is asked for the missing side): a page streams the sections that wait on it.
 */
export function resolvingAsksUpstream(run: UnifiedRun): boolean {
  const lineage = run.lineage;
  if (!lineage) return false;
  return !run.experiment || getSources().lineage.some((s) => s.id === lineage.source && s.exactRun !== undefined);
}

/**
 * Which inputs of a run with more than its record keeps (payload.ts STORED_INPUTS) are read back: `all` for views
 * that compare or list them all (compare, audit); `stored` for views that show a block of them (the run page,
 * `/api/runs/<id>`: withInputsAt reads the block), so a view of a 100,000-input run does not read 100,000 rows.
 */
export type InputsRead = 'all' | 'stored';

/**
 * Any id a user may paste: found in the joined index, or else asked of the sources that can look runs up
 * directly. Lineage sources that answer remotely replace the run's datasets with the exact versions it used.
 */
export async function resolveRun(index: RunIndex, id: string, indexed: Promise<UnifiedRun | null> = indexedRun(index, id), inputs: InputsRead = 'all'): Promise<ResolvedRun | null> {
  const fromIndex = await indexed;
  if (!fromIndex) return lookUpMissing(index, id);
  const found = fromIndex.lineage && inputs === 'all' ? { ...fromIndex, lineage: await index.store.allInputs(fromIndex.lineage) } : fromIndex;
  const run = found.lineage && !found.experiment ? await withExperimentSide(index, found, id) : found;
  const lineage = run.lineage;
  const source = lineage ? getSources().lineage.find((s) => s.id === lineage.source) : undefined;
  if (!lineage || !source?.exactRun) return { run, versionBasis: null, versionError: null };
  // In parallel, one round trip each: the run's own events, and the upstream walk the run page's panel
  // shows (the same cached call), whose first level names the producers of the inputs.
  // Marquez answers 500 when an input has no producer (a raw input): then the producers stay unknown.
  const upstream = source.upstream
    ? cachedUpstream(source, lineage.runId, DEFAULT_UPSTREAM_DEPTH, runStatus(run)).catch(() => null)
    : Promise.resolve(null);
  try {
    const exact = await cachedExactRun(source, lineage.runId, false, { job: lineage.job });
    if (!exact) return { run, versionBasis: null, versionError: null };
    const producers = exact.run.inputs.every((d) => d.producedByRunId !== null) ? null : await upstream;
    return { run: { ...run, lineage: withProducers(exact.run, producers) }, versionBasis: BASIS[exact.basis], versionError: null };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { run, versionBasis: null, versionError: `${lineage.source} could not give this run's exact dataset versions (${message}); the versions shown are what it reports for the run, which may be the dataset's current version.` };
  }
}
