import type { ExperimentRun, LineageRun, LinkRule } from '@/lib/model';
import { idKey, uuidHex } from './ids';

/** One piece of evidence that a lineage run and an experiment run are the same run. */
export interface LinkEvidence {
  rule: LinkRule;
  /** idKey of the lineage run's runId. */
  lineageKey: string;
  /** idKey of the experiment run's id. */
  experimentKey: string;
  /** The id as written in the evidence, for messages. */
  namedId: string;
}

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** MLflow run ids a lineage run names in its `mlflow` facet and its `tags` facet. */
export function lineageEvidence(run: LineageRun): LinkEvidence[] {
  const lineageKey = idKey(run.runId);
  const found: LinkEvidence[] = [];
  const hex = uuidHex(run.runId);
  if (hex) found.push({ rule: 'uuid', lineageKey, experimentKey: hex, namedId: run.runId });

  const mlflowRunId = record(run.facets.mlflow)?.runId;
  if (typeof mlflowRunId === 'string' && mlflowRunId.trim() !== '') {
    found.push({ rule: 'mlflow-facet', lineageKey, experimentKey: idKey(mlflowRunId), namedId: mlflowRunId });
  }

  const tags = record(run.facets.tags)?.tags;
  if (Array.isArray(tags)) {
    for (const tag of tags) {
      const entry = record(tag);
      // Only this key is a link: the client adds tags of its own (e.g. its version).
      if (entry?.key === 'mlflow.run_id' && typeof entry.value === 'string' && entry.value.trim() !== '') {
        found.push({ rule: 'tags-facet', lineageKey, experimentKey: idKey(entry.value), namedId: entry.value });
      }
    }
  }
  return found;
}

/** The OpenLineage runId an MLflow run names in its `openlineage.run_id` tag. */
export function experimentEvidence(run: ExperimentRun): LinkEvidence[] {
  const named = run.tags['openlineage.run_id'];
  if (named === undefined || named.trim() === '') return [];
  return [{ rule: 'mlflow-tag', lineageKey: idKey(named), experimentKey: idKey(run.runId), namedId: named }];
}
