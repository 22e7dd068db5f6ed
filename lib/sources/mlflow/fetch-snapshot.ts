import 'server-only';
import type { SourceProblem } from '@/lib/model';
import { isSourceError } from '@/lib/http/source-error';
import type { MlflowClient } from './client';
import type { LoggedModelSupport, RegistryWire } from './map-registry';
import { chunks, collectPages, mapLimit } from './paging';
import { isPageFailureLocal, partialReadMessage } from '@/lib/sources/page-failure';
import { loggedModelIdOf } from '@/lib/sources/mlflow-store/shared/registry';
import type { WireExperiment, WireLoggedModelInfo, WireModelVersion, WireRegisteredModel, WireRun } from './schemas';

export interface SnapshotLimits {
  /** max_results of every search; MLflow guarantees at least 1000 for each. */
  pageSize: number;
  maxExperiments: number;
  maxRuns: number;
  maxModels: number;
  maxVersions: number;
  /** Experiment ids per runs/search call. */
  experimentsPerSearch: number;
  /** registered-models/get calls in flight at once. */
  concurrency: number;
}

export const DEFAULT_LIMITS: SnapshotLimits = {
  pageSize: 1000,
  maxExperiments: 10_000,
  maxRuns: 100_000,
  maxModels: 5_000,
  maxVersions: 50_000,
  experimentsPerSearch: 100,
  concurrency: 4,
};

export interface SnapshotWire {
  experiments: WireExperiment[];
  runs: WireRun[];
  /** Null when the registry could not be read (reported in problems); the runs are still good. */
  registry: RegistryWire | null;
  problems: SourceProblem[];
}

function capped(where: string, max: number, what: string): SourceProblem {
  return { where, message: `more than ${max} ${what}; only the first ${max} are shown` };
}

export async function fetchExperiments(client: MlflowClient, limits: SnapshotLimits, problems: SourceProblem[]): Promise<WireExperiment[]> {
  // ALL: deleted experiments and runs stay visible (marked deleted), as the local stores show them.
  const { items, capped: cut, partial } = await collectPages(async (pageToken) => {
    const page = await client.searchExperiments({ maxResults: limits.pageSize, pageToken, viewType: 'ALL' });
    return { items: page.experiments ?? [], next: page.next_page_token };
  }, { max: limits.maxExperiments, what: 'experiments/search', pageFailureIsLocal: isPageFailureLocal });
  if (cut) problems.push(capped('experiments/search', limits.maxExperiments, 'experiments'));
  if (partial) problems.push({ where: 'experiments/search', message: partialReadMessage('a page of experiments/search', partial, 'experiments') });
  return items;
}

export async function fetchRuns(client: MlflowClient, experimentIds: readonly string[], limits: SnapshotLimits, problems: SourceProblem[]): Promise<WireRun[]> {
  const runs: WireRun[] = [];
  for (const ids of chunks(experimentIds, limits.experimentsPerSearch)) {
    const left = limits.maxRuns - runs.length;
    if (left <= 0) break;
    const { items, capped: cut } = await collectPages(async (pageToken) => {
      const page = await client.searchRuns({ experimentIds: ids, runViewType: 'ALL', maxResults: limits.pageSize, pageToken });
      return { items: page.runs ?? [], next: page.next_page_token };
    }, { max: left, what: 'runs/search' });
    runs.push(...items);
    if (cut || runs.length >= limits.maxRuns) {
      problems.push(capped('runs/search', limits.maxRuns, 'runs'));
      break;
    }
  }
  return runs;
}

async function readRegistry(client: MlflowClient, limits: SnapshotLimits, problems: SourceProblem[]): Promise<RegistryWire> {
  const models = await collectPages(async (pageToken) => {
    const page = await client.searchRegisteredModels({ maxResults: limits.pageSize, pageToken });
    return { items: page.registered_models ?? [], next: page.next_page_token };
  }, { max: limits.maxModels, what: 'registered-models/search', pageFailureIsLocal: isPageFailureLocal });
  if (models.capped) problems.push(capped('registered-models/search', limits.maxModels, 'registered models'));
  if (models.partial) problems.push({ where: 'registered-models/search', message: partialReadMessage('a page of registered-models/search', models.partial, 'registered models') });
  const names = models.items.flatMap((m) => (typeof m.name === 'string' ? [m.name] : []));
  // Aliases come reliably only from registered-models/get, so each model is asked once.
  const details = await mapLimit(names, limits.concurrency, async (name): Promise<[string, WireRegisteredModel | null]> => [name, await client.getRegisteredModel(name)]);
  const versions = await collectPages(async (pageToken) => {
    const page = await client.searchModelVersions({ maxResults: limits.pageSize, pageToken });
    return { items: page.model_versions ?? [], next: page.next_page_token };
  }, { max: limits.maxVersions, what: 'model-versions/search', pageFailureIsLocal: isPageFailureLocal });
  if (versions.capped) problems.push(capped('model-versions/search', limits.maxVersions, 'model versions'));
  if (versions.partial) problems.push({ where: 'model-versions/search', message: partialReadMessage('a page of model-versions/search', versions.partial, 'model versions') });
  const { loggedModels, support } = await readLoggedModels(client, versions.items, limits, problems);
  return { models: models.items, details: new Map(details), versions: versions.items, loggedModels, loggedModelSupport: support };
}

/**
 * The logged models (MLflow 3) the versions were registered from, one GET each. The first answer tells
 * whether the server has the endpoint at all; a 2.x server is asked once, and nothing when no version names one.
 */
async function readLoggedModels(client: MlflowClient, versions: readonly WireModelVersion[], limits: SnapshotLimits,
  problems: SourceProblem[]): Promise<{ loggedModels: Map<string, WireLoggedModelInfo> | null; support: LoggedModelSupport }> {
  const ids = [...new Set(versions.flatMap((v) => loggedModelIdOf(v.model_id ?? null, v.source ?? null) ?? []))].slice(0, limits.maxModels);
  const [first, ...rest] = ids;
  if (first === undefined) return { loggedModels: null, support: 'not needed (no version names a logged model)' };
  try {
    const probe = await client.getLoggedModel(first);
    if (probe.kind === 'unsupported') return { loggedModels: null, support: 'no (the server has no logged-models endpoint: MLflow before 3)' };
    const answers = await mapLimit(rest, limits.concurrency, (id) => client.getLoggedModel(id));
    const found = new Map<string, WireLoggedModelInfo>();
    [probe, ...answers].forEach((answer, i) => {
      const id = ids[i];
      if (answer.kind === 'found' && id !== undefined) found.set(id, answer.info);
    });
    return { loggedModels: found, support: 'yes (MLflow 3)' };
  } catch (error) {
    if (!isSourceError(error) || error.kind === 'network' || error.kind === 'timeout') throw error;
    problems.push({ where: 'logged models', message: `could not be read: ${error.message}` });
    return { loggedModels: null, support: 'failed' };
  }
}

/**
 * Everything snapshot() needs: experiments, then their runs, then the registry. A registry the server
 * refuses or lacks (403, 404, 501) is a problem, not a failure; an unreachable server fails the whole read.
 */
export async function fetchSnapshotWire(client: MlflowClient, limits: SnapshotLimits, options: { withRuns: boolean } = { withRuns: true }): Promise<SnapshotWire> {
  const problems: SourceProblem[] = [];
  const experiments = await fetchExperiments(client, limits, problems);
  const ids = experiments.flatMap((e) => (typeof e.experiment_id === 'string' ? [e.experiment_id] : []));
  // With the run index, runs come from the change feed; the snapshot keeps experiments and the registry.
  const runs = options.withRuns ? await fetchRuns(client, ids, limits, problems) : [];
  let registry: RegistryWire | null = null;
  try {
    registry = await readRegistry(client, limits, problems);
  } catch (error) {
    if (!isSourceError(error) || error.kind === 'network' || error.kind === 'timeout' || error.kind === 'unavailable') throw error;
    problems.push({ where: 'model registry', message: `could not be read: ${error.message}` });
  }
  return { experiments, runs, registry, problems };
}
