import 'server-only';
import { experimentRunKey, type UnifiedRun } from '@/lib/model';
import { cached } from '@/lib/cache';
import { getSources } from '@/lib/sources';
import { DEFAULT_MAX_POINTS, downsample } from '@/lib/series/downsample';
import { encodeMetricValue } from '@/lib/model/metric-value';
import type { MetricHistoryResponse } from '@/lib/queries/metric-history';
import { ERROR_TTL_MS, FINISHED_TTL_MS, LIVE_TTL_MS } from './run-cache';
import { within } from './within';

/**
 * Points of one history read at most (the first, by step): a metric logged 10,000,000 times is not held in
 * memory whole; the answer then says its points are sampled from the first 100,000 (`readLimit`).
 */
export const HISTORY_READ_POINTS = 100_000;

export type ChartedHistory = { key: string; history: MetricHistoryResponse } | { key: string; error: string };

/**
 * One metric's history as the API and the charts take it (its first HISTORY_READ_POINTS points, min-max
 * downsampled past `maxPoints`), cached: the downsampled answer is what is kept, never a raw history of a
 * million points. Null: no such metric.
 */
export async function metricHistoryView(run: UnifiedRun, key: string, maxPoints = DEFAULT_MAX_POINTS): Promise<MetricHistoryResponse | null> {
  const experiment = run.experiment;
  if (!experiment || !(key in experiment.metrics)) return null;
  const source = getSources().experiment.find((s) => s.id === experiment.source);
  if (!source) return null;
  const live = experiment.status === 'RUNNING' || experiment.status === 'SCHEDULED';
  const view = await cached({
    namespace: 'metric-history',
    key: `${source.id}:${experimentRunKey(experiment)}:${maxPoints}:${key}`,
    load: async () => {
      // One point past the bound says the history goes on.
      const read = await source.metricHistory(experimentRunKey(experiment), key, HISTORY_READ_POINTS + 1);
      const cut = read.length > HISTORY_READ_POINTS;
      // A source's own sample (W&B) is said as one: `total` is the sample's size, sampledFrom what was logged.
      const sampledFrom = read.sampledFrom ?? null;
      const { points, total, sampled, gaps } = downsample(cut ? read.slice(0, HISTORY_READ_POINTS) : read, maxPoints);
      return {
        points: points.map((p) => ({ step: p.step, timestamp: p.timestamp, value: encodeMetricValue(p.value) })),
        total, sampled: sampled || cut || sampledFrom !== null, gaps, readLimit: cut ? HISTORY_READ_POINTS : null, sampledFrom,
      };
    },
    ttlMs: () => (live ? LIVE_TTL_MS : FINISHED_TTL_MS),
    errorTtlMs: ERROR_TTL_MS,
  });
  return { runId: run.id, key, ...view };
}

/**
 * The charted histories, fetched in parallel (one upstream request each); a failure stays with its metric.
 * With `deadlineMs`, a history the source has not given by then is left to the browser: the page never
 * waits on a slow upstream (the fetch goes on and fills the cache the browser's request then reads).
 */
export function chartedHistories(run: UnifiedRun, keys: readonly string[], options: { deadlineMs?: number } = {}): Promise<ChartedHistory[]> {
  const source = run.experiment?.source ?? 'experiment source';
  return Promise.all(keys.map(async (key): Promise<ChartedHistory> => {
    try {
      // A history not in hand by then is left to the chart in the browser (which asks /api/metric-history).
      const history = await within<MetricHistoryResponse | null | 'late'>(metricHistoryView(run, key), options.deadlineMs, () => 'late');
      if (history === 'late') return { key, error: `${source} did not give the history within ${options.deadlineMs} ms; the chart loads it in the browser.` };
      return history ? { key, history } : { key, error: `Run ${run.id} has no metric "${key}".` };
    } catch (error) {
      return { key, error: `${source} could not read the history: ${error instanceof Error ? error.message : String(error)}` };
    }
  }));
}
