import { createHash } from 'node:crypto';
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

/**
 * Inputs a lineage record's payload keeps, with all their fields: a run reading 100,000 datasets made a 24 MB
 * payload that every list page, join and rewrite parsed whole. The rest are the record's rows (lineage-inputs.ts).
 */
export const STORED_INPUTS = 1_000;

/** The record as stored: its first STORED_INPUTS inputs, and `inputsTotal` when it read more. */
export function boundedLineageRun(run: LineageRun): LineageRun {
  return run.inputs.length <= STORED_INPUTS ? run : { ...run, inputs: run.inputs.slice(0, STORED_INPUTS), inputsTotal: run.inputs.length };
}

/**
 * The stored payload of a run (bounded: see STORED_INPUTS) and a digest over all of it, the inputs left out of the
 * payload included (a changed version of the 50,000th input is a changed record), hashed a slice at a time.
 */
export async function lineagePayload(run: LineageRun): Promise<{ payload: string; digest: string }> {
  const payload = encodeLineageRun(boundedLineageRun(run));
  if (run.inputs.length <= STORED_INPUTS) return { payload, digest: await digestInSlices(payload) };
  const hash = createHash('sha1').update(payload);
  for (let i = STORED_INPUTS; i < run.inputs.length; i += SLICE_ITEMS) {
    hash.update(JSON.stringify(run.inputs.slice(i, i + SLICE_ITEMS)));
    await nextTurn();
  }
  return { payload, digest: hash.digest('hex') };
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
