import 'server-only';
import type { ApiComparison } from '@/lib/api/contract';
import { compareRuns, type RunComparison } from '@/lib/audit/compare';
import { DEFAULT_WALK_BOUNDS } from '@/lib/audit/upstream-diff';
import type { CompareContext } from '@/lib/audit/compare-context';
import { refKey, type DatasetRef, type UnifiedRun } from '@/lib/model';
import { encodeMetricValue } from '@/lib/series/prepare';
import { loadDataset } from './dataset-page-model';
import { resolveRun } from './run-lookup';
import { findRun, type RunIndex } from './run-index';
import { jobFacets } from './run-page-model';

/** The loaded runs as the pure comparison sees them; runs resolved with their exact versions take precedence. */
export function compareContext(index: RunIndex, resolved: UnifiedRun[] = []): CompareContext {
  const byId = new Map(resolved.map((r) => [r.id, r]));
  return {
    findRun: (id) => {
      const found = findRun(index, id);
      return (found ? byId.get(found.id) ?? found : byId.get(id)) ?? null;
    },
    jobFacets: (run) => jobFacets(index, run),
  };
}

export interface LoadedComparison {
  /** Null when fewer than two of the ids were found. */
  comparison: RunComparison | null;
  /** The runs found, in the order asked. */
  found: UnifiedRun[];
  /** Ids no source knows. */
  missing: string[];
  notes: string[];
}

// The walk needs each run's exact versions and producers; a bound keeps a huge lineage from fanning out.
const MAX_RESOLVED_RUNS = 300;

const versionKey = (d: DatasetRef, version: string) => `${refKey(d)}\u0000${version}`;

/** Who wrote each exact version, as far as the loaded runs and dataset versions tell. */
function versionWriters(index: RunIndex): Map<string, string> {
  const writers = new Map<string, string>();
  for (const snapshot of index.lineage) {
    for (const dataset of snapshot.datasets.values()) {
      for (const v of dataset.versions) if (v.version && v.createdByRunId) writers.set(versionKey(dataset, v.version), v.createdByRunId);
    }
  }
  for (const run of index.runs) {
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
    const unknown = runs.flatMap((r) => r.lineage?.inputs ?? [])
      .filter((d) => d.producedByRunId === null && d.version !== null && !writers.has(versionKey(d, d.version)) && !asked.has(refKey(d)));
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
 * The runs the upstream walk may reach (stages, then producers level by level), resolved like the run
 * page resolves a run: sources that answer remotely (Marquez) give exact versions and producers, which
 * their snapshot may not. One parallel round per level; local sources answer from the index at once.
 */
async function resolveReachable(index: RunIndex, found: UnifiedRun[]): Promise<UnifiedRun[]> {
  const fill = producerFiller(index);
  let frontier = await fill(found);
  const resolved = new Map(frontier.map((r) => [r.id, r]));
  const asked = new Set(found.map((r) => r.id));
  for (let level = 0; level <= DEFAULT_WALK_BOUNDS.maxDepth && frontier.length > 0; level++) {
    const next = [...new Set(frontier.flatMap((r) => [...r.childIds, ...(r.lineage?.inputs ?? []).flatMap((d) => (d.producedByRunId ? [d.producedByRunId] : []))]))]
      .filter((id) => !asked.has(id)).slice(0, Math.max(0, MAX_RESOLVED_RUNS - asked.size));
    for (const id of next) asked.add(id);
    frontier = await fill((await Promise.all(next.map((id) => resolveRun(index, id).catch(() => null)))).flatMap((r) => (r ? [r.run] : [])));
    for (const run of frontier) resolved.set(run.id, run);
  }
  return [...resolved.values()];
}

/** Resolves every id (in parallel, like the run page does) and compares the runs found, in the order given. */
export async function loadComparison(index: RunIndex, ids: string[]): Promise<LoadedComparison> {
  const resolved = await Promise.all(ids.map((id) => resolveRun(index, id)));
  const found: UnifiedRun[] = [];
  const missing: string[] = [];
  const notes: string[] = [];
  resolved.forEach((r, i) => {
    const id = ids[i] ?? '';
    if (!r) missing.push(id);
    else if (found.some((f) => f.id === r.run.id)) notes.push(`${id} is the same run as another id given (${r.run.id}); it is compared once.`);
    else {
      found.push(r.run);
      if (r.versionError) notes.push(`${r.run.id}: ${r.versionError}`);
    }
  });
  const reachable = found.length >= 2 ? await resolveReachable(index, found) : [];
  const byId = new Map(reachable.map((r) => [r.id, r]));
  const compared = found.map((r) => byId.get(r.id) ?? r);
  const comparison = compared.length >= 2 ? compareRuns(compared, compareContext(index, reachable)) : null;
  return { comparison, found, missing, notes };
}

const isoOrNull = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The comparison in the documented API shape: times as ISO 8601, NaN/±Infinity metric values as strings. */
export function toApiComparison(loaded: LoadedComparison & { comparison: RunComparison }): ApiComparison {
  const { comparison } = loaded;
  return {
    ...comparison,
    runs: comparison.runs.map(({ startMs, endMs, ...run }) => ({ ...run, startedAt: isoOrNull(startMs), endedAt: isoOrNull(endMs) })),
    missing: loaded.missing,
    notes: loaded.notes,
    metrics: comparison.metrics.map((m) => ({ ...m, values: m.values.map((v) => (v === null ? null : encodeMetricValue(v))) })),
  };
}
