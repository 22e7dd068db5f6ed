import { isObject } from './facets';
import { columnLineageFacet, currentVersion } from './ingest-dataset';
import type { Instant } from './instant';
import type { DatasetRow, DatasetVersionRow, JobRow, JsonObject, MarquezState, NamespaceRow, RunIo, RunRow, SchemaField } from './state';

/**
 * Marquez's API object mapper writes null for every unknown value (description, location,
 * nominalStartTime, currentVersion...), so nulls below are deliberate, not omissions.
 */
const iso = (at: Instant | null): string | null => (at === null ? null : at.iso);

export function namespaceJson(row: NamespaceRow): JsonObject {
  return { name: row.name, createdAt: row.createdAt.iso, updatedAt: row.updatedAt.iso, ownerName: 'anonymous', description: null, isHidden: false };
}

function ioJson(state: MarquezState, io: Map<string, RunIo>): JsonObject[] {
  return [...io.values()].flatMap((entry) => {
    const version = state.versionsByUuid.get(entry.versionUuid);
    const dataset = version === undefined ? undefined : state.datasets.get(version.datasetKey);
    if (version === undefined || dataset === undefined) return [];
    // Marquez #1977: a run names the version by the row uuid, which the versions API does not list.
    return [{ datasetVersionId: { namespace: dataset.namespace, name: dataset.name, version: version.uuid }, facets: entry.facets }];
  });
}

export function runJson(state: MarquezState, run: RunRow): JsonObject {
  const job = state.jobs.get(run.jobKey);
  // Instant.until(..., MILLIS) truncates to whole milliseconds.
  const duration = run.startedAt !== null && run.endedAt !== null ? Math.trunc(run.endedAt.ms - run.startedAt.ms + 1e-6) : null;
  return {
    id: run.uuid,
    createdAt: run.createdAt.iso,
    updatedAt: run.updatedAt.iso,
    nominalStartTime: iso(run.nominalStartTime),
    nominalEndTime: iso(run.nominalEndTime),
    state: run.state,
    startedAt: iso(run.startedAt),
    endedAt: iso(run.endedAt),
    durationMs: duration,
    args: run.args,
    // Null until a finished run gave the job a version.
    jobVersion: run.jobVersion === null || job === undefined ? null : { namespace: job.namespace, name: job.name, version: run.jobVersion },
    inputDatasetVersions: ioJson(state, run.inputs),
    outputDatasetVersions: ioJson(state, run.outputs),
    context: run.context,
    facets: run.runFacets,
  };
}

const runRows = (state: MarquezState, job: JobRow): RunRow[] => job.runUuids.flatMap((uuid) => state.runs.get(uuid) ?? []);

/** RunDao.findAll: `ORDER BY started_at DESC NULLS LAST` (a run that never started sorts last). */
export function runsOf(state: MarquezState, job: JobRow): RunRow[] {
  return runRows(state, job).sort((a, b) => (b.startedAt?.ms ?? -Infinity) - (a.startedAt?.ms ?? -Infinity));
}

/**
 * RunDao.findByLatestJob: `ORDER BY transitioned_at DESC`, where Postgres puts NULLs (no state yet)
 * first. Equal times are a tie Postgres breaks arbitrarily; here the run touched last wins.
 */
export function latestRunOf(state: MarquezState, job: JobRow): RunRow | null {
  const rank = (run: RunRow): number => run.transitionedAt?.ms ?? Infinity;
  return runRows(state, job).sort((a, b) => rank(b) - rank(a) || b.touched - a.touched)[0] ?? null;
}

const datasetIds = (state: MarquezState, keys: string[]): JsonObject[] =>
  keys.flatMap((key) => {
    const dataset = state.datasets.get(key);
    return dataset === undefined ? [] : [{ namespace: dataset.namespace, name: dataset.name }];
  });

export function jobJson(state: MarquezState, job: JobRow): JsonObject {
  const runs = runsOf(state, job);
  const parent = job.parentJobKey === null ? undefined : state.jobs.get(job.parentJobKey);
  const latest = latestRunOf(state, job);
  return {
    id: { namespace: job.namespace, name: job.name },
    type: 'BATCH',
    name: job.name,
    simpleName: job.simpleName,
    parentJobName: parent?.name ?? null,
    parentJobUuid: null,
    createdAt: job.createdAt.iso,
    updatedAt: job.updatedAt.iso,
    namespace: job.namespace,
    inputs: datasetIds(state, job.currentVersion?.inputs ?? []),
    outputs: datasetIds(state, job.currentVersion?.outputs ?? []),
    location: job.location,
    description: job.description,
    context: contextOf(state, job),
    latestRun: latest === null ? null : runJson(state, latest),
    latestRuns: runs.slice(0, 10).map((run) => runJson(state, run)),
    facets: job.facets,
    currentVersion: job.currentVersion?.version ?? null,
  };
}

function contextOf(state: MarquezState, job: JobRow): Record<string, string> {
  return latestRunOf(state, job)?.context ?? {};
}

/** A job as a lineage node's `data` (JobData): no facets, versions or latestRuns; latestRun chosen by the caller. */
export function jobNodeData(state: MarquezState, job: JobRow, latestRun: RunRow | null): JsonObject {
  const full = jobJson(state, job);
  const keys = ['id', 'type', 'name', 'simpleName', 'parentJobName', 'createdAt', 'updatedAt', 'namespace', 'inputs', 'outputs', 'location', 'context', 'description'];
  return { ...Object.fromEntries(keys.map((key) => [key, full[key] ?? null])), latestRun: latestRun === null ? null : runJson(state, latestRun) };
}

const fieldsJson = (fields: SchemaField[]): JsonObject[] =>
  fields.map((f) => ({ name: f.name, type: f.type, tags: [], description: f.description }));

function columnLineageJson(state: MarquezState, dataset: DatasetRow): JsonObject[] | null {
  const facet = columnLineageFacet(state, dataset);
  if (facet === null) return null;
  return Object.entries(facet).map(([name, value]) => {
    const entry = isObject(value) ? value : {};
    const inputs = Array.isArray(entry.inputFields) ? entry.inputFields.filter(isObject) : [];
    return {
      name,
      inputFields: inputs.map((i) => ({
        namespace: i.namespace ?? null, dataset: i.name ?? null, field: i.field ?? null,
        transformationDescription: entry.transformationDescription ?? null, transformationType: entry.transformationType ?? null,
      })),
    };
  });
}

export function datasetJson(state: MarquezState, dataset: DatasetRow): JsonObject {
  const version = currentVersion(state, dataset);
  return {
    id: { namespace: dataset.namespace, name: dataset.name },
    type: 'DB_TABLE',
    name: dataset.name,
    physicalName: dataset.name,
    createdAt: dataset.createdAt.iso,
    updatedAt: dataset.updatedAt.iso,
    namespace: dataset.namespace,
    sourceName: dataset.sourceName,
    fields: fieldsJson(version?.fields ?? []),
    tags: [],
    lastModifiedAt: iso(dataset.lastModifiedAt),
    lastLifecycleState: version?.lifecycleState ?? null,
    description: dataset.description,
    // Marquez #1883: the row uuid, which /versions/{version} does not find.
    currentVersion: dataset.currentVersionUuid,
    columnLineage: columnLineageJson(state, dataset),
    facets: version?.facets ?? {},
    deleted: false,
  };
}

/** The dataset as a lineage node's `data` (DatasetData: fewer fields than the Dataset resource). */
export function datasetNodeData(state: MarquezState, dataset: DatasetRow): JsonObject {
  const full = datasetJson(state, dataset);
  const keys = ['id', 'type', 'name', 'physicalName', 'createdAt', 'updatedAt', 'namespace', 'sourceName', 'fields', 'tags', 'lastModifiedAt', 'description', 'lastLifecycleState'];
  return Object.fromEntries(keys.map((key) => [key, full[key] ?? null]));
}

export function versionJson(state: MarquezState, dataset: DatasetRow, version: DatasetVersionRow): JsonObject {
  const run = version.runUuid === null ? undefined : state.runs.get(version.runUuid);
  return {
    id: { namespace: dataset.namespace, name: dataset.name, version: version.version },
    type: 'DB_TABLE',
    name: dataset.name,
    physicalName: dataset.name,
    createdAt: version.createdAt.iso,
    version: version.version,
    namespace: dataset.namespace,
    sourceName: dataset.sourceName,
    fields: fieldsJson(version.fields),
    tags: [],
    lifecycleState: version.lifecycleState,
    description: dataset.description,
    createdByRun: run === undefined ? null : runJson(state, run),
    facets: version.facets,
  };
}
