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

/** The run that wrote `version` of the dataset: the newest writer of that version before the reader started, never the reader. */
function writerOf(dataset: Dataset | null, version: string | null, reader: { runId: string; startedAt: string | null }): string | null {
  if (dataset === null || version === null) return null;
  const limit = reader.startedAt === null ? Infinity : Date.parse(reader.startedAt);
  const writers = dataset.versions
    .filter((v) => v.version === version && v.createdByRunId !== null && v.createdByRunId !== reader.runId && !(Date.parse(v.createdAt) > limit))
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
      inputs: run.inputs.map((d) => ({ namespace: d.namespace, name: d.name, version: d.version, producedByRunId: d.producedByRunId ?? writerOf(datasets.get(refKey(d)) ?? null, d.version, { runId: r.runId, startedAt: run.startedAt }) })),
    });
  });
  return out;
}

/**
 * Fills in the versions upstream runs read, from each run's own events (Marquez's run-level lineage
 * names versions by its internal UUIDs, which are no producer versions): all at once where the source
 * can batch them (one events query per time window), one lookup per run for what is left.
 */
export async function versionsRead(source: LineageSource, runs: UpstreamRun[]): Promise<{ runs: UpstreamRun[]; batched: number; errors: number }> {
  const needed = runs.filter((r) => r.inputs.some((d) => d.version === null));
  const exact = (await source.exactRuns?.(needed).catch(() => null)) ?? new Map<string, LineageRun>();
  const batched = exact.size;
  const exactRun = source.exactRun?.bind(source);
  const left = needed.filter((r) => !exact.has(r.runId));
  if (exactRun) {
    await mapLimit(left, LOOKUPS_IN_FLIGHT, async (r) => {
      const found = await exactRun(r.runId).catch(() => null);
      if (found?.basis === 'own-events') exact.set(r.runId, found.run);
    });
  }
  return { batched, errors: needed.length - exact.size, runs: runs.map((r) => withOwnVersions(r, exact)) };
}

/**
 * The versions a run read, from its own events; Marquez may list one dataset twice (each event adds the
 * dataset's then-current version, #2733), so an entry whose producer is known to have written another
 * version than the one read is dropped, keeping one entry per dataset.
 */
function withOwnVersions(run: UpstreamRun, exact: Map<string, LineageRun>): UpstreamRun {
  const own = exact.get(run.runId);
  if (!own) return run;
  const versionOf = (d: DatasetRef) => own.inputs.find((i) => refKey(i) === refKey(d))?.version ?? null;
  const contradicts = (d: UpstreamRun['inputs'][number], version: string | null) => {
    const written = d.producedByRunId === null ? undefined : exact.get(d.producedByRunId)?.outputs.find((o) => refKey(o) === refKey(d));
    return written !== undefined && version !== null && written.version !== null && written.version !== version;
  };
  const byDataset = new Map<string, UpstreamRun['inputs'][number]>();
  for (const d of run.inputs) {
    const version = d.version ?? versionOf(d);
    const entry = { ...d, version, producedByRunId: contradicts(d, version) ? null : d.producedByRunId };
    const kept = byDataset.get(refKey(d));
    if (kept === undefined || (kept.producedByRunId === null && entry.producedByRunId !== null)) byDataset.set(refKey(d), entry);
  }
  return { ...run, inputs: [...byDataset.values()] };
}
