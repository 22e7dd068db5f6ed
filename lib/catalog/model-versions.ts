import 'server-only';
import { modelHref } from '@/lib/api/links';
import type { ModelVersion, RegisteredModel, UnifiedRun } from '@/lib/model';
import { findRun, type RunIndex } from './run-index';

/** How a version names the run that trained it: its own run_id, or (MLflow 3) its logged model's source run. */
export type TrainingRunVia = 'run_id' | 'logged-model';

export interface TrainingRunRef {
  runId: string;
  via: TrainingRunVia;
}

/** MLflow writes the stage "None" for a version that never got one; stages are deprecated since 2.9. */
export function stageOf(version: ModelVersion): string | null {
  return version.stage === null || version.stage === 'None' ? null : version.stage;
}

export function trainingRunOf(version: ModelVersion): TrainingRunRef | null {
  if (version.runId) return { runId: version.runId, via: 'run_id' };
  const logged = version.loggedModel?.runId;
  return logged ? { runId: logged, via: 'logged-model' } : null;
}

/** Every registered model of every experiment source, by name; the first source to name a model wins. */
export function registeredModels(index: RunIndex): RegisteredModel[] {
  const byName = new Map<string, RegisteredModel>();
  for (const snapshot of index.experiment) for (const model of snapshot.models) if (!byName.has(model.name)) byName.set(model.name, model);
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export function findModel(index: RunIndex, name: string): RegisteredModel | null {
  return registeredModels(index).find((m) => m.name === name) ?? null;
}

export interface ProducedVersion {
  name: string;
  version: string;
  href: string;
  aliases: string[];
  stage: string | null;
  via: TrainingRunVia;
}

/** The model versions a run trained (the run page lists them), newest model version first per model. */
export function versionsProducedBy(index: RunIndex, run: UnifiedRun): ProducedVersion[] {
  if (!run.experiment) return [];
  const out: ProducedVersion[] = [];
  for (const model of registeredModels(index)) {
    for (const version of model.versions) {
      const training = trainingRunOf(version);
      if (!training || findRun(index, training.runId)?.id !== run.id) continue;
      out.push({ name: model.name, version: version.version, href: modelHref(model.name, version.version), aliases: version.aliases, stage: stageOf(version), via: training.via });
    }
  }
  return out;
}
