/** Experiment side of the model: what MLflow (or W&B) says about a run. */

export type ExperimentRunStatus = 'RUNNING' | 'SCHEDULED' | 'FINISHED' | 'FAILED' | 'KILLED';

/** Metric values keep NaN and ±Infinity as the JS numbers; they are never turned into 0. */
export interface MetricPoint {
  step: number;
  /** Epoch milliseconds. */
  timestamp: number;
  value: number;
}

export interface ExperimentDataset {
  /** MLflow dataset name as logged (for data.* tags: the URI). */
  name: string;
  /** The version: MLflow's dataset digest, or `data.dataset_hash` for the output; null when not recorded. */
  digest: string | null;
  /** `mlflow.log_input`, the `data.*` tags of a simple log_data_version(), or a W&B artifact the run logged or used. */
  recordedWith: 'log_input' | 'data.* tags' | 'wandb artifact';
  sourceType: string | null;
  /** URI from the dataset's `source` JSON (`{"uri": …}`), or null. */
  sourceUri: string | null;
  /** `mlflow.data.context` input tag: input, output, training, … */
  context: string | null;
  /** OpenLineage naming of the source URI, when it has one (s3://b/a/b → s3://b + a/b). */
  namespace: string | null;
  olName: string | null;
  /** W&B artifact aliases (latest, v3, …); absent for MLflow datasets. */
  aliases?: string[];
}

export interface ExperimentRun {
  /** e.g. "mlflow-sqlite", "mlflow-files", "mlflow", "wandb". */
  source: string;
  runId: string;
  experimentId: string;
  experimentName: string | null;
  runName: string | null;
  status: ExperimentRunStatus;
  /** Epoch milliseconds. */
  startTime: number | null;
  endTime: number | null;
  deleted: boolean;
  userId: string | null;
  artifactUri: string | null;
  params: Record<string, string>;
  tags: Record<string, string>;
  /** Latest value of each metric (with its step and timestamp). */
  metrics: Record<string, MetricPoint>;
  datasets: ExperimentDataset[];
}

/** Source id of W&B runs: their runId is unique only within the project (experimentId = entity/project). */
export const WANDB_SOURCE_ID = 'wandb';

/** An experiment run's identity across sources: the run id, or for W&B the run path entity/project/runId. */
export function experimentRunKey(run: Pick<ExperimentRun, 'source' | 'experimentId' | 'runId'>): string {
  return run.source === WANDB_SOURCE_ID ? `${run.experimentId}/${run.runId}` : run.runId;
}

/** W&B run tags are labels, not key/values: the W&B source keeps them as one JSON list under this tag. */
export const WANDB_TAGS_KEY = 'wandb.tags';

/** The W&B run tags of a mapped run; [] for other sources. */
export function wandbRunTags(run: Pick<ExperimentRun, 'tags'>): string[] {
  const raw = run.tags[WANDB_TAGS_KEY];
  if (raw === undefined) return [];
  try {
    const list: unknown = JSON.parse(raw);
    return Array.isArray(list) ? list.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}

export interface ModelVersion {
  name: string;
  version: string;
  runId: string | null;
  source: string | null;
  status: string | null;
  stage: string | null;
  aliases: string[];
  createdAt: number | null;
  description: string | null;
  tags: Record<string, string>;
  /** MLflow 3: the logged model behind the version (`model_id`, or a `models:/m-…` source). Optional: 2.x stores have none. */
  modelId?: string | null;
  /** That logged model, when the store could give it (3.x databases and servers); null when it could not. */
  loggedModel?: LoggedModel | null;
}

/** MLflow 3's LoggedModel (`logged_models` table, `GET /logged-models/{id}`): the model a run logged. */
export interface LoggedModel {
  modelId: string;
  name: string | null;
  experimentId: string | null;
  /** `source_run_id`: the run that logged it. */
  runId: string | null;
  /** LoggedModelStatus name, e.g. LOGGED_MODEL_READY. */
  status: string | null;
  artifactUri: string | null;
  createdAt: number | null;
}

export interface RegisteredModel {
  name: string;
  description: string | null;
  createdAt: number | null;
  updatedAt: number | null;
  aliases: Record<string, string>;
  versions: ModelVersion[];
  tags: Record<string, string>;
}
