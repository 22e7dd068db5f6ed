import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import { apiMetricValueSchema } from '@/lib/api/contract';

export const metricHistoryResponseSchema = z.object({
  runId: z.string(),
  key: z.string(),
  points: z.array(z.object({ step: z.number(), timestamp: z.number(), value: apiMetricValueSchema })),
  /** Raw point count; more than points.length when the server downsampled (sampled: true). */
  total: z.number().int().nonnegative(),
  sampled: z.boolean(),
  /** NaN/±Infinity counts over the raw series: a sample keeps at most one gap marker per bucket. */
  gaps: z.object({ nan: z.number().int(), posInf: z.number().int(), negInf: z.number().int() }),
  /** Set when the history has more points than one read takes: `total` and the points are of its first readLimit. */
  readLimit: z.number().int().positive().nullish(),
  /** Set when the source gave a sample of the history (W&B): how many points were logged; `total` is the sample's size. */
  sampledFrom: z.number().int().positive().nullish(),
});
export type MetricHistoryResponse = z.infer<typeof metricHistoryResponseSchema>;

async function fetchMetricHistory(runId: string, key: string): Promise<MetricHistoryResponse> {
  const response = await fetch(`/api/metric-history?${new URLSearchParams({ run: runId, key })}`);
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const message = z.object({ error: z.string() }).safeParse(body);
    throw new Error(message.success ? message.data.error : `HTTP ${response.status}`);
  }
  return metricHistoryResponseSchema.parse(body);
}

/** Shared by every component that shows a metric history, so one history is fetched once. */
export function metricHistoryQuery(runId: string, key: string) {
  return queryOptions({
    queryKey: ['metric-history', runId, key] as const,
    queryFn: () => fetchMetricHistory(runId, key),
  });
}
