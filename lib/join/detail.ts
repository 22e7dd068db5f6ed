import { experimentRunKey, type ExperimentRun, type LineageRun, type LinkRule } from '@/lib/model';
import { WANDB_CONFIG_KEY, trackerOf } from './evidence';
import { idKey } from './ids';

/** Why two runs are one, in the words of the rule that decided it. */
export function ruleSentence(rule: LinkRule, lineage: LineageRun, experiment: ExperimentRun): string {
  const path = experimentRunKey(experiment);
  switch (rule) {
    case 'uuid':
      return `The OpenLineage runId ${lineage.runId} and the MLflow run_id ${experiment.runId} are the same UUID.`;
    case 'mlflow-facet':
      return `The OpenLineage run's "mlflow" facet names MLflow run ${experiment.runId}.`;
    case 'tags-facet':
      return trackerOf(experiment) === 'W&B'
        ? `The OpenLineage run's "tags" facet has wandb.run_path = ${path}.`
        : `The OpenLineage run's "tags" facet has mlflow.run_id = ${experiment.runId}.`;
    case 'mlflow-tag':
      return `The MLflow run's tag openlineage.run_id names OpenLineage run ${lineage.runId}.`;
    case 'wandb-facet':
      return `The OpenLineage run's "wandb" facet names W&B run ${path}.`;
    case 'wandb-config':
      const configured = experiment.params[WANDB_CONFIG_KEY];
      return configured !== undefined && idKey(configured) === idKey(lineage.runId)
        ? `The W&B run's config ${WANDB_CONFIG_KEY} names OpenLineage run ${lineage.runId}.`
        : `The W&B run's tag ol:${lineage.runId} names OpenLineage run ${lineage.runId}.`;
    default:
      return `Linked by rule ${rule}.`;
  }
}

export function linkDetail(rules: LinkRule[], lineage: LineageRun, experiment: ExperimentRun): string {
  const [first, ...others] = rules;
  if (first === undefined) return '';
  const sentence = ruleSentence(first, lineage, experiment);
  return others.length === 0 ? sentence : `${sentence} Also confirmed by: ${others.join(', ')}.`;
}

export function conflictSentence(rule: LinkRule, otherId: string, system: 'OpenLineage' | 'MLflow' | 'W&B'): string {
  return `Conflict: rule ${rule} pairs this run with ${system} run ${otherId} instead; the higher-precedence rule was kept.`;
}
