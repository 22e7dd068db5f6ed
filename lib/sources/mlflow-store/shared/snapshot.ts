import 'server-only';
import type { SourceHealth, SourceProblem } from '@/lib/model';
import type { ExperimentSnapshot } from '@/lib/sources/ports';

export function emptySnapshot(version: number): ExperimentSnapshot {
  return { version, runs: new Map(), experiments: new Map(), models: [] };
}

/**
 * Counts shown on /health for either store. Without `withRuns` (a snapshot that holds no runs: they reach the
 * index through the source's change feed) the run counts are left out rather than shown as 0.
 */
export function snapshotCounts(snapshot: ExperimentSnapshot, withRuns = true): Record<string, number> {
  const registry = {
    experiments: snapshot.experiments.size,
    registeredModels: snapshot.models.length,
    modelVersions: snapshot.models.reduce((n, m) => n + m.versions.length, 0),
  };
  if (!withRuns) return registry;
  let deletedRuns = 0;
  let datasetInputs = 0;
  for (const run of snapshot.runs.values()) {
    if (run.deleted) deletedRuns += 1;
    datasetInputs += run.datasets.length;
  }
  const { experiments, registeredModels, modelVersions } = registry;
  return { experiments, runs: snapshot.runs.size, deletedRuns, datasetInputs, registeredModels, modelVersions };
}

export interface HealthInput {
  id: string;
  label: string;
  location: string;
  snapshot: ExperimentSnapshot;
  problems: SourceProblem[];
  error: string | null;
  details: Record<string, string>;
}

export function buildHealth(input: HealthInput): SourceHealth {
  const status = input.error !== null ? 'unavailable' : input.problems.length > 0 ? 'degraded' : 'ok';
  return {
    id: input.id,
    label: input.label,
    kind: 'experiment',
    configured: true,
    location: input.location,
    status,
    counts: snapshotCounts(input.snapshot),
    problems: input.problems,
    error: input.error,
    details: input.details,
    checkedAt: new Date().toISOString(),
  };
}
