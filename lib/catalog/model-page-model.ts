import 'server-only';
import { modelHref, runHref } from '@/lib/api/links';
import type { LoggedModel, ModelVersion, RegisteredModel, UnifiedRun } from '@/lib/model';
import { findModel, registeredModels, stageOf, trainingRunOf, type TrainingRunVia } from './model-versions';
import { datasetRows, type DatasetRow } from './run-detail';
import { runLabel, runStatus } from '@/lib/model/run-fields';
import { findRun, loadRuns, type RunIndex } from './run-index';
import { isThrottled, retryAfterSeconds, type LookupThrottled } from './lookup-limit';
import { resolveRun, type ResolvedRun } from './run-lookup';
import { runUpstreamModel, type UpstreamPanelModel } from './upstream';
import { boundList } from '@/lib/model/bounded-list';

const iso = (ms: number | null): string | null => (ms === null || !Number.isFinite(ms) ? null : new Date(ms).toISOString());

export interface ModelSummary {
  name: string;
  href: string;
  description: string | null;
  latestVersion: string | null;
  /** alias → version. */
  aliases: Record<string, string>;
  versionCount: number;
  createdAt: string | null;
  updatedAt: string | null;
}

/** The training run as the trace shows it: the unified run page, and how it is linked to its lineage side. */
export interface TraceRun {
  id: string;
  href: string;
  label: string;
  status: string;
  experimentRunId: string | null;
  via: TrainingRunVia;
  /** Null for a run with one side only (e.g. an MLflow run no OpenLineage run is linked to). */
  link: { rule: string; detail: string } | null;
}

export interface ModelVersionView {
  version: string;
  href: string;
  aliases: string[];
  /** Null when MLflow's stage is "None"; stages are deprecated in favour of aliases. */
  stage: string | null;
  status: string | null;
  createdAt: string | null;
  source: string | null;
  description: string | null;
  tags: Record<string, string>;
  /** MLflow 3: the logged model registered (`models:/m-…`). */
  modelId: string | null;
  run: TraceRun | null;
  /** Why there is no run, or what is odd about it; null when the run is simply there. */
  runNote: string | null;
}

/** model version → training run → the exact dataset versions it read → the runs upstream that wrote them. */
export interface VersionTrace {
  version: string;
  loggedModel: (Omit<LoggedModel, 'createdAt'> & { createdAt: string | null }) | null;
  run: TraceRun | null;
  runNote: string | null;
  /** The run's inputs with exact versions and the run that wrote each (`related`): at most 200 from `inputsOffset`. */
  inputs: DatasetRow[];
  inputsOffset: number;
  inputsTotal: number;
  upstream: UpstreamPanelModel | null;
  versionBasis: string | null;
  versionError: string | null;
  /** The training run's direct look-up was shed (a flood of unknown ids): nothing is known of it yet; "try again". */
  lookupShed: { message: string; retryAfterSeconds: number } | null;
}

/** The training run, or the shedding of its direct look-up (the run may exist: the page says "try again", never "not loaded"). */
async function trainingRun(index: RunIndex, runId: string): Promise<ResolvedRun | LookupThrottled | null> {
  try {
    return await resolveRun(index, runId);
  } catch (error) {
    if (isThrottled(error)) return error as LookupThrottled;
    throw error;
  }
}

export function modelSummary(model: RegisteredModel): ModelSummary {
  return {
    name: model.name,
    href: modelHref(model.name),
    description: model.description,
    latestVersion: model.versions[0]?.version ?? null,
    aliases: model.aliases,
    versionCount: model.versions.length,
    createdAt: iso(model.createdAt),
    updatedAt: iso(model.updatedAt),
  };
}

export function modelListModel(index: RunIndex): ModelSummary[] {
  return registeredModels(index).map(modelSummary);
}

function traceRun(run: UnifiedRun, via: TrainingRunVia): TraceRun {
  return {
    id: run.id,
    href: runHref(run.id),
    label: runLabel(run),
    status: runStatus(run),
    experimentRunId: run.experiment?.runId ?? null,
    via,
    link: run.link ? { rule: run.link.rule, detail: run.link.detail } : null,
  };
}

/** Why a version has no training run to show, said plainly. */
function missingRunNote(version: ModelVersion): string {
  if (version.modelId && version.loggedModel === undefined) {
    return `Registered from logged model ${version.modelId} (MLflow 3) and no run id; this store cannot look logged models up, so the training run is unknown.`;
  }
  if (version.modelId && version.loggedModel === null) return `Registered from logged model ${version.modelId}, which the tracking store does not have; the training run is unknown.`;
  if (version.modelId) return `Logged model ${version.modelId} names no source run.`;
  return 'This version records no run id (registered from a path rather than a run), so its training run is unknown.';
}

function runNoteOf(version: ModelVersion, run: UnifiedRun | null, runId: string | null, via: TrainingRunVia | null): string | null {
  if (runId === null) return missingRunNote(version);
  if (!run) return `Run ${runId} is not among the loaded runs (deleted, or in an experiment no source read).`;
  const notes: string[] = [];
  if (via === 'logged-model') notes.push(`The version records no run id; the run is the source run of logged model ${version.modelId}.`);
  if (!run.lineage) notes.push('No OpenLineage run is linked to this MLflow run, so the versions below are the datasets MLflow logged (digests), and no upstream runs are known.');
  return notes.length > 0 ? notes.join(' ') : null;
}

function versionView(index: RunIndex, model: RegisteredModel, version: ModelVersion): ModelVersionView {
  const training = trainingRunOf(version);
  const run = training ? findRun(index, training.runId) : null;
  return {
    version: version.version,
    href: modelHref(model.name, version.version),
    aliases: version.aliases,
    stage: stageOf(version),
    status: version.status,
    createdAt: iso(version.createdAt),
    source: version.source,
    description: version.description,
    tags: version.tags,
    modelId: version.modelId ?? null,
    run: run && training ? traceRun(run, training.via) : null,
    runNote: runNoteOf(version, run, training?.runId ?? null, training?.via ?? null),
  };
}

/** The trace of one version; the lineage sources are asked for exact versions and upstream runs as on the run page. */
export async function versionTrace(index: RunIndex, version: ModelVersion, inputsOffset = 0): Promise<VersionTrace> {
  const training = trainingRunOf(version);
  const found = training ? await trainingRun(index, training.runId) : null;
  const shed = isThrottled(found) ? (found as LookupThrottled) : null;
  const resolved = shed ? null : (found as ResolvedRun | null);
  const run = resolved?.run ?? null;
  const logged = version.loggedModel ?? null;
  const inputs = boundList(run ? datasetRows(index, run).inputs : [], inputsOffset);
  return {
    version: version.version,
    loggedModel: logged && { ...logged, createdAt: iso(logged.createdAt) },
    run: run && training ? traceRun(run, training.via) : null,
    runNote: shed ? `Run ${training?.runId} was not looked up yet: ${shed.message}.` : runNoteOf(version, run, training?.runId ?? null, training?.via ?? null),
    inputs: inputs.items,
    inputsOffset: inputs.offset,
    inputsTotal: inputs.total,
    upstream: run?.lineage ? await runUpstreamModel(index, run) : null,
    versionBasis: resolved?.versionBasis ?? null,
    versionError: resolved?.versionError ?? null,
    lookupShed: shed && { message: shed.message, retryAfterSeconds: retryAfterSeconds(shed) },
  };
}

export type ModelPageLookup =
  | { found: false }
  | { found: true; model: ModelPageModel };

export interface ModelPageModel extends ModelSummary {
  tags: Record<string, string>;
  /** Newest first: at most 200 from `versionsOffset` (`versionCount` counts them all). */
  versions: ModelVersionView[];
  versionsOffset: number;
  /** The version whose trace is shown: `?version=`, else the newest; null when the model has no versions. */
  selectedVersion: string | null;
  /** That version (it may be outside the window of `versions`). */
  selected: ModelVersionView | null;
  /** `?version=` named a version the model does not have. */
  unknownVersion: string | null;
  trace: VersionTrace | null;
}

/** Where the model page's lists start (`?versions=<offset>`, `?inputs=<offset>`). */
export interface ModelPageOffsets {
  versions?: number;
  inputs?: number;
}

/** The model page (and GET /api/models/{name}): a window of its versions, and the full trace of the selected one. */
export async function modelPageModel(index: RunIndex, name: string, requested: string | null, offsets: ModelPageOffsets = {}): Promise<ModelPageLookup> {
  const model = findModel(index, name);
  if (!model) return { found: false };
  const selected = requested === null ? (model.versions[0] ?? null) : (model.versions.find((v) => v.version === requested) ?? null);
  const shown = boundList(model.versions, offsets.versions);
  // Only the training runs the page shows are loaded (a model may have thousands of versions).
  await loadRuns(index, [...shown.items, ...(selected ? [selected] : [])].map((v) => trainingRunOf(v)?.runId));
  return {
    found: true,
    model: {
      ...modelSummary(model),
      tags: model.tags,
      versions: shown.items.map((v) => versionView(index, model, v)),
      versionsOffset: shown.offset,
      selectedVersion: selected?.version ?? null,
      selected: selected ? versionView(index, model, selected) : null,
      unknownVersion: requested !== null && selected === null ? requested : null,
      trace: selected ? await versionTrace(index, selected, offsets.inputs) : null,
    },
  };
}

/** Why /models is empty, said for people; null when there are models. */
export function noModelsReason(index: RunIndex, configuredExperimentSources: number): string | null {
  if (registeredModels(index).length > 0) return null;
  if (configuredExperimentSources === 0) return 'No experiment source is configured (MLFLOW_TRACKING_URI is unset), so there is no model registry to read.';
  if (index.experiment.length === 0) return 'No experiment source could be read (see the banners above), so no registered model can be shown.';
  return 'The configured experiment sources hold no registered models. Versions registered with mlflow.register_model appear here.';
}
