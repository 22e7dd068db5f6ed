import 'server-only';
import { z } from 'zod';
import { JsonTooDeepError, MAX_JSON_DEPTH, jsonSyntaxReason } from '@/lib/model/json-limits';
import { parseEventLine, toLoadedEvent, type LoadedEvent } from '@/lib/openlineage/parse-text';
import { formatIssues, jobEventSchema, runEventSchema, wireDatasetSchema } from '@/lib/openlineage/schema';
import { restAfter } from './event-loop-rest';
import { OffThreadParseError, parseJsonOffThread, SLICE_ITEMS } from '@/lib/model/json-off-thread';

/** Lines longer than this (UTF-16 units) are parsed on the worker thread; shorter ones parse in a few ms where they are. */
export const OFF_THREAD_CHARS = 1_000_000;

const LIST_KEYS = ['inputs', 'outputs'] as const;
const datasetSlice = z.array(wireDatasetSchema);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * toLoadedEvent, with an event's long input and output lists checked SLICE_ITEMS at a time and the event loop
 * free in between: the same event, or the same message naming the same problems, as checking it whole.
 */
export async function toLoadedEventInSlices(value: unknown): Promise<LoadedEvent | string> {
  // parseWireEvent's choice of schema; DatasetEvents have no lists to check.
  const schema = !isObject(value) ? null : 'run' in value ? runEventSchema : 'dataset' in value ? null : 'job' in value ? jobEventSchema : null;
  if (!isObject(value) || schema === null) return toLoadedEvent(value);
  const long = LIST_KEYS.filter((key) => Array.isArray(value[key]) && (value[key] as unknown[]).length > SLICE_ITEMS);
  if (long.length === 0) return toLoadedEvent(value);
  const shell: Record<string, unknown> = { ...value };
  for (const key of long) shell[key] = [];
  const head = schema.safeParse(shell);
  // Issues in the order checking the whole event gives them: the lists are the schemas' last fields.
  const issues: z.core.$ZodIssue[] = head.success ? [] : [...head.error.issues];
  const checked: Partial<Record<(typeof LIST_KEYS)[number], unknown[]>> = {};
  for (const key of long) {
    const list = value[key] as unknown[];
    const out: unknown[] = [];
    for (let i = 0; i < list.length; i += SLICE_ITEMS) {
      const started = performance.now();
      const parsed = datasetSlice.safeParse(list.slice(i, i + SLICE_ITEMS));
      if (parsed.success) for (const item of parsed.data) out.push(item);
      else for (const issue of parsed.error.issues) issues.push({ ...issue, path: [key, i + Number(issue.path[0]), ...issue.path.slice(1)] });
      await restAfter(performance.now() - started);
    }
    checked[key] = out;
  }
  if (issues.length > 0) return formatIssues(new z.ZodError(issues));
  const loaded = toLoadedEvent(shell);
  if (typeof loaded === 'string' || loaded.wire.kind === 'dataset') return loaded;
  const event = loaded.wire.event as Record<string, unknown>;
  for (const key of long) event[key] = checked[key];
  return loaded;
}

/**
 * parseEventLine for any line: a long one is parsed on the worker thread and checked in slices, with the event loop
 * free. `bytes`, the line as read (UTF-8), is what the worker is given when the caller holds them.
 */
export async function parseEventLineOffThread(line: string, bytes?: Uint8Array): Promise<LoadedEvent | string> {
  if (line.length <= OFF_THREAD_CHARS) return parseEventLine(line);
  let value: unknown;
  try {
    value = await parseJsonOffThread(bytes ?? line, MAX_JSON_DEPTH);
  } catch (error) {
    if (error instanceof OffThreadParseError) return error.reason === 'too-deep' ? new JsonTooDeepError(MAX_JSON_DEPTH).message : jsonSyntaxReason(new SyntaxError(error.message));
    throw error;
  }
  return toLoadedEventInSlices(value);
}
