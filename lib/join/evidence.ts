import { WANDB_SOURCE_ID, experimentRunKey, wandbRunTags, type ExperimentRun, type LineageRun, type LinkRule } from '@/lib/model';
import { idKey, uuidHex } from './ids';

/** Which experiment tracker the evidence is about, for messages. */
export type TrackerName = 'MLflow' | 'W&B';

/** One piece of evidence that a lineage run and an experiment run are the same run. */
export interface LinkEvidence {
  rule: LinkRule;
  /** idKey of the lineage run's runId. */
  lineageKey: string;
  /** experimentKey() of the experiment run. */
  experimentKey: string;
  /** The id as written in the evidence, for messages. */
  namedId: string;
  tracker: TrackerName;
}

/** W&B config key and tag prefix that name the OpenLineage run (linking.md, rule wandb-config). */
export const WANDB_CONFIG_KEY = 'openlineage_run_id';
export const WANDB_TAG_PREFIX = 'ol:';

/** The key an experiment run is matched by: its id, or for W&B its path entity/project/runId (ids are unique per project only). */
export function experimentKey(run: ExperimentRun): string {
  return idKey(experimentRunKey(run));
}

export const trackerOf = (run: ExperimentRun): TrackerName => (run.source === WANDB_SOURCE_ID ? 'W&B' : 'MLflow');

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/** Experiment runs a lineage run names: uuid, its `mlflow` and `wandb` facets and its `tags` facet. */
export function lineageEvidence(run: LineageRun): LinkEvidence[] {
  const lineageKey = idKey(run.runId);
  const found: LinkEvidence[] = [];
  const hex = uuidHex(run.runId);
  if (hex) found.push({ rule: 'uuid', lineageKey, experimentKey: hex, namedId: run.runId, tracker: 'MLflow' });

  const mlflowRunId = record(run.facets.mlflow)?.runId;
  if (nonEmpty(mlflowRunId)) found.push({ rule: 'mlflow-facet', lineageKey, experimentKey: idKey(mlflowRunId), namedId: mlflowRunId, tracker: 'MLflow' });

  const tags = record(run.facets.tags)?.tags;
  if (Array.isArray(tags)) {
    for (const tag of tags) {
      const entry = record(tag);
      // Only these keys are links: the client adds tags of its own (e.g. its version).
      if (entry?.key === 'mlflow.run_id' && nonEmpty(entry.value)) {
        found.push({ rule: 'tags-facet', lineageKey, experimentKey: idKey(entry.value), namedId: entry.value, tracker: 'MLflow' });
      } else if (entry?.key === 'wandb.run_path' && nonEmpty(entry.value)) {
        found.push({ rule: 'tags-facet', lineageKey, experimentKey: idKey(entry.value), namedId: entry.value.trim(), tracker: 'W&B' });
      }
    }
  }

  const wandb = record(run.facets.wandb);
  if (wandb && nonEmpty(wandb.entity) && nonEmpty(wandb.project) && nonEmpty(wandb.runId)) {
    const path = `${wandb.entity.trim()}/${wandb.project.trim()}/${wandb.runId.trim()}`;
    found.push({ rule: 'wandb-facet', lineageKey, experimentKey: idKey(path), namedId: path, tracker: 'W&B' });
  }
  return found;
}

/** OpenLineage runs an experiment run names: MLflow's `openlineage.run_id` tag; W&B's config key or `ol:<uuid>` tag. */
export function experimentEvidence(run: ExperimentRun): LinkEvidence[] {
  const key = experimentKey(run);
  if (run.source !== WANDB_SOURCE_ID) {
    const named = run.tags['openlineage.run_id'];
    return nonEmpty(named) ? [{ rule: 'mlflow-tag', lineageKey: idKey(named), experimentKey: key, namedId: named, tracker: 'MLflow' }] : [];
  }
  const named = [run.params[WANDB_CONFIG_KEY], ...wandbRunTags(run).filter((t) => t.startsWith(WANDB_TAG_PREFIX)).map((t) => t.slice(WANDB_TAG_PREFIX.length))];
  const ids = [...new Set(named.filter(nonEmpty).map((id) => id.trim()))];
  return ids.map((id) => ({ rule: 'wandb-config' as const, lineageKey: idKey(id), experimentKey: key, namedId: id, tracker: 'W&B' as const }));
}

/** Rules whose evidence sits on the experiment run (it names the OpenLineage run). */
export const EXPERIMENT_SIDE_RULES: ReadonlySet<LinkRule> = new Set(['mlflow-tag', 'wandb-config']);
