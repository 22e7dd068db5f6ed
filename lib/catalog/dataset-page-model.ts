import 'server-only';
import { lineageHref, runHref } from '@/lib/api/links';
import { refKey, type Dataset, type DatasetRef, type LinkRule, type MetricPoint, type UnifiedRun } from '@/lib/model';
import { getSources, type LineageSource } from '@/lib/sources';
import { runRef, type RunRef } from './run-detail';
import { findRun, type RunIndex } from './run-index';
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

export interface DatasetVersionRow {
  id: string;
  version: string | null;
  createdAt: string;
  createdAtMs: number | null;
  rowCount: number | null;
  createdBy: WriterView | null;
  /** The writer's run id when it is not among the loaded runs (e.g. an old Marquez run). */
  createdByRunId: string | null;
  readBy: RunRef[];
  /** Null when this version's writer reported no `schema` facet. */
  schema: SchemaField[] | null;
  /** Against the next older version; null when there is none or either side has no schema. */
  diff: SchemaDiff | null;
  diffNote: string;
}

export interface LoadedDataset {
  dataset: Dataset | null;
  /** Where the versions came from when a source listed them itself, or why the snapshot was used instead. */
  note: string | null;
}

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

function snapshotDataset(index: RunIndex, ref: DatasetRef): Dataset | null {
  const key = refKey(ref);
  return index.lineage.map((s) => s.datasets.get(key)).find((d): d is Dataset => d !== undefined) ?? null;
}

/**
 * Sources that list versions themselves (Marquez) are asked first; the snapshot answers otherwise,
 * or when such a source fails (and the note says so). Sources are a parameter for tests.
 */
export async function loadDataset(index: RunIndex, ref: DatasetRef, sources: LineageSource[] = getSources().lineage): Promise<LoadedDataset> {
  const problems: string[] = [];
  for (const source of sources) {
    if (!source.dataset) continue;
    try {
      const found = await source.dataset(ref);
      if (found) return { dataset: found, note: `Versions listed by ${source.id}.` };
    } catch (error) {
      problems.push(`${source.id} could not list this dataset's versions (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  const note = problems.length > 0 ? `${problems.join('; ')}; showing the versions in the loaded snapshot instead.` : null;
  return { dataset: snapshotDataset(index, ref), note };
}

function diffAgainst(schema: SchemaField[] | null, older: SchemaField[] | null | undefined): Pick<DatasetVersionRow, 'diff' | 'diffNote'> {
  if (older === undefined) return { diff: null, diffNote: 'The oldest version: nothing to compare with.' };
  if (schema === null) return { diff: null, diffNote: 'No schema reported with this version.' };
  if (older === null) return { diff: null, diffNote: 'The previous version reported no schema.' };
  return { diff: diffSchemas(older, schema), diffNote: 'Compared with the previous version.' };
}

/** Runs that read a dataset nobody tracked writing (a raw input), with the version each read. */
function rawReaders(index: RunIndex, ref: DatasetRef): Array<RunRef & { href: string; version: string | null }> {
  const out: Array<RunRef & { href: string; version: string | null }> = [];
  for (const run of index.runs) {
    const read = run.lineage?.inputs.find((d) => d.namespace === ref.namespace && d.name === ref.name);
    if (read) out.push({ ...runRef(run), href: runHref(run.id), version: read.version });
  }
  return out;
}

/** A dataset with its versions newest first, each with writer, readers, schema and the schema change. */
export function datasetPageModel(index: RunIndex, loaded: LoadedDataset & { dataset: Dataset }) {
  const { dataset } = loaded;
  const known = (id: string) => findRun(index, id);
  const schemas = dataset.versions.map((v) => schemaFields(v.facets));
  const versions = dataset.versions.map((v, i): DatasetVersionRow => {
    const writer = v.createdByRunId ? known(v.createdByRunId) : null;
    const createdAtMs = Date.parse(v.createdAt);
    const schema = schemas[i] ?? null;
    return {
      id: v.id,
      version: v.version,
      createdAt: v.createdAt,
      createdAtMs: Number.isFinite(createdAtMs) ? createdAtMs : null,
      rowCount: v.rowCount,
      createdBy: writer ? writerView(writer) : null,
      createdByRunId: writer ? null : v.createdByRunId,
      readBy: v.consumedByRunIds.map(known).filter((r): r is UnifiedRun => r !== null).map(runRef),
      schema,
      // Versions are newest first, so the previous (older) version is the next one.
      ...diffAgainst(schema, i + 1 < schemas.length ? (schemas[i + 1] ?? null) : undefined),
    };
  });
  return {
    namespace: dataset.namespace,
    name: dataset.name,
    updatedAt: dataset.updatedAt,
    note: loaded.note,
    lineageHref: lineageHref({ kind: 'dataset', namespace: dataset.namespace, name: dataset.name }),
    latestFields: schemaFields(dataset.facets),
    versions,
    readers: versions.length === 0 ? rawReaders(index, dataset) : [],
  };
}

export type DatasetPageModel = ReturnType<typeof datasetPageModel>;
