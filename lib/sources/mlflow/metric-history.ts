import 'server-only';
import type { MetricPoint } from '@/lib/model';
import { isPageFailureLocal } from '@/lib/sources/page-failure';
import { MLFLOW_LABEL } from './client';
import { MLFLOW_RUN_ID, type LookupContext } from './lookups';
import { toHistory } from './map-metrics';
import { collectPages } from './paging';
import type { WireMetric } from './schemas';


/**
 * Points of one history read when the caller sets no bound: a metric logged 10,000,000 times must not be
 * held in memory whole (the charts downsample to 1,000 anyway; lib/catalog/metric-history.ts says what was cut).
 */
export const MLFLOW_HISTORY_READ_LIMIT = 100_000;
/** No caller makes one read hold more. */
const MLFLOW_HISTORY_MAX_POINTS = 1_000_000;

/** A metric history whose later page failed twice: what was read is not the history, so it is not shown as one. */
export class PartialHistoryError extends Error {
  override readonly name = 'PartialHistoryError';
  constructor(key: string, partial: { after: number; message: string }) {
    super(`${MLFLOW_LABEL}: the history of ${key} was read partially (a page of metrics/get-history failed twice after ${partial.after} points: ${partial.message})`);
  }
}

/**
 * The first `maxPoints` points of one metric (get-history pages of `max_results`, the last page asking only
 * for what is still wanted; the server's order: step, then timestamp); [] for an unknown run, like the local stores.
 */
export async function metricHistory(ctx: LookupContext, runId: string, key: string, maxPoints = MLFLOW_HISTORY_READ_LIMIT): Promise<MetricPoint[]> {
  if (!MLFLOW_RUN_ID.test(runId)) return [];
  const wanted = Math.max(1, Math.floor(Math.min(maxPoints, MLFLOW_HISTORY_MAX_POINTS)));
  let read = 0;
  // A slow page is asked again; if it fails twice the chart (not the source) says so: a history cut short
  // by a failure would draw a wrong line, so a partial read is an error of this history only.
  const { items, partial } = await collectPages<WireMetric>(async (pageToken) => {
    const page = await ctx.client.metricHistory({ runId, key, maxResults: Math.min(ctx.historyPageSize, wanted - read), pageToken });
    const metrics = page?.metrics ?? [];
    read += metrics.length;
    return { items: metrics, next: page?.next_page_token };
  }, { max: wanted, what: 'metrics/get-history', pageFailureIsLocal: isPageFailureLocal });
  if (partial) throw new PartialHistoryError(key, partial);
  return toHistory(items);
}
