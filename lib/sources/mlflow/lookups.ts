import 'server-only';
import type { ExperimentRun, MetricPoint } from '@/lib/model';
import { isSourceError } from '@/lib/http/source-error';
import type { MlflowClient } from './client';
import { mapArtifacts, type RunArtifacts } from './map-artifacts';
import { toHistory } from './map-metrics';
import { MLFLOW_HISTORY_READ_LIMIT, metricHistory } from './metric-history';
import { mapRun, type ExperimentIndex } from './map-run';
import { chunks, collectPages, mapLimit } from './paging';
import { isPageFailureLocal } from '@/lib/sources/page-failure';
import type { WireFileInfo, WireMetric } from './schemas';

/** What the on-demand lookups need from the source: the client, page sizes and the experiments. */
export interface LookupContext {
  client: MlflowClient;
  pageSize: number;
  historyPageSize: number;
  experimentsPerSearch: number;
  concurrency: number;
  experimentIndex(): Promise<ExperimentIndex>;
}

// MLflow's run id rule (_RUN_ID_REGEX): anything else cannot exist, and is never put into a filter string.
export const MLFLOW_RUN_ID = /^[a-zA-Z0-9][\w-]{0,255}$/;
/** Run ids per `IN (…)` filter: keeps the filter string short. */
const IDS_PER_SEARCH = 100;
/** get-history-bulk-interval refuses more run ids per call (MAX_RUNS_GET_METRIC_HISTORY_BULK). */
const BULK_MAX_RUNS = 100;
/** …and max_results outside 1..2500 (MAX_RESULTS_PER_RUN). */
const BULK_MAX_RESULTS = 2500;

const ignore = (): void => {};

/** Many runs by id with one runs/search per 100 ids (`attributes.run_id IN (…)`), never one call per run. */
export async function runsByIds(ctx: LookupContext, ids: readonly string[]): Promise<Map<string, ExperimentRun>> {
  const wanted = [...new Set(ids)].filter((id) => MLFLOW_RUN_ID.test(id));
  const found = new Map<string, ExperimentRun>();
  if (wanted.length === 0) return found;
  const index = await ctx.experimentIndex();
  const experimentIds = [...index.experiments.keys()];
  for (const expIds of chunks(experimentIds, ctx.experimentsPerSearch)) {
    for (const idChunk of chunks(wanted.filter((id) => !found.has(id)), IDS_PER_SEARCH)) {
      const filter = `attributes.run_id IN (${idChunk.map((id) => `'${id}'`).join(', ')})`;
      const { items } = await collectPages(async (pageToken) => {
        const page = await ctx.client.searchRuns({ experimentIds: expIds, filter, runViewType: 'ALL', maxResults: ctx.pageSize, pageToken });
        return { items: page.runs ?? [], next: page.next_page_token };
      }, { max: Number.MAX_SAFE_INTEGER, what: 'runs/search' });
      for (const wire of items) {
        const run = mapRun(wire, index, ignore);
        if (run) found.set(run.runId, run);
      }
    }
  }
  return found;
}

/** One run by runs/get; null when the server does not know it. */
export async function runById(ctx: LookupContext, runId: string): Promise<ExperimentRun | null> {
  if (!MLFLOW_RUN_ID.test(runId)) return null;
  const wire = await ctx.client.getRun(runId);
  return wire === null ? null : mapRun(wire, await ctx.experimentIndex(), ignore);
}

export type BulkSupport = 'unknown' | 'available' | 'missing';

/** One metric of many runs, and which of them were cut short (so the chart can say so, never silently). */
export interface MetricHistories {
  byRun: Map<string, MetricPoint[]>;
  /** Runs whose get-history goes on past the `readLimit` points read (the fallback on servers before 2.11). */
  truncated: { runId: string; readLimit: number }[];
}

/**
 * One metric of many runs, for charts: get-history-bulk-interval (2.11+, sampled to about `maxResults`
 * points per run, always keeping each run's first and last step) when the server has it; otherwise the
 * first MLFLOW_HISTORY_READ_LIMIT points of each run's get-history, with the runs that have more named in
 * `truncated`. The first 404 is remembered, so old servers are asked only once.
 */
export class BulkHistories {
  support: BulkSupport = 'unknown';

  constructor(private readonly ctx: LookupContext) {}

  async get(runIds: readonly string[], key: string, maxResults = 320): Promise<MetricHistories> {
    const ids = [...new Set(runIds)].filter((id) => MLFLOW_RUN_ID.test(id));
    if (ids.length === 0) return { byRun: new Map(), truncated: [] };
    if (this.support !== 'missing') {
      try {
        return { byRun: await this.bulk(ids, key, Math.min(Math.max(1, Math.floor(maxResults)), BULK_MAX_RESULTS)), truncated: [] };
      } catch (error) {
        if (!isSourceError(error) || error.status !== 404) throw error;
        this.support = 'missing';
      }
    }
    // One point past the bound says the history goes on.
    const lists = await mapLimit(ids, this.ctx.concurrency, (id) => metricHistory(this.ctx, id, key, MLFLOW_HISTORY_READ_LIMIT + 1));
    const byRun = new Map<string, MetricPoint[]>();
    const truncated: MetricHistories['truncated'] = [];
    ids.forEach((id, i) => {
      const points = lists[i] ?? [];
      if (points.length > MLFLOW_HISTORY_READ_LIMIT) truncated.push({ runId: id, readLimit: MLFLOW_HISTORY_READ_LIMIT });
      byRun.set(id, points.slice(0, MLFLOW_HISTORY_READ_LIMIT));
    });
    return { byRun, truncated };
  }

  private async bulk(ids: string[], key: string, maxResults: number): Promise<Map<string, MetricPoint[]>> {
    const byRun = new Map<string, WireMetric[]>(ids.map((id) => [id, []]));
    for (const chunk of chunks(ids, BULK_MAX_RUNS)) {
      const page = await this.ctx.client.metricHistoryBulkInterval({ runIds: chunk, key, maxResults });
      this.support = 'available';
      for (const m of page.metrics ?? []) if (typeof m.run_id === 'string') byRun.get(m.run_id)?.push(m);
    }
    return new Map([...byRun].map(([id, metrics]) => [id, toHistory(metrics)]));
  }
}

/** A run's artifact folder (every page); null when the run does not exist. */
export async function listArtifacts(ctx: LookupContext, runId: string, path?: string): Promise<RunArtifacts | null> {
  if (!MLFLOW_RUN_ID.test(runId)) return null;
  let rootUri: string | null | undefined;
  let missing = false;
  const { items, partial } = await collectPages<WireFileInfo>(async (pageToken) => {
    const page = await ctx.client.listArtifacts({ runId, path, pageToken });
    if (page === null) missing = true;
    rootUri ??= page?.root_uri;
    return { items: page?.files ?? [], next: page?.next_page_token };
  }, { max: Number.MAX_SAFE_INTEGER, what: 'artifacts/list', pageFailureIsLocal: isPageFailureLocal });
  if (missing) return null;
  const artifacts = mapArtifacts(rootUri, items);
  return partial ? { ...artifacts, partial: `read partially: a page of artifacts/list failed twice after ${partial.after} files (${partial.message})` } : artifacts;
}
