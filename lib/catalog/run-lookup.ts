import 'server-only';
import type { ExactRun, LineageRun, UnifiedRun, UpstreamLineage } from '@/lib/model';
import { joinRuns } from '@/lib/join';
import { getSources } from '@/lib/sources';
import { cachedExactRun, cachedUpstream } from './run-cache';
import { runStatus } from './run-fields';
import { findRun, type RunIndex } from './run-index';
import { DEFAULT_UPSTREAM_DEPTH } from './upstream';

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

/** Joins one lineage run found outside the snapshot (e.g. an old Marquez run) with the experiment runs. */
function joinOne(index: RunIndex, lineage: LineageRun): UnifiedRun | null {
  const experiments = index.experiment.flatMap((s) => [...s.runs.values()]);
  return joinRuns([lineage], experiments).find((r) => r.lineage?.runId === lineage.runId) ?? null;
}

/** Fills in which run produced each input, from the source's run-level lineage (its first level). */
function withProducers(run: LineageRun, upstream: UpstreamLineage | null): LineageRun {
  const self = upstream?.runs.find((r) => r.depth === 0);
  if (!self) return run;
  const producer = (d: { namespace: string; name: string }) =>
    self.inputs.find((i) => i.namespace === d.namespace && i.name === d.name)?.producedByRunId ?? null;
  return { ...run, inputs: run.inputs.map((d) => ({ ...d, producedByRunId: d.producedByRunId ?? producer(d) })) };
}

/**
 * Any id a user may paste: found in the joined index, or else asked of the lineage sources that can look
 * runs up directly. Sources that answer remotely replace the run's datasets with the exact versions it used.
 */
export async function resolveRun(index: RunIndex, id: string): Promise<ResolvedRun | null> {
  let run = findRun(index, id);
  if (!run) {
    for (const source of getSources().lineage) {
      const found = await cachedExactRun(source, id).catch(() => null);
      if (found) {
        run = joinOne(index, found.run);
        return run ? { run, versionBasis: BASIS[found.basis], versionError: null } : null;
      }
    }
    return null;
  }
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
    const exact = await cachedExactRun(source, lineage.runId);
    if (!exact) return { run, versionBasis: null, versionError: null };
    const producers = exact.run.inputs.every((d) => d.producedByRunId !== null) ? null : await upstream;
    return { run: { ...run, lineage: withProducers(exact.run, producers) }, versionBasis: BASIS[exact.basis], versionError: null };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { run, versionBasis: null, versionError: `${lineage.source} could not give this run's exact dataset versions (${message}); the versions shown are what it reports for the run, which may be the dataset's current version.` };
  }
}
