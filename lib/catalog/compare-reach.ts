import 'server-only';
import { DEFAULT_WALK_BOUNDS } from '@/lib/audit/upstream-diff';
import { refKey, type DatasetRef, type UnifiedRun } from '@/lib/model';
import { loadDataset } from './dataset-page-model';
import { isThrottled, type LookupThrottled } from './lookup-limit';
import { resolveRun } from './run-lookup';
import type { RunIndex } from './run-index';

// The walk needs each run's exact versions and producers; a bound keeps a huge lineage from fanning out.
const MAX_RESOLVED_RUNS = 300;
// Dataset version lists asked of the sources per comparison: 100,000 raw inputs made 100,000 reads (over 4 minutes).
const MAX_DATASETS_ASKED = 200;

const versionKey = (d: DatasetRef, version: string) => `${refKey(d)}\u0000${version}`;

/** Who wrote each exact version, as far as the loaded runs and dataset versions tell. */
function versionWriters(index: RunIndex): Map<string, string> {
  const writers = new Map<string, string>();
  for (const { dataset } of index.datasets.values()) {
    for (const v of dataset.versions) if (v.version && v.createdByRunId) writers.set(versionKey(dataset, v.version), v.createdByRunId);
  }
  for (const run of index.loaded.values()) {
    for (const d of run.lineage?.outputs ?? []) if (d.version && !writers.has(versionKey(d, d.version))) writers.set(versionKey(d, d.version), run.lineage!.runId);
  }
  return writers;
}

/** Fills in an input's producer from the writer of the exact version read, when the source did not say (Marquez's upstream can fail). */
function withWriters(run: UnifiedRun, writers: Map<string, string>): UnifiedRun {
  const lineage = run.lineage;
  if (!lineage || lineage.inputs.every((d) => d.producedByRunId !== null || d.version === null)) return run;
  const inputs = lineage.inputs.map((d) => {
    const writer = d.producedByRunId ?? (d.version ? writers.get(versionKey(d, d.version)) ?? null : null);
    return { ...d, producedByRunId: writer === lineage.runId ? null : writer };
  });
  return { ...run, lineage: { ...lineage, inputs } };
}

/**
 * Fills in the producers a source left unknown (Marquez's run lineage fails on raw inputs): the writer
 * of each exact version read, from the dataset's version list (one request per dataset, asked once).
 */
function producerFiller(index: RunIndex) {
  const writers = versionWriters(index);
  const asked = new Set<string>();
  return async (runs: UnifiedRun[]): Promise<UnifiedRun[]> => {
    const unknownVersions = () => runs.flatMap((r) => r.lineage?.inputs ?? [])
      .filter((d): d is typeof d & { version: string } => d.producedByRunId === null && d.version !== null && !writers.has(versionKey(d, d.version)));
    // The index knows who wrote a version when the writer was synced; the sources are asked only for the rest.
    for (const [key, runId] of await index.store.writers(unknownVersions())) writers.set(key, runId);
    const unknown = unknownVersions().filter((d) => !asked.has(refKey(d))).slice(0, Math.max(0, MAX_DATASETS_ASKED - asked.size));
    const refs = [...new Map(unknown.map((d) => [refKey(d), { namespace: d.namespace, name: d.name }])).values()];
    for (const ref of refs) asked.add(refKey(ref));
    const loaded = await Promise.all(refs.map((ref) => loadDataset(index, ref).catch(() => null)));
    for (const dataset of loaded.map((l) => l?.dataset ?? null)) {
      for (const v of dataset?.versions ?? []) if (v.version && v.createdByRunId) writers.set(versionKey(dataset!, v.version), v.createdByRunId);
    }
    return runs.map((r) => withWriters(r, writers));
  };
}

/**
 * Resolves each run like the run page does; a failed look-up is left out (the walk says its producer is not loaded),
 * but one shed by the look-up rate limit is thrown: the run may exist, so the comparison is "try again" (429), as
 * the run and compare pages answer a shed look-up, never a walk that stops at "not loaded".
 */
async function resolveLevel(index: RunIndex, ids: string[]): Promise<UnifiedRun[]> {
  let shed: LookupThrottled | null = null;
  const runs = await Promise.all(ids.map((id) => resolveRun(index, id).catch((error: unknown) => {
    if (isThrottled(error)) shed ??= error as LookupThrottled;
    return null;
  })));
  if (shed) throw shed;
  return runs.flatMap((r) => (r ? [r.run] : []));
}

/**
 * The runs the upstream walk may reach (stages, then producers level by level), resolved like the run
 * page resolves a run: sources that answer remotely (Marquez) give exact versions and producers, which
 * their snapshot may not. One parallel round per level; local sources answer from the index at once.
 * Rejects with LookupThrottled when a producer's direct look-up was shed (resolveLevel).
 */
export async function resolveReachable(index: RunIndex, found: UnifiedRun[]): Promise<UnifiedRun[]> {
  const fill = producerFiller(index);
  let frontier = await fill(found);
  const resolved = new Map(frontier.map((r) => [r.id, r]));
  const asked = new Set(found.map((r) => r.id));
  for (let level = 0; level <= DEFAULT_WALK_BOUNDS.maxDepth && frontier.length > 0; level++) {
    const next = [...new Set(frontier.flatMap((r) => [...r.childIds, ...(r.lineage?.inputs ?? []).flatMap((d) => (d.producedByRunId ? [d.producedByRunId] : []))]))]
      .filter((id) => !asked.has(id)).slice(0, Math.max(0, MAX_RESOLVED_RUNS - asked.size));
    for (const id of next) asked.add(id);
    frontier = await fill(await resolveLevel(index, next));
    for (const run of frontier) resolved.set(run.id, run);
  }
  return [...resolved.values()];
}

