import 'server-only';
import { refKey, type DatasetRef, type Job } from '@/lib/model';
import type { LoadedEvent } from '@/lib/openlineage/parse-text';
import type { WireDataset } from '@/lib/openlineage/schema';
import { restAfter } from './event-loop-rest';

/** Inputs per part of a RunEvent reading more than this: building the model of 100,000 at once held the event loop over a second. */
export const INPUTS_PER_PART = 2_000;

export interface SplitEvent {
  whole: LoadedEvent;
  /** The event with its first INPUTS_PER_PART inputs, those the batch writes and all its outputs: built with the events around it. */
  first: LoadedEvent;
  /** The same event with the next inputs each, and no outputs: built one at a time, for their datasets only. */
  rest: LoadedEvent[];
  /** The first part's inputs, once each: a job built with it lists these. */
  firstRefs: DatasetRef[];
  runId: string;
}

/** Namespace and name of each dataset once, in order (a run's inputs are unioned by name). */
const refsOnce = (list: readonly DatasetRef[]): DatasetRef[] => [...new Map(list.map((d) => [refKey(d), { namespace: d.namespace, name: d.name }])).values()];

/**
 * A RunEvent reading more than INPUTS_PER_PART datasets, as parts; null for any other event. Inputs that `written`
 * (refKeys the events built with the first part write) names go in the first part, so their versions' readers are
 * found as in one build.
 */
export function splitLongEvent(loaded: LoadedEvent, written: ReadonlySet<string>): SplitEvent | null {
  const { wire } = loaded;
  if (wire.kind !== 'run' || (wire.event.inputs?.length ?? 0) <= INPUTS_PER_PART) return null;
  const inputs = wire.event.inputs ?? [];
  const firstInputs = inputs.filter((d, i) => i < INPUTS_PER_PART || written.has(refKey(d)));
  const others = inputs.filter((d, i) => i >= INPUTS_PER_PART && !written.has(refKey(d)));
  const part = (list: WireDataset[], outputs: boolean): LoadedEvent => ({ ...loaded, wire: { kind: 'run', event: { ...wire.event, inputs: list, outputs: outputs ? wire.event.outputs : [] } } });
  const rest: LoadedEvent[] = [];
  for (let i = 0; i < others.length; i += INPUTS_PER_PART) rest.push(part(others.slice(i, i + INPUTS_PER_PART), false));
  return { whole: loaded, first: part(firstInputs, true), rest, firstRefs: refsOnce(firstInputs), runId: wire.event.run.runId };
}

/** refKeys of what these events write: inputs naming them stay with the events (see splitLongEvent). */
export function writtenBy(events: readonly LoadedEvent[]): Set<string> {
  const written = new Set<string>();
  for (const { wire } of events) if (wire.kind !== 'dataset') for (const d of wire.event.outputs ?? []) written.add(refKey(d));
  return written;
}

/**
 * Whether a job built with the first part of its latest run lists that part's inputs: it gets the run's whole list
 * back (the index keeps a bounded list and the count). A job whose inputs came from a newer JobEvent does not.
 */
export function listsFirstPart(job: Job, split: SplitEvent): boolean {
  const first = split.firstRefs;
  return job.runIds[0] === split.runId && job.inputs.length === first.length
    && job.inputs.every((d, i) => d.namespace === first[i]?.namespace && d.name === first[i]?.name);
}

/** Every input of the split event once, in order, made a part at a time with the event loop free between. */
export async function allInputsOf(split: SplitEvent): Promise<DatasetRef[]> {
  const inputs = split.whole.wire.kind === 'run' ? split.whole.wire.event.inputs ?? [] : [];
  const seen = new Set<string>();
  const out: DatasetRef[] = [];
  for (let i = 0; i < inputs.length; i += INPUTS_PER_PART) {
    const started = performance.now();
    for (const d of inputs.slice(i, i + INPUTS_PER_PART)) {
      const key = refKey(d);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ namespace: d.namespace, name: d.name });
    }
    await restAfter(performance.now() - started);
  }
  return out;
}
