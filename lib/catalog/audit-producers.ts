import 'server-only';
import { refKey, type Dataset, type UpstreamRun } from '@/lib/model';
import type { LineageSource } from '@/lib/sources';
import { mapLimit } from '@/lib/sources/mlflow/paging';

/** Lookups in flight at once, so a long chain does not flood the lineage server. */
export const LOOKUPS_IN_FLIGHT = 16;

/** The run that wrote `version` of the dataset: the newest writer of that version not after `before`. */
function writerOf(dataset: Dataset | null, version: string | null, before: string | null): string | null {
  if (dataset === null || version === null) return null;
  const limit = before === null ? Infinity : Date.parse(before);
  const writers = dataset.versions
    .filter((v) => v.version === version && v.createdByRunId !== null && !(Date.parse(v.createdAt) > limit))
    .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  return writers[0]?.createdByRunId ?? null;
}

/**
 * For runs the source could not list upstream of (Marquez answers 500 when a run, or a run it reaches,
 * read data no run produced): the versions each read (its own events) and who wrote each version (the
 * dataset's version list). Two batched rounds for any number of runs: their records, then their inputs' datasets.
 */
export async function producersFromVersions(source: LineageSource, runs: Array<{ runId: string; depth: number }>): Promise<UpstreamRun[]> {
  const exactRun = source.exactRun?.bind(source);
  const datasetOf = source.dataset?.bind(source);
  if (!exactRun || runs.length === 0) return [];
  const exact = await mapLimit(runs, LOOKUPS_IN_FLIGHT, (r) => exactRun(r.runId).catch(() => null));
  const refs = new Map<string, { namespace: string; name: string }>();
  for (const e of exact) for (const d of e?.run.inputs ?? []) if (d.version !== null) refs.set(refKey(d), { namespace: d.namespace, name: d.name });
  const datasets = new Map<string, Dataset | null>();
  if (datasetOf) {
    const listed = await mapLimit([...refs.entries()], LOOKUPS_IN_FLIGHT, async ([key, ref]) => [key, await datasetOf(ref).catch(() => null)] as const);
    for (const [key, dataset] of listed) datasets.set(key, dataset);
  }
  const out: UpstreamRun[] = [];
  runs.forEach((r, i) => {
    const run = exact[i]?.run;
    if (!run) return;
    out.push({
      runId: r.runId, job: run.job, state: run.state, startedAt: run.startedAt, endedAt: run.endedAt, depth: r.depth,
      inputs: run.inputs.map((d) => ({ namespace: d.namespace, name: d.name, version: d.version, producedByRunId: d.producedByRunId ?? writerOf(datasets.get(refKey(d)) ?? null, d.version, run.startedAt) })),
    });
  });
  return out;
}
