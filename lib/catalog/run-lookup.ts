import 'server-only';
import type { LineageRun, UnifiedRun } from '@/lib/model';
import { joinRuns } from '@/lib/join';
import { getSources } from '@/lib/sources';
import { findRun, type RunIndex } from './run-index';

export interface ResolvedRun {
  run: UnifiedRun;
  /** Where the dataset versions shown come from, when a source had to be asked for them. */
  versionBasis: string | null;
  /** A lineage source that could not give the exact versions (the snapshot's are shown instead). */
  versionError: string | null;
}

const EXACT_BASIS = "Dataset versions come from this run's own OpenLineage events, not from the dataset's current version.";

async function exactFrom(sourceId: string, runId: string): Promise<LineageRun | null> {
  const source = getSources().lineage.find((s) => s.id === sourceId);
  return source?.exactRun ? source.exactRun(runId) : null;
}

/** Joins one lineage run found outside the snapshot (e.g. an old Marquez run) with the experiment runs. */
function joinOne(index: RunIndex, lineage: LineageRun): UnifiedRun | null {
  const experiments = index.experiment.flatMap((s) => [...s.runs.values()]);
  return joinRuns([lineage], experiments).find((r) => r.lineage?.runId === lineage.runId) ?? null;
}

/**
 * Any id a user may paste: found in the joined index, or else asked of the lineage sources that can look
 * runs up directly. Sources that answer remotely replace the run's datasets with the exact versions it used.
 */
export async function resolveRun(index: RunIndex, id: string): Promise<ResolvedRun | null> {
  let run = findRun(index, id);
  if (!run) {
    for (const source of getSources().lineage) {
      const found = source.exactRun ? await source.exactRun(id).catch(() => null) : null;
      if (found) {
        run = joinOne(index, found);
        return run ? { run, versionBasis: EXACT_BASIS, versionError: null } : null;
      }
    }
    return null;
  }
  const lineage = run.lineage;
  const source = lineage ? getSources().lineage.find((s) => s.id === lineage.source) : undefined;
  if (!lineage || !source?.exactRun) return { run, versionBasis: null, versionError: null };
  try {
    const exact = await exactFrom(lineage.source, lineage.runId);
    return exact ? { run: { ...run, lineage: exact }, versionBasis: EXACT_BASIS, versionError: null } : { run, versionBasis: null, versionError: null };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { run, versionBasis: null, versionError: `${lineage.source} could not give this run's exact dataset versions (${message}); the versions shown are what it reports for the run, which may be the dataset's current version.` };
  }
}
