import { createHash, randomUUID } from 'node:crypto';
import type { ExperimentRun, LineageRun, MetricPoint } from '@/lib/model';
import { parseJsonOffThread, SLICE_ITEMS } from '@/lib/model/json-off-thread';
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

/** Payloads longer than this are parsed on the worker thread: a 100,000-input run's (13 MB) held the event loop ~300 ms. */
export const OFF_THREAD_PAYLOAD_CHARS = 1_000_000;
/** Our own JSON: nesting was limited when the events were read; this only keeps the worker's scan from refusing it. */
const OWN_JSON_DEPTH = 100_000;
/** Characters hashed per turn of the event loop. */
const DIGEST_SLICE_CHARS = 1_000_000;

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** decodeLineageRun, a long payload parsed on the worker thread (handed back a slice of inputs at a time). */
export async function decodeLineageRunOffThread(payload: string): Promise<LineageRun> {
  return payload.length <= OFF_THREAD_PAYLOAD_CHARS ? decodeLineageRun(payload) : (await parseJsonOffThread(payload, OWN_JSON_DEPTH)) as LineageRun;
}

/** encodeLineageRun, the same text, a run's long input list written SLICE_ITEMS at a time with the event loop free between. */
export async function encodeLineageRunInSlices(run: LineageRun): Promise<string> {
  if (run.inputs.length <= SLICE_ITEMS) return encodeLineageRun(run);
  // The list's place in the text, marked by a value no event can hold (it is made here), filled in afterwards.
  const marker = JSON.stringify(`runlens-inputs-${randomUUID()}`);
  const head = JSON.stringify({ ...run, inputs: JSON.parse(marker) as string });
  const at = head.indexOf(`"inputs":${marker}`);
  const slices: string[] = [];
  for (let i = 0; i < run.inputs.length; i += SLICE_ITEMS) {
    slices.push(JSON.stringify(run.inputs.slice(i, i + SLICE_ITEMS)).slice(1, -1));
    await nextTurn();
  }
  return `${head.slice(0, at)}"inputs":[${slices.join(',')}]${head.slice(at + `"inputs":${marker}`.length)}`;
}

export const digestOf = (payload: string): string => createHash('sha1').update(payload).digest('hex');

/** digestOf, a long payload hashed a slice at a time with the event loop free between. */
export async function digestInSlices(payload: string): Promise<string> {
  if (payload.length <= DIGEST_SLICE_CHARS) return digestOf(payload);
  const hash = createHash('sha1');
  for (let start = 0; start < payload.length;) {
    // Never between the halves of a surrogate pair: each half alone would hash as a replacement character.
    let end = Math.min(payload.length, start + DIGEST_SLICE_CHARS);
    const last = payload.charCodeAt(end - 1);
    if (end < payload.length && last >= 0xd800 && last <= 0xdbff) end++;
    hash.update(payload.slice(start, end));
    start = end;
    await nextTurn();
  }
  return hash.digest('hex');
}

const finiteMs = (iso: string | null): number | null => {
  const ms = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(ms) ? ms : null;
};
export { finiteMs };
