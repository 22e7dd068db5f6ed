import 'server-only';
import type { ApiComparison } from '@/lib/api/contract';
import { compareRuns, type RunComparison } from '@/lib/audit/compare';
import { boundComparison, type CompareOffsets } from '@/lib/audit/compare-bounds';
import type { CompareContext } from '@/lib/audit/compare-context';
import { refKey, type UnifiedRun } from '@/lib/model';
import { runStartMs } from '@/lib/model/run-fields';
import { encodeMetricValue } from '@/lib/model/metric-value';
import { resolveReachable } from './compare-reach';
import { sharedComparison } from './compare-cache';
import { resolveRun } from './run-lookup';
import { findRun, type RunIndex } from './run-index';
import { jobFacets } from './run-page-model';

/** When a loaded run first read each exact version, keyed by dataset and version (resolved runs carry exact versions a snapshot may blank). */
function firstReadTimes(runs: UnifiedRun[]): Map<string, number> {
  const times = new Map<string, number>();
  for (const run of runs) {
    const start = runStartMs(run);
    if (start === null) continue;
    for (const d of run.lineage?.inputs ?? []) {
      if (!d.version) continue;
      const key = `${refKey(d)}\u0000${d.version}`;
      times.set(key, Math.min(times.get(key) ?? start, start));
    }
  }
  return times;
}

/** When any indexed run first read each version the runs read (the index's answer, then the loaded runs'). */
export async function indexedFirstReads(index: RunIndex, runs: readonly UnifiedRun[]): Promise<Map<string, number>> {
  const versions = runs.flatMap((r) => (r.lineage?.inputs ?? []).flatMap((d) => (d.version ? [{ namespace: d.namespace, name: d.name, version: d.version }] : [])));
  const unique = [...new Map(versions.map((v) => [`${refKey(v)}\u0000${v.version}`, v])).values()];
  return index.store.firstReads(unique);
}

/** The loaded runs as the pure comparison sees them; runs resolved with their exact versions take precedence. */
export function compareContext(index: RunIndex, resolved: UnifiedRun[] = [], indexed: Map<string, number> = new Map()): CompareContext {
  const byId = new Map(resolved.map((r) => [r.id, r]));
  let firstReads: Map<string, number> | null = null;
  return {
    findRun: (id) => {
      const found = findRun(index, id);
      return (found ? byId.get(found.id) ?? found : byId.get(id)) ?? null;
    },
    jobFacets: (run) => jobFacets(index, run),
    firstRead: (ref, version) => {
      firstReads ??= firstReadTimes([...index.loaded.values(), ...resolved]);
      const key = `${refKey(ref)}\u0000${version}`;
      const times = [firstReads.get(key), indexed.get(key)].filter((t): t is number => t !== undefined);
      return times.length > 0 ? Math.min(...times) : null;
    },
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

/**
 * Resolves every id (in parallel, like the run page does) and compares the runs found, in the order given;
 * shared with other views of the same runs while the index is unchanged (compare-cache.ts). Not to be mutated.
 */
export function loadComparison(index: RunIndex, ids: string[]): Promise<LoadedComparison> {
  return sharedComparison(index, ids, () => compareIds(index, ids));
}

async function compareIds(index: RunIndex, ids: string[]): Promise<LoadedComparison> {
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
  const indexed = compared.length >= 2 ? await indexedFirstReads(index, reachable) : new Map<string, number>();
  const comparison = compared.length >= 2 ? compareRuns(compared, compareContext(index, reachable, indexed)) : null;
  return { comparison, found, missing, notes };
}

const isoOrNull = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * The comparison in the documented API shape: times as ISO 8601, NaN/±Infinity metric values as strings;
 * its lists are windows from `offsets` (compare-bounds.ts).
 */
export function toApiComparison(loaded: LoadedComparison & { comparison: RunComparison }, offsets: CompareOffsets = {}): ApiComparison {
  const comparison = boundComparison(loaded.comparison, offsets);
  return {
    ...comparison,
    runs: comparison.runs.map(({ startMs, endMs, ...run }) => ({ ...run, startedAt: isoOrNull(startMs), endedAt: isoOrNull(endMs) })),
    missing: loaded.missing,
    notes: loaded.notes,
    metrics: comparison.metrics.map((m) => ({ ...m, values: m.values.map((v) => (v === null ? null : encodeMetricValue(v))) })),
  };
}
