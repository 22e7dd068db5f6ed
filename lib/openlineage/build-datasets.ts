import { refKey, type Dataset, type DatasetLifecycleEvent, type DatasetRef, type DatasetVersion, type Facets, type RunDataset } from '@/lib/model';
import type { BuiltRun, Reported } from './build-runs';
import { previousIdentifierOf } from './facets';

/** A dataset mentioned without a run writing it: a DatasetEvent, or a JobEvent's input/output. */
export interface DatasetMention extends Reported {
  ref: DatasetRef;
  facets: Facets;
  /** DatasetEvents update the dataset's facets; JobEvent datasets only describe it when nothing else does. */
  fromDatasetEvent: boolean;
}

interface Write {
  version: DatasetVersion;
  time: number;
}

interface DatasetAcc {
  ref: DatasetRef;
  /** Oldest first. */
  writes: Write[];
  byVersion: Map<string, Write[]> | null;
  datasetEvents: DatasetMention[];
  /** Reads and JobEvent mentions: they describe the dataset only when no run wrote it. */
  mentions: Array<{ facets: Facets } & Reported>;
  lifecycle: Array<DatasetLifecycleEvent & { time: number }>;
}

/**
 * The id of a DatasetVersion in this source: `<runId>/<namespace>/<name>`. One run writes one
 * version of each of its outputs; namespaces and names may hold '/', so never split it.
 */
export function datasetVersionId(runId: string, ref: DatasetRef): string {
  return `${runId}/${ref.namespace}/${ref.name}`;
}

/** The newest write at or before `time` not made by `reader` (a run may read what it rewrites). */
function newestAtOrBefore(writes: Write[], time: number, reader: string): Write | null {
  let lo = 0;
  let hi = writes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((writes[mid]?.time ?? Infinity) <= time) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo - 1; i >= 0; i--) {
    const w = writes[i];
    if (w !== undefined && w.version.createdByRunId !== reader) return w;
  }
  return null;
}

/**
 * The write an input read. With a version facet: the newest write of that exact version at or
 * before the reader started, else the oldest later one (the producer's clock ran ahead); no match
 * when the dataset has versioned writes but none of this version. Without a version facet: the
 * newest write at or before the reader started.
 */
function producerOf(acc: DatasetAcc, input: RunDataset, reader: BuiltRun): Write | null {
  const readerId = reader.run.runId;
  if (input.version !== null) {
    acc.byVersion ??= groupByVersion(acc.writes);
    const same = acc.byVersion.get(input.version);
    if (same !== undefined) return newestAtOrBefore(same, reader.startTime, readerId) ?? same.find((w) => w.version.createdByRunId !== readerId) ?? null;
    if (acc.byVersion.size > 0) return null;
  }
  return newestAtOrBefore(acc.writes, reader.startTime, readerId);
}

function groupByVersion(writes: Write[]): Map<string, Write[]> {
  const out = new Map<string, Write[]>();
  for (const w of writes) {
    if (w.version.version === null) continue;
    const list = out.get(w.version.version);
    if (list === undefined) out.set(w.version.version, [w]);
    else list.push(w);
  }
  return out;
}

function accFor(all: Map<string, DatasetAcc>, ref: DatasetRef): DatasetAcc {
  const key = refKey(ref);
  let acc = all.get(key);
  if (acc === undefined) {
    acc = { ref: { namespace: ref.namespace, name: ref.name }, writes: [], byVersion: null, datasetEvents: [], mentions: [], lifecycle: [] };
    all.set(key, acc);
  }
  return acc;
}

type FacetReport = { facets: Facets } & Reported;

/** Facets merged by name, oldest report first, so the newest report of each facet wins. */
function mergeReports(reports: FacetReport[]): { facets: Facets; updated: Reported | null } {
  reports.sort((a, b) => a.time - b.time);
  let facets: Facets = {};
  for (const r of reports) facets = { ...facets, ...r.facets };
  return { facets, updated: reports.at(-1) ?? null };
}

/**
 * Facets of the writes and DatasetEvents merged by name, newest winning (a dropped dataset keeps the
 * facets its writers reported); a run that reports an
 * output without facets (a pipeline rolling up its last stage) does not blank the dataset. Only a
 * dataset nobody wrote is described by its reads. updatedAt: the newest report of any kind.
 */
function toDataset(acc: DatasetAcc): Dataset {
  const writes = acc.writes.map((w): FacetReport => ({ facets: w.version.facets, at: w.version.createdAt, time: w.time }));
  const own = mergeReports([...writes, ...acc.datasetEvents]);
  const read = mergeReports(acc.mentions);
  const facets = own.updated === null ? read.facets : own.facets;
  const updated = own.updated === null || (read.updated !== null && read.updated.time > own.updated.time) ? read.updated : own.updated;
  const versions = acc.writes.map((w) => w.version).reverse();
  const lifecycle = acc.lifecycle.sort((a, b) => b.time - a.time).map(({ time: _time, ...event }) => event);
  return { namespace: acc.ref.namespace, name: acc.ref.name, facets, versions, updatedAt: updated?.at ?? null, lifecycle };
}

/**
 * Datasets with one version per run that wrote them, and each run input's producedByRunId (set
 * in place). `runs` must be ordered by start time, `mentions` oldest first.
 */
export function buildDatasets(runs: readonly BuiltRun[], mentions: readonly DatasetMention[]): Map<string, Dataset> {
  const all = new Map<string, DatasetAcc>();
  for (const built of runs) {
    for (const out of built.run.outputs) {
      const reported = built.outputTimes.get(refKey(out)) ?? { at: built.run.updatedAt, time: built.updatedTime };
      const change = out.lifecycleChange ?? null;
      if (change !== null) {
        accFor(all, out).lifecycle.push({ change, at: reported.at, time: reported.time, runId: built.run.runId, previous: previousIdentifierOf(out.facets) });
      }
      // A DROP removes the dataset: it is on the timeline, not a new version, and its run is no producer.
      if (change === 'DROP') continue;
      const version: DatasetVersion = {
        id: datasetVersionId(built.run.runId, out), namespace: out.namespace, name: out.name, version: out.version,
        createdByRunId: built.run.runId, createdAt: reported.at, facets: out.facets, rowCount: out.rowCount, consumedByRunIds: [],
      };
      accFor(all, out).writes.push({ version, time: reported.time });
    }
  }
  for (const acc of all.values()) acc.writes.sort((a, b) => a.time - b.time);
  for (const built of runs) {
    for (const input of built.run.inputs) {
      const acc = accFor(all, input);
      const producer = producerOf(acc, input, built);
      input.producedByRunId = producer?.version.createdByRunId ?? null;
      producer?.version.consumedByRunIds.push(built.run.runId);
      const reported = built.inputTimes.get(refKey(input)) ?? { at: built.run.updatedAt, time: built.updatedTime };
      acc.mentions.push({ facets: input.facets, at: reported.at, time: reported.time });
    }
  }
  for (const m of mentions) {
    const acc = accFor(all, m.ref);
    if (m.fromDatasetEvent) acc.datasetEvents.push(m);
    else acc.mentions.push(m);
  }
  return new Map([...all].map(([key, acc]) => [key, toDataset(acc)]));
}
