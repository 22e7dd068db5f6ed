import { createHash } from 'node:crypto';
import type { ExperimentRun, LineageRun, MetricPoint } from '@/lib/model';
import { decodeMetricValue, encodeMetricValue, type WireMetricValue } from '@/lib/model/metric-value';

/** Source records as stored: JSON, with NaN and ±Infinity metric values kept (JSON alone would turn them into null). */
export function encodeExperimentRun(run: ExperimentRun): string {
  const metrics = Object.fromEntries(Object.entries(run.metrics).map(([k, p]) => [k, { ...p, value: encodeMetricValue(p.value) }]));
  return JSON.stringify({ ...run, metrics });
}

export function decodeExperimentRun(payload: string): ExperimentRun {
  const raw = JSON.parse(payload) as Omit<ExperimentRun, 'metrics'> & { metrics: Record<string, Omit<MetricPoint, 'value'> & { value: WireMetricValue }> };
  const metrics = Object.fromEntries(Object.entries(raw.metrics).map(([k, p]) => [k, { ...p, value: decodeMetricValue(p.value) }]));
  return { ...raw, metrics };
}

export const encodeLineageRun = (run: LineageRun): string => JSON.stringify(run);
export const decodeLineageRun = (payload: string): LineageRun => JSON.parse(payload) as LineageRun;

export const digestOf = (payload: string): string => createHash('sha1').update(payload).digest('hex');

const finiteMs = (iso: string | null): number | null => {
  const ms = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(ms) ? ms : null;
};
export { finiteMs };
