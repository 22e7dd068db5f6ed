import 'server-only';
import type { Facets, JobRef, LineageRun, RunDataset } from '@/lib/model';
import { datasetVersionOf, errorMessageOf, inputStatisticsOf, outputStatisticsOf, parentOf } from '@/lib/openlineage/facets';
import { isoOf, runStateOf } from './map-common';
import type { WireDatasetVersionId, WireRun, WireRunDatasetVersion } from './schemas';

export const MARQUEZ_SOURCE_ID = 'marquez';

/**
 * One input or output as Marquez reports it for a run. Marquez's version ids are not trustworthy
 * for a run (#2733, #1977: it may name the dataset's version at another time), so only a producer
 * version found in the facets Marquez gives is kept; the run page asks exactRun for the truth.
 */
function toRunDataset(entry: WireRunDatasetVersion | { datasetVersionId: WireDatasetVersionId; facets?: null }, output: boolean): RunDataset {
  const facets: Facets = entry.facets ?? {};
  // Marquez gives one map for the run's view of the dataset; statistics may sit in either role.
  const stats = output ? outputStatisticsOf(facets, facets) : inputStatisticsOf(facets, facets);
  return {
    namespace: entry.datasetVersionId.namespace, name: entry.datasetVersionId.name, version: datasetVersionOf(facets),
    facets, ioFacets: {}, rowCount: stats.rowCount, size: stats.size, producedByRunId: null,
  };
}

function datasetsOf(withFacets: WireRunDatasetVersion[] | null | undefined, bare: WireDatasetVersionId[] | null | undefined, output: boolean): RunDataset[] {
  if (withFacets != null) return withFacets.map((e) => toRunDataset(e, output));
  return (bare ?? []).map((id) => toRunDataset({ datasetVersionId: id }, output));
}

/** The job a run belongs to: the one it was listed under, else its `jobVersion`. */
export function runJobOf(run: WireRun, listedUnder?: JobRef): JobRef | null {
  if (listedUnder !== undefined) return { namespace: listedUnder.namespace, name: listedUnder.name };
  return run.jobVersion == null ? null : { namespace: run.jobVersion.namespace, name: run.jobVersion.name };
}

/** Pure: a Marquez run as the model's LineageRun (runId is Marquez's run UUID). */
export function mapRun(run: WireRun, job: JobRef): LineageRun {
  const facets: Facets = run.facets ?? {};
  // As in the file source: the START's time, else the first event's (Marquez's createdAt).
  const startedAt = isoOf(run.startedAt) ?? isoOf(run.createdAt);
  const endedAt = isoOf(run.endedAt);
  return {
    source: MARQUEZ_SOURCE_ID,
    runId: run.id,
    job: { namespace: job.namespace, name: job.name },
    state: runStateOf(run.state),
    startedAt,
    endedAt,
    updatedAt: isoOf(run.updatedAt) ?? endedAt ?? startedAt ?? isoOf(run.createdAt) ?? '',
    parent: parentOf(facets),
    facets,
    inputs: datasetsOf(run.inputDatasetVersions, run.inputVersions, false),
    outputs: datasetsOf(run.outputDatasetVersions, run.outputVersions, true),
    errorMessage: errorMessageOf(facets),
  };
}

/** The run with every dataset version blanked: what is shown when the run's own events are out of reach. */
export function withoutVersions(run: LineageRun): LineageRun {
  const blank = (d: RunDataset): RunDataset => ({ ...d, version: null });
  return { ...run, inputs: run.inputs.map(blank), outputs: run.outputs.map(blank) };
}
