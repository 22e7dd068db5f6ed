import 'server-only';
import type { LineageRun, RunDataset } from '@/lib/model';
import type { LineageSource } from '@/lib/sources';

/** How the dataset versions shown for a run were obtained. */
export type VersionBasis = 'as-loaded' | 'own-events' | 'unavailable';

export const BASIS_LABEL: Record<VersionBasis, string> = {
  'as-loaded': 'as reported',
  'own-events': "from the run's own events",
  unavailable: "the run's own events are out of reach",
};

/** Runs rebuilt from their own events by the sources that can (Marquez), for the runs a page shows. */
export interface ExactVersions {
  runs: Map<string, LineageRun>;
  /** Run id → why its exact versions could not be given (its source failed, or its events were not found). */
  unavailable: Map<string, string>;
  /** One sentence per failing source, for the page. */
  problems: string[];
}

export const NO_EXACT_VERSIONS: ExactVersions = { runs: new Map(), unavailable: new Map(), problems: [] };

/**
 * Asks each source that rebuilds runs from their own events for the given runs, all at once (Marquez:
 * one events query per merged time window). Runs of other sources already carry exact versions.
 */
export async function lookUpExactVersions(runs: readonly LineageRun[], sources: readonly LineageSource[]): Promise<ExactVersions> {
  const found = new Map<string, LineageRun>();
  const unavailable = new Map<string, string>();
  const problems: string[] = [];
  await Promise.all(sources.map(async (source) => {
    const mine = runs.filter((r) => r.source === source.id);
    if (!source.exactRuns || mine.length === 0) return;
    try {
      const exact = await source.exactRuns(mine.map((r) => ({ runId: r.runId, startedAt: r.startedAt, endedAt: r.endedAt })));
      for (const run of mine) {
        const own = exact.get(run.runId);
        if (own) found.set(run.runId, own);
        else unavailable.set(run.runId, `${source.id} returned none of this run's own events for its time window`);
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      problems.push(`${source.id} could not give the runs' own events (${message}), so their exact dataset versions are not shown: its record of a run may name a dataset's current version instead of the one the run used.`);
      for (const run of mine) unavailable.set(run.runId, `${source.id} could not give this run's own events`);
    }
  }));
  return { runs: found, unavailable, problems };
}

const blank = (d: RunDataset): RunDataset => ({ ...d, version: null });

/** The run with the versions it really used, or with versions blanked when they could not be checked. */
export function withExactVersions(run: LineageRun, exact: ExactVersions): { run: LineageRun; basis: VersionBasis; problem: string | null } {
  const own = exact.runs.get(run.runId);
  if (own) return { run: { ...run, inputs: own.inputs, outputs: own.outputs }, basis: 'own-events', problem: null };
  const problem = exact.unavailable.get(run.runId);
  if (problem !== undefined) return { run: { ...run, inputs: run.inputs.map(blank), outputs: run.outputs.map(blank) }, basis: 'unavailable', problem };
  return { run, basis: 'as-loaded', problem: null };
}
