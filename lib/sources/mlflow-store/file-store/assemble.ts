import 'server-only';
import type { ExperimentRun, SourceProblem } from '@/lib/model';
import type { ExperimentSnapshot } from '@/lib/sources/ports';
import { compareDatasets, datasetsFromDataTags, toExperimentDataset } from '../shared/datasets';
import { ProblemList } from '../shared/problems';
import type { ExperimentEntry } from './read-experiment';
import type { RunEntry } from './read-run';
import type { ScanResult } from './scan';

export interface Assembled {
  snapshot: ExperimentSnapshot;
  /** Run id → folder entry, for metricHistory. */
  runEntries: Map<string, RunEntry>;
  problems: SourceProblem[];
}

/** Fills what a run folder cannot know alone: experiment name, deletion via .trash/, and its datasets. */
function completeRun(
  entry: RunEntry,
  run: ExperimentRun,
  experiment: ExperimentEntry | undefined,
  problems: ProblemList,
): ExperimentRun {
  const datasets = entry.inputs.flatMap((input) => {
    const dataset = experiment?.datasets.get(input.datasetId);
    if (!dataset) {
      const message = `refers to dataset ${input.datasetId}, which the experiment does not have`;
      problems.add({ where: input.where, message });
      return [];
    }
    return [toExperimentDataset({ ...dataset, context: input.context }, input.where, (p) => problems.add(p))];
  });
  return {
    ...run,
    experimentName: experiment?.name ?? null,
    deleted: run.deleted || (experiment?.deleted ?? false),
    datasets: [...datasets.sort(compareDatasets), ...datasetsFromDataTags(run.tags, `${entry.dir}/tags`, (p) => problems.add(p))],
  };
}

/** Builds the snapshot from one scan; every problem found on the way is kept for /health. */
export function assembleSnapshot(scan: ScanResult, version: number): Assembled {
  const problems = new ProblemList();
  for (const p of scan.problems) problems.add(p);
  const experiments = new Map<string, { id: string; name: string }>();
  const experimentById = new Map<string, ExperimentEntry>();
  for (const experiment of scan.experiments) {
    for (const p of experiment.problems) problems.add(p);
    if (experimentById.has(experiment.id)) {
      problems.add({ where: experiment.dir, message: `experiment id ${experiment.id} appears twice; copy skipped` });
      continue;
    }
    experimentById.set(experiment.id, experiment);
    experiments.set(experiment.id, { id: experiment.id, name: experiment.name });
  }
  const runs = new Map<string, ExperimentRun>();
  const runEntries = new Map<string, RunEntry>();
  for (const { experimentId, entry } of scan.runs) {
    for (const p of entry.problems) problems.add(p);
    if (!entry.run) continue;
    if (runs.has(entry.runId)) {
      problems.add({ where: entry.dir, message: `run id ${entry.runId} appears twice; this copy skipped` });
      continue;
    }
    runs.set(entry.runId, completeRun(entry, entry.run, experimentById.get(experimentId), problems));
    runEntries.set(entry.runId, entry);
  }
  for (const p of scan.registry.problems) problems.add(p);
  const snapshot = { version, runs, experiments, models: scan.registry.models };
  return { snapshot, runEntries, problems: problems.toArray() };
}
