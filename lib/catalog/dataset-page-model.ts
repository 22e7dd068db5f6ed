import 'server-only';
import { lineageHref, runHref } from '@/lib/api/links';
import { datasetUri, type Dataset, type DatasetRef, type LineageRun, type LinkRule, type MetricPoint, type UnifiedRun } from '@/lib/model';
import { getSources, type LineageSource } from '@/lib/sources';
import { MAX_ROW_LIST } from '@/lib/index/lineage-entities';
import { cachedDataset } from './run-cache';
import { BASIS_LABEL, lookUpExactVersions, NO_EXACT_VERSIONS, withExactVersions, type ExactVersions, type VersionBasis } from './exact-versions';
import { runRef, type RunRef } from './run-detail';
import { findDataset, findRun, loadDatasets, loadRuns, type RunIndex } from './run-index';
import type { DataQualityEntry } from './facet-panels';
import { dataQualityOf } from '@/lib/openlineage/facet-views';
import { runLabel, runSortTime, runStartMs } from '@/lib/model/run-fields';
import { diffSchemas, schemaFields, type SchemaDiff, type SchemaField } from './schema-diff';

export interface KeyMetric {
  key: string;
  value: number;
}

/** A run that wrote a version, with the experiment run it is joined to (if any) and a few of its metrics. */
export interface WriterView extends RunRef {
  href: string;
  experiment: { label: string; rule: LinkRule; metrics: KeyMetric[] } | null;
}

/** 'unchecked': listed by a source whose versions may be wrong (Marquez #2733), beyond what was checked. */
export type DatasetVersionBasis = VersionBasis | 'unchecked';

const DATASET_BASIS_LABEL: Record<DatasetVersionBasis, string> = {
  ...BASIS_LABEL,
  'own-events': "from the writer's own events",
  unchecked: "as the lineage source lists it, not checked against the writer's events",
};

export interface DatasetVersionRow {
  id: string;
  version: string | null;
  versionBasis: DatasetVersionBasis;
  versionLabel: string;
  createdAt: string;
  createdAtMs: number | null;
  rowCount: number | null;
  createdBy: WriterView | null;
  /** The writer's run id when it is not among the loaded runs (e.g. an old Marquez run). */
  createdByRunId: string | null;
  /** With when each reader started, so the page dates every read: the loaded ones (the first VERSION_READERS_LOADED named). */
  readBy: DatedRunRef[];
  /** How many runs read this version, so a cut list says so; `atLeast` when the index keeps only the first MAX_ROW_LIST ids. */
  readByCount: { total: number; atLeast: boolean };
  /** Null when this version's writer reported no `schema` facet. */
  schema: SchemaField[] | null;
  /** Against the next older version; null when there is none or either side has no schema. */
  diff: SchemaDiff | null;
  diffNote: string;
}

/** A run and when it started (null when it reported no start). */
export interface DatedRunRef extends RunRef {
  startMs: number | null;
}

const datedRef = (run: UnifiedRun): DatedRunRef => ({ ...runRef(run), startMs: runStartMs(run) });

export interface LoadedDataset {
  dataset: Dataset | null;
  /** How many versions the dataset has; `dataset.versions` holds the newest of them (from `versionsFrom` on). */
  versionsTotal?: number;
  /** The place of `dataset.versions[0]` among all versions, newest first (0 unless an older block was read). */
  versionsFrom?: number;
  /** Where the versions came from when a source listed them itself, or why the snapshot was used instead. */
  note: string | null;
  /** The source that listed the versions, when its version strings may be wrong (Marquez #2733) and are checked against runs' events. */
  uncheckedSource?: string | null;
  /** How many indexed runs read the dataset; the newest DATASET_READERS_SHOWN of them are loaded. */
  readersTotal?: number;
}

/** Bounds of the exact-version lookup: the writers of the newest versions, and the newest readers. */
export const DATASET_EXACT_VERSIONS = 25;
export const DATASET_EXACT_READERS = 50;

const MAX_KEY_METRICS = 4;

/**
 * A few metrics that summarise a run: final summaries first (`final_*`), then rates, then durations
 * and sizes, then the rest, alphabetically within each group.
 */
export function keyMetrics(metrics: Record<string, MetricPoint>, max = MAX_KEY_METRICS): KeyMetric[] {
  const rank = (key: string) => (key.startsWith('final_') ? 0 : /(_rate|accuracy|loss)$/.test(key) ? 1 : /(seconds|samples|rows)$/.test(key) ? 2 : 3);
  return Object.entries(metrics)
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .slice(0, max)
    .map(([key, p]) => ({ key, value: p.value }));
}

function writerView(run: UnifiedRun): WriterView {
  const experiment = run.experiment && run.link
    ? { label: run.experiment.runName ?? run.experiment.runId, rule: run.link.rule, metrics: keyMetrics(run.experiment.metrics) }
    : null;
  return { ...runRef(run), href: runHref(run.id), experiment };
}

/** The dataset by its name or by one of its aliases (`symlinks`: a table's location, a path's table), from the index. */
async function indexedDataset(index: RunIndex, ref: DatasetRef): Promise<{ dataset: Dataset | null; versionsTotal?: number }> {
  await loadDatasets(index, [ref]);
  const found = findDataset(index, ref);
  return found ? { dataset: found.dataset, versionsTotal: found.versionsTotal } : { dataset: null };
}

/** At most this many data-quality results on a dataset page: the newest runs that reported one. */
export const MAX_DATA_QUALITY_RESULTS = 10;

/** Data-quality results on this dataset reported by the runs that wrote or read it, newest first. */
function datasetDataQuality(index: RunIndex, dataset: Dataset): DataQualityEntry[] {
  const runs = [...new Set([...dataset.versions.map((v) => v.createdByRunId), ...readersOf(index, dataset).map((r) => r.id)])]
    .map((id) => (id === null ? null : findRun(index, id))).filter((r): r is UnifiedRun => r?.lineage != null)
    .sort((a, b) => (runStartMs(b) ?? 0) - (runStartMs(a) ?? 0));
  const out: DataQualityEntry[] = [];
  for (const run of runs) {
    const used = [...(run.lineage?.inputs ?? []), ...(run.lineage?.outputs ?? [])].filter(sameDataset(dataset));
    for (const d of used) {
      const view = dataQualityOf(d.facets, d.ioFacets);
      if (view !== null && out.length < MAX_DATA_QUALITY_RESULTS) out.push({ key: `${run.id}\u0000${out.length}`, title: runLabel(run), href: runHref(run.id), note: run.lineage?.startedAt ?? undefined, view });
    }
  }
  return out;
}

/** DROP, TRUNCATE, RENAME, … on the dataset's timeline, with the run that did it. */
function lifecycleRows(index: RunIndex, dataset: Dataset) {
  return (dataset.lifecycle ?? []).map((l) => {
    const run = findRun(index, l.runId);
    return { change: l.change, at: l.at, runId: l.runId, run: run ? { ...runRef(run), href: runHref(run.id) } : null, previous: l.previous ? datasetUri(l.previous) : null };
  });
}

/** Versions read from the index per block when a page asks past the newest ones (one more: the last row's schema diff). */
export const INDEX_VERSIONS_BLOCK = 200;

/**
 * The block of the dataset's indexed versions that holds the `offset`-th (newest first), with the runs they name:
 * older versions than the newest 200 the page reads first. Null when the index does not hold the dataset.
 */
export async function olderDatasetVersions(index: RunIndex, ref: DatasetRef, offset: number): Promise<LoadedDataset & { dataset: Dataset; versionsFrom: number } | null> {
  const from = Math.floor(offset / INDEX_VERSIONS_BLOCK) * INDEX_VERSIONS_BLOCK;
  const found = [...(await index.store.datasets([ref], { from, count: INDEX_VERSIONS_BLOCK + 1 })).values()][0];
  if (!found) return null;
  const readersTotal = await loadDatasetRuns(index, ref, found.dataset);
  return { dataset: found.dataset, versionsTotal: found.versionsTotal, versionsFrom: from, note: null, uncheckedSource: null, readersTotal };
}

/**
 * Sources that list versions themselves (Marquez) are asked first; the snapshot answers otherwise,
 * or when such a source fails (and the note says so). Sources are a parameter for tests.
 */
export async function loadDataset(index: RunIndex, ref: DatasetRef, sources: LineageSource[] = getSources().lineage): Promise<LoadedDataset> {
  const loaded = await listDataset(index, ref, sources);
  return { ...loaded, readersTotal: await loadDatasetRuns(index, ref, loaded.dataset) };
}

async function listDataset(index: RunIndex, ref: DatasetRef, sources: LineageSource[]): Promise<LoadedDataset> {
  const problems: string[] = [];
  for (const source of sources) {
    if (!source.dataset) continue;
    try {
      const found = await cachedDataset(source, ref);
      if (found) return { dataset: found, note: `Versions listed by ${source.id}.`, uncheckedSource: source.exactRuns ? source.id : null };
    } catch (error) {
      problems.push(`${source.id} could not list this dataset's versions (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  const note = problems.length > 0 ? `${problems.join('; ')}; showing the versions in the run index instead.` : null;
  return { ...await indexedDataset(index, ref), note };
}

/** Readers loaded per version (the versions table lists as many; the count of the rest is said). */
export const VERSION_READERS_LOADED = 20;

/**
 * The dataset page's runs, by id from the index: the newest readers, and the writers and readers its versions name.
 * Returns how many indexed runs read the dataset, so the page can say how many of them it shows.
 */
async function loadDatasetRuns(index: RunIndex, ref: DatasetRef, dataset: Dataset | null): Promise<number> {
  const readers = await index.store.readers(ref, DATASET_READERS_SHOWN);
  const named = (dataset?.versions ?? []).slice(0, DATASET_READERS_SHOWN).flatMap((v) => [v.createdByRunId, ...v.consumedByRunIds.slice(0, VERSION_READERS_LOADED)]);
  const changedBy = (dataset?.lifecycle ?? []).slice(0, DATASET_READERS_SHOWN).map((e) => e.runId);
  await loadRuns(index, [...readers.ids, ...named, ...changedBy]);
  return readers.total;
}

function diffAgainst(schema: SchemaField[] | null, older: SchemaField[] | null | undefined): Pick<DatasetVersionRow, 'diff' | 'diffNote'> {
  if (older === undefined) return { diff: null, diffNote: 'The oldest version: nothing to compare with.' };
  if (schema === null) return { diff: null, diffNote: 'No schema reported with this version.' };
  if (older === null) return { diff: null, diffNote: 'The previous version reported no schema.' };
  return { diff: diffSchemas(older, schema), diffNote: 'Compared with the previous version.' };
}

export interface ReaderRow extends DatedRunRef {
  href: string;
  version: string | null;
  versionBasis: VersionBasis;
  versionLabel: string;
}

const sameDataset = (ref: DatasetRef) => (d: DatasetRef) => d.namespace === ref.namespace && d.name === ref.name;

/** Runs that read the dataset at most this many are loaded and shown, newest first. */
export const DATASET_READERS_SHOWN = 200;

/** Loaded runs that read the dataset, newest first. */
function readersOf(index: RunIndex, ref: DatasetRef): UnifiedRun[] {
  return [...index.loaded.values()].filter((run) => run.lineage?.inputs.some(sameDataset(ref)))
    .sort((a, b) => runSortTime(b) - runSortTime(a) || (a.id < b.id ? -1 : 1));
}

/**
 * The runs whose own events tell exactly which versions of the dataset were written and read: the
 * writers of the newest versions and the newest readers, from sources that rebuild runs from their
 * events (Marquez), asked in one batch. Sources are a parameter for tests.
 */
export async function datasetExactVersions(index: RunIndex, dataset: Dataset, sources: LineageSource[] = getSources().lineage): Promise<ExactVersions> {
  const rebuildable = new Set(sources.filter((s) => s.exactRuns).map((s) => s.id));
  const checkable = (run: UnifiedRun | null): LineageRun[] => (run?.lineage && rebuildable.has(run.lineage.source) ? [run.lineage] : []);
  const writers = dataset.versions.slice(0, DATASET_EXACT_VERSIONS).flatMap((v) => checkable(v.createdByRunId ? findRun(index, v.createdByRunId) : null));
  const readers = readersOf(index, dataset).flatMap(checkable).slice(0, DATASET_EXACT_READERS);
  const runs = new Map([...writers, ...readers].map((r) => [r.runId, r]));
  return runs.size === 0 ? NO_EXACT_VERSIONS : lookUpExactVersions([...runs.values()], sources);
}

/** Each loaded reader with the version it read: exact from its own events where its source was asked. */
function readerRows(index: RunIndex, ref: DatasetRef, exact: ExactVersions): Array<{ reader: ReaderRow; startMs: number | null }> {
  return readersOf(index, ref).flatMap((run) => {
    if (!run.lineage) return [];
    const checked = withExactVersions(run.lineage, exact);
    const read = checked.run.inputs.find(sameDataset(ref));
    const start = run.lineage.startedAt === null ? NaN : Date.parse(run.lineage.startedAt);
    const reader = { ...datedRef(run), href: runHref(run.id), version: read?.version ?? null, versionBasis: checked.basis, versionLabel: BASIS_LABEL[checked.basis] };
    return [{ reader, startMs: Number.isFinite(start) ? start : null }];
  });
}

/** The row a reader's exact version belongs to: the newest with that version written before the read began. */
function rowReadBy(rows: DatasetVersionRow[], reader: { version: string | null; startMs: number | null }): DatasetVersionRow | null {
  if (reader.version === null) return null;
  const same = rows.filter((r) => r.version === reader.version);
  return same.find((r) => reader.startMs === null || r.createdAtMs === null || r.createdAtMs <= reader.startMs) ?? same.at(-1) ?? null;
}

/** A dataset with its versions newest first, each with writer, readers, schema and the schema change. */
export function datasetPageModel(index: RunIndex, loaded: LoadedDataset & { dataset: Dataset }, exact: ExactVersions = NO_EXACT_VERSIONS) {
  const { dataset } = loaded;
  const known = (id: string) => findRun(index, id);
  const schemas = dataset.versions.map((v) => schemaFields(v.facets));
  const versions = dataset.versions.map((v, i): DatasetVersionRow => {
    const writer = v.createdByRunId ? known(v.createdByRunId) : null;
    const checked = writer?.lineage ? withExactVersions(writer.lineage, exact) : null;
    const written = checked?.basis === 'own-events' ? checked.run.outputs.find(sameDataset(dataset)) : undefined;
    const basis: DatasetVersionBasis = checked?.basis === 'unavailable' ? 'unavailable'
      : written ? 'own-events' : (loaded.uncheckedSource ?? null) !== null ? 'unchecked' : 'as-loaded';
    const createdAtMs = Date.parse(v.createdAt);
    const schema = schemas[i] ?? null;
    return {
      id: v.id,
      version: basis === 'unavailable' ? null : written ? written.version : v.version,
      versionBasis: basis,
      versionLabel: DATASET_BASIS_LABEL[basis],
      createdAt: v.createdAt,
      createdAtMs: Number.isFinite(createdAtMs) ? createdAtMs : null,
      rowCount: v.rowCount,
      createdBy: writer ? writerView(writer) : null,
      createdByRunId: writer ? null : v.createdByRunId,
      readBy: v.consumedByRunIds.map(known).filter((r): r is UnifiedRun => r !== null).map(datedRef),
      readByCount: { total: v.consumedByRunIds.length, atLeast: v.consumedByRunIds.length >= MAX_ROW_LIST },
      schema,
      // Versions are newest first, so the previous (older) version is the next one.
      ...diffAgainst(schema, i + 1 < schemas.length ? (schemas[i + 1] ?? null) : undefined),
    };
  });
  // Readers checked against their own events join the version they read (Marquez lists no readers).
  const unplaced: ReaderRow[] = [];
  const readers = readerRows(index, dataset, exact);
  for (const { reader, startMs } of readers) {
    if (reader.versionBasis === 'as-loaded') continue;
    const row = reader.versionBasis === 'own-events' ? rowReadBy(versions, { version: reader.version, startMs }) : null;
    if (row === null) unplaced.push(reader);
    else if (!row.readBy.some((r) => r.id === reader.id)) row.readBy.push({ id: reader.id, label: reader.label, status: reader.status, startMs: reader.startMs });
  }
  for (const row of versions) row.readByCount.total = Math.max(row.readByCount.total, row.readBy.length);
  const checkedCount = exact.runs.size;
  return {
    namespace: dataset.namespace,
    name: dataset.name,
    updatedAt: dataset.updatedAt,
    note: loaded.note,
    lineageHref: lineageHref({ kind: 'dataset', namespace: dataset.namespace, name: dataset.name }),
    latestFields: schemaFields(dataset.facets),
    aliases: (dataset.aliases ?? []).map((a) => ({ label: datasetUri(a), ...a })),
    lifecycle: lifecycleRows(index, dataset),
    dataQuality: datasetDataQuality(index, dataset),
    versions,
    /** All the dataset's versions; `versions` lists the newest of them. */
    versionsTotal: Math.max(loaded.versionsTotal ?? versions.length, versions.length),
    readers: versions.length === 0 ? readers.map((r) => r.reader) : [],
    /** All indexed runs that read the dataset; `readers` lists the newest DATASET_READERS_SHOWN of them. */
    readersTotal: Math.max(loaded.readersTotal ?? 0, readers.length),
    /** Readers whose version read matches no listed version, or could not be checked. */
    unplacedReaders: versions.length === 0 ? [] : unplaced,
    versionNote: checkedCount > 0 ? `Versions written and read by ${checkedCount} run${checkedCount === 1 ? '' : 's'} (the writers of the newest ${DATASET_EXACT_VERSIONS} versions and the newest ${DATASET_EXACT_READERS} readers at most) come from each run's own OpenLineage events, not from the lineage source's version list.` : null,
    versionProblems: exact.problems,
  };
}

export type DatasetPageModel = ReturnType<typeof datasetPageModel>;
