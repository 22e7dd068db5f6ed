import type { ExperimentRun, LineageRun, LinkRule } from '@/lib/model';

/** Why two runs are one, in the words of the rule that decided it. */
export function ruleSentence(rule: LinkRule, lineage: LineageRun, experiment: ExperimentRun): string {
  switch (rule) {
    case 'uuid':
      return `The OpenLineage runId ${lineage.runId} and the MLflow run_id ${experiment.runId} are the same UUID.`;
    case 'mlflow-facet':
      return `The OpenLineage run's "mlflow" facet names MLflow run ${experiment.runId}.`;
    case 'tags-facet':
      return `The OpenLineage run's "tags" facet has mlflow.run_id = ${experiment.runId}.`;
    case 'mlflow-tag':
      return `The MLflow run's tag openlineage.run_id names OpenLineage run ${lineage.runId}.`;
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

export function conflictSentence(rule: LinkRule, otherId: string, side: 'lineage' | 'experiment'): string {
  const what = side === 'lineage' ? 'OpenLineage run' : 'MLflow run';
  return `Conflict: rule ${rule} pairs this run with ${what} ${otherId} instead; the higher-precedence rule was kept.`;
}
