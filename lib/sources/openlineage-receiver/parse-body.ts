import 'server-only';
import { z } from 'zod';
import { formatIssues } from '@/lib/openlineage/schema';
import { toLoadedEvent, type LoadedEvent } from '@/lib/openlineage/parse-text';
import { jsonDepthExceeds } from './json-depth';

/** OpenLineage facets nest a few levels (schema fields of fields); far deeper is an attack or a bug. */
export const MAX_JSON_DEPTH = 64;
/** Events in one batch: one transaction, so bounded (the body size bounds it too). */
export const MAX_BATCH_EVENTS = 1_000;

/** One event as received: its JSON text (stored for re-indexing) and its parsed form. */
export interface ReceivedEvent {
  body: string;
  runId: string | null;
  event: LoadedEvent;
}

export type ParsedBody = { ok: true; events: ReceivedEvent[] } | { ok: false; message: string };

/**
 * What the spec requires beyond what the shared wire schemas check (those stay lenient for files
 * written by older producers): producer and schemaURL URIs, a UUID runId, a known eventType.
 */
const baseEventSchema = z.looseObject({
  producer: z.string().min(1, 'must be a URI').refine((v) => URL.canParse(v), 'must be a URI'),
  schemaURL: z.string().min(1, 'must be a URI').refine((v) => URL.canParse(v), 'must be a URI'),
});
const runEventExtrasSchema = z.looseObject({
  eventType: z.enum(['START', 'RUNNING', 'COMPLETE', 'ABORT', 'FAIL', 'OTHER']).nullish(),
  run: z.looseObject({ runId: z.guid('must be a UUID') }),
});

function checkOne(value: unknown): { ok: true; event: ReceivedEvent } | { ok: false; message: string } {
  const loaded = toLoadedEvent(value);
  if (typeof loaded === 'string') return { ok: false, message: loaded };
  const base = baseEventSchema.safeParse(value);
  if (!base.success) return { ok: false, message: formatIssues(base.error) };
  if (loaded.wire.kind === 'run') {
    const extras = runEventExtrasSchema.safeParse(value);
    if (!extras.success) return { ok: false, message: formatIssues(extras.error) };
  }
  const runId = loaded.wire.kind === 'run' ? loaded.wire.event.run.runId : null;
  return { ok: true, event: { body: JSON.stringify(value), runId, event: loaded } };
}

/**
 * A request body as the OpenLineage HTTP transport sends it: one event (RunEvent, DatasetEvent or
 * JobEvent), or a JSON array of them (a batch, accepted only whole). The message names the event
 * of a batch and the field at fault.
 */
export function parseReceivedBody(text: string): ParsedBody {
  if (text.trim() === '') return { ok: false, message: 'the body is empty: send one OpenLineage event as JSON, or an array of them' };
  if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) return { ok: false, message: `the JSON nests deeper than ${MAX_JSON_DEPTH} levels` };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `the body is not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (!Array.isArray(value)) {
    const one = checkOne(value);
    return one.ok ? { ok: true, events: [one.event] } : { ok: false, message: one.message };
  }
  if (value.length === 0) return { ok: false, message: 'the batch is empty' };
  if (value.length > MAX_BATCH_EVENTS) return { ok: false, message: `the batch holds ${value.length} events; at most ${MAX_BATCH_EVENTS} are accepted at once` };
  const events: ReceivedEvent[] = [];
  for (let i = 0; i < value.length; i++) {
    const one = checkOne(value[i]);
    if (!one.ok) return { ok: false, message: `event ${i} of the batch (0-based; nothing was stored): ${one.message}` };
    events.push(one.event);
  }
  return { ok: true, events };
}
