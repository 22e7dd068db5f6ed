import 'server-only';
import { refKey, type Dataset, type DatasetRef, type LineageRun, type UpstreamRun } from '@/lib/model';
import type { LineageSource } from '@/lib/sources';
import { mapLimit } from '@/lib/sources/mlflow/paging';

/** Lookups in flight at once, so a long chain does not flood the lineage server. */
export const LOOKUPS_IN_FLIGHT = 16;

export type DatasetLookup = (ref: DatasetRef) => Promise<Dataset | null>;

/** One lookup per dataset for the whole walk, however many runs read it; null when out of reach. */
export function datasetLookup(source: LineageSource): DatasetLookup {
  const cache = new Map<string, Promise<Dataset | null>>();
  const dataset = source.dataset?.bind(source);
  return (ref) => {
    const key = refKey(ref);
    let found = cache.get(key);
    if (found === undefined) {
      found = dataset ? dataset(ref).catch(() => null) : Promise.resolve(null);
      cache.set(key, found);
    }
    return found;
  };
}

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
export async function producersFromVersions(source: LineageSource, runs: Array<{ runId: string; depth: number }>, datasetOf: DatasetLookup): Promise<UpstreamRun[]> {
  const exactRun = source.exactRun?.bind(source);
  if (!exactRun || runs.length === 0) return [];
  const exact = await mapLimit(runs, LOOKUPS_IN_FLIGHT, (r) => exactRun(r.runId).catch(() => null));
  const refs = new Map<string, { namespace: string; name: string }>();
  for (const e of exact) for (const d of e?.run.inputs ?? []) if (d.version !== null) refs.set(refKey(d), { namespace: d.namespace, name: d.name });
  const datasets = new Map(await mapLimit([...refs.entries()], LOOKUPS_IN_FLIGHT, async ([key, ref]) => [key, await datasetOf(ref)] as const));
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

/**
 * Fills in the versions upstream runs read (Marquez's run-level lineage names versions by its internal
 * UUIDs, which are no producer versions). First the version each producer wrote, from the datasets'
 * version lists (one lookup per dataset, not per run); then, for what is left (raw inputs, datasets out
 * of reach), the run's own events (one lookup per run).
 */
export async function versionsRead(source: LineageSource, runs: UpstreamRun[], datasetOf: DatasetLookup): Promise<{ runs: UpstreamRun[]; fromEvents: number; errors: number }> {
  const unversioned = (r: UpstreamRun) => r.depth > 0 && r.inputs.some((d) => d.version === null);
  const refs = new Map<string, DatasetRef>();
  for (const r of runs.filter(unversioned)) for (const d of r.inputs) if (d.version === null && d.producedByRunId !== null) refs.set(refKey(d), { namespace: d.namespace, name: d.name });
  const datasets = new Map(await mapLimit([...refs.entries()], LOOKUPS_IN_FLIGHT, async ([key, ref]) => [key, await datasetOf(ref)] as const));
  const written = (d: UpstreamRun['inputs'][number]) => datasets.get(refKey(d))?.versions.find((v) => v.createdByRunId === d.producedByRunId && v.version !== null)?.version ?? null;
  const fromLists = runs.map((r) => (unversioned(r) ? { ...r, inputs: r.inputs.map((d) => ({ ...d, version: d.version ?? written(d) })) } : r));

  const exactRun = source.exactRun?.bind(source);
  const needed = fromLists.filter(unversioned);
  if (!exactRun || needed.length === 0) return { runs: fromLists, fromEvents: 0, errors: 0 };
  const exact = new Map<string, LineageRun>();
  await mapLimit(needed, LOOKUPS_IN_FLIGHT, async (r) => {
    const found = await exactRun(r.runId).catch(() => null);
    if (found?.basis === 'own-events') exact.set(r.runId, found.run);
  });
  return {
    fromEvents: exact.size,
    errors: needed.length - exact.size,
    runs: fromLists.map((r) => {
      const own = exact.get(r.runId);
      if (!own) return r;
      const versionOf = (d: DatasetRef) => own.inputs.find((i) => i.namespace === d.namespace && i.name === d.name)?.version ?? null;
      return { ...r, inputs: r.inputs.map((d) => ({ ...d, version: d.version ?? versionOf(d) })) };
    }),
  };
}
