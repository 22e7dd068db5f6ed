import type { UnifiedRun } from '@/lib/model';
import { runEndMs, runStartMs, runStatus } from '@/lib/model/run-fields';

/** The list row of a run: only what the table shows, so the page ships little data. */
export function toRunRow(run: UnifiedRun) {
  return {
    id: run.id,
    job: run.lineage?.job.name ?? null,
    runName: run.experiment?.runName ?? null,
    experiment: run.experiment?.experimentName ?? null,
    status: runStatus(run),
    startMs: runStartMs(run),
    endMs: runEndMs(run),
    rule: run.link?.rule ?? null,
    linkDetail: run.link?.detail ?? null,
    unmatchedSide: run.link ? null : run.lineage ? ('lineage only' as const) : ('experiment only' as const),
    isChild: run.parentId !== null,
  };
}

/** Distinct filter choices present in the data. */
export function filterChoices(runs: UnifiedRun[]) {
  const jobs = new Set<string>();
  const experiments = new Set<string>();
  for (const run of runs) {
    if (run.lineage) jobs.add(run.lineage.job.name);
    if (run.experiment?.experimentName) experiments.add(run.experiment.experimentName);
  }
  return { jobs: [...jobs].sort(), experiments: [...experiments].sort() };
}
