import 'server-only';
import type { DatasetRef, JobRef, UnifiedRun } from '@/lib/model';
import type { OpenIndex } from '@/lib/index/open';
import { evidencePartners } from '@/lib/index/neighbourhood';
import { loadExperimentRecords, loadLineageRecords } from '@/lib/index/records';
import type { ExperimentRun, LineageRun } from '@/lib/model';
import { firstReadTimes, listChoices, readersOfDataset, runsByIdKeys, writersOfVersions } from '@/lib/index/run-queries';
import { datasetsByRefs, edgesTouching, jobsByRefs, newestJobs, type IndexedDataset, type IndexedJob, type JobListEntry, type LineageEdgeRow } from '@/lib/index/lineage-queries';
import { graphEntities, neighbourhoodEdges, searchEntities, type EntityHit, type GraphEntity, type Neighbourhood } from '@/lib/index/lineage-graph';
import { countRuns, pageOfRuns, type RunFilters, type RunPageQuery, type RunPageResult, type RunSort } from '@/lib/index/run-page';
import { countRunsAndStages, stagesOfParents } from '@/lib/index/run-groups';
import { runsByIds } from '@/lib/index/run-rows';
import { withAllInputs, withInputsBlock } from '@/lib/index/lineage-inputs';
import { lineageRecordKeys } from '@/lib/join';

export type ListFilters = RunFilters;

/** What the pages ask of the run index; every answer is bounded, none loads every run. */
export interface RunStore {
  /** Runs by idKey of any id a user may paste. */
  byIdKeys(idKeys: readonly string[]): Promise<UnifiedRun[]>;
  page(query: RunPageQuery): Promise<RunPageResult>;
  count(filters: ListFilters): Promise<number>;
  /** The first stages of each parent (sorted as the list is) and how many each has; parents without stages are left out. */
  stages(parentIds: readonly string[], sort: RunSort): Promise<Map<string, { runs: UnifiedRun[]; total: number }>>;
  /** Runs with no indexed parent (pipeline executions and standalone runs) and stages, over the whole index. */
  countGrouped(): Promise<{ topLevel: number; stages: number }>;
  choices(): Promise<{ jobs: string[]; experiments: string[]; metricKeys: string[]; paramKeys: string[] }>;
  /** The run with the block of its inputs from `offset` (at most `limit`): a run reading 100,000 keeps its first ones only. */
  inputsBlock(run: LineageRun, offset: number, limit: number): Promise<LineageRun>;
  /** The run with its whole input list read back (compare and audit list them all). */
  allInputs(run: LineageRun): Promise<LineageRun>;
  /** Runs whose lineage read the dataset, newest first, at most `limit`, and how many there are. */
  readers(ref: DatasetRef, limit: number): Promise<{ ids: string[]; total: number }>;
  /** Earliest start of a run that read each exact version, keyed `namespace␀name␀version`. */
  firstReads(versions: ReadonlyArray<DatasetRef & { version: string }>): Promise<Map<string, number>>;
  /** The OpenLineage runId that wrote each exact version, keyed `namespace␀name␀version`. */
  writers(versions: ReadonlyArray<DatasetRef & { version: string }>): Promise<Map<string, string>>;
  /** Source records stored under these keys or paired with them by stored evidence: a found run's possible partners. */
  partnerRecords(keys: { lineage: string[]; experiment: string[] }): Promise<{ lineage: LineageRun[]; experiment: ExperimentRun[] }>;
  /** Jobs, each with its newest runs and its datasets (bounded, counted). */
  jobs(refs: readonly JobRef[]): Promise<IndexedJob[]>;
  /** Datasets by name or an alias, keyed by refKey of the ref asked, each with its newest versions. */
  /** Datasets with their newest 200 versions, or `window.count` versions from the `window.from`-th (newest first). */
  datasets(refs: readonly DatasetRef[], window?: { from: number; count: number }): Promise<Map<string, IndexedDataset>>;
  /** The most recently updated jobs, and how many there are. */
  newestJobs(limit: number): Promise<{ jobs: JobListEntry[]; total: number }>;
  /** Job↔dataset edges touching these jobs and datasets, at most `limit`. */
  edges(refs: { jobs: readonly JobRef[]; datasets: readonly DatasetRef[] }, limit: number): Promise<LineageEdgeRow[]>;
  /** The job↔dataset edges within `depth` hops of the seeds, the walk stopping at `maxNodes` nodes. */
  neighbourhood(seeds: ReadonlyArray<{ kind: 'job' | 'dataset'; ref: JobRef }>, depth: number, maxNodes: number): Promise<Neighbourhood>;
  /** Jobs and datasets described for drawing (no runs; a dataset's newest version). */
  graphEntities(jobs: readonly JobRef[], datasets: readonly DatasetRef[]): Promise<GraphEntity[]>;
  /** Jobs and datasets whose name or alias contains the query; at most `limit` of each kind. */
  searchEntities(query: string, limit: number): Promise<EntityHit[]>;
}

/** The pickers' choices change slowly and cost a scan of the metric and param keys: kept this long. */
const CHOICES_TTL_MS = 60_000;

const stores = new WeakMap<OpenIndex, RunStore>();

/** The store of an open index, one per index (so what it caches is shared by every request). */
export function runStoreOf(index: OpenIndex): RunStore {
  let store = stores.get(index);
  if (!store) stores.set(index, (store = sqlRunStore(index)));
  return store;
}

export function sqlRunStore(index: OpenIndex): RunStore {
  const { db, dialect } = index;
  let choices: { at: number; value: Promise<Awaited<ReturnType<RunStore['choices']>>> } | null = null;
  return {
    byIdKeys: async (keys) => (await runsByIdKeys(db, keys)).runs,
    page: (query) => pageOfRuns(db, dialect, query),
    count: (filters) => countRuns(db, dialect, filters),
    async stages(parentIds, sort) {
      const picked = await stagesOfParents(db, parentIds, sort);
      const runs = new Map((await runsByIds(db, [...picked.values()].flatMap((p) => p.ids))).map((run) => [run.id, run]));
      return new Map([...picked].map(([parentId, p]) => [parentId, { runs: p.ids.flatMap((id) => runs.get(id) ?? []), total: p.total }]));
    },
    countGrouped: () => countRunsAndStages(db),
    choices: () => {
      if (choices === null || Date.now() - choices.at > CHOICES_TTL_MS) choices = { at: Date.now(), value: listChoices(db).catch((error: unknown) => { choices = null; throw error; }) };
      return choices.value;
    },
    inputsBlock: (run, offset, limit) => withInputsBlock(db, run, lineageRecordKeys(run).key, offset, limit),
    allInputs: (run) => withAllInputs(db, run, lineageRecordKeys(run).key),
    readers: (ref, limit) => readersOfDataset(db, ref.namespace, ref.name, limit),
    firstReads: (versions) => firstReadTimes(db, versions),
    writers: (versions) => writersOfVersions(db, versions),
    jobs: (refs) => jobsByRefs(db, refs),
    datasets: (refs, window) => datasetsByRefs(db, refs, window?.count, window?.from),
    newestJobs: (limit) => newestJobs(db, limit),
    edges: (keys, limit) => edgesTouching(db, keys, limit),
    neighbourhood: (seeds, depth, maxNodes) => neighbourhoodEdges(db, seeds, depth, maxNodes),
    graphEntities: (jobs, datasets) => graphEntities(db, jobs, datasets),
    searchEntities: (query, limit) => searchEntities(db, query, limit),
    async partnerRecords(keys) {
      const partners = await evidencePartners(db, { lineage: new Set(keys.lineage), experiment: new Set(keys.experiment) });
      const [lineage, experiment] = await Promise.all([
        loadLineageRecords(db, [...new Set([...keys.lineage, ...partners.lineage])]),
        loadExperimentRecords(db, [...new Set([...keys.experiment, ...partners.experiment])]),
      ]);
      return { lineage, experiment };
    },
  };
}
