import { z } from 'zod';
import type { Facets } from '@/lib/model';
import { redactJson } from '@/lib/security/redact-json';

/**
 * OpenLineage wire schemas (spec 2-0-2), deliberately light: only the fields Runlens reads are
 * typed; everything else, custom facets included, passes through untouched. Facet maps are checked
 * to be objects and redacted (lib/security/redact-json.ts: no secret is kept, stored or shown), copied
 * only where a secret was found.
 */

function isObject(value: unknown): value is Facets {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const facetsSchema = z.custom<Facets>(isObject, { error: 'expected an object of facets' }).transform((facets) => redactJson(facets));

export const wireDatasetSchema = z.looseObject({
  namespace: z.string(),
  name: z.string(),
  facets: facetsSchema.nullish(),
  inputFacets: facetsSchema.nullish(),
  outputFacets: facetsSchema.nullish(),
});
export type WireDataset = z.infer<typeof wireDatasetSchema>;

const wireJobSchema = z.looseObject({
  namespace: z.string(),
  name: z.string(),
  facets: facetsSchema.nullish(),
});
export type WireJob = z.infer<typeof wireJobSchema>;

const datasetListSchema = z.array(wireDatasetSchema).nullish();

export const runEventSchema = z.looseObject({
  eventTime: z.string(),
  // START, RUNNING, COMPLETE, ABORT, FAIL, OTHER; optional in the spec, unknown values act as OTHER.
  eventType: z.string().nullish(),
  run: z.looseObject({ runId: z.string().min(1), facets: facetsSchema.nullish() }),
  job: wireJobSchema,
  inputs: datasetListSchema,
  outputs: datasetListSchema,
});
export type RunEventWire = z.infer<typeof runEventSchema>;

export const jobEventSchema = z.looseObject({
  eventTime: z.string(),
  job: wireJobSchema,
  inputs: datasetListSchema,
  outputs: datasetListSchema,
});
export type JobEventWire = z.infer<typeof jobEventSchema>;

export const datasetEventSchema = z.looseObject({
  eventTime: z.string(),
  dataset: z.looseObject({ namespace: z.string(), name: z.string(), facets: facetsSchema.nullish() }),
});
export type DatasetEventWire = z.infer<typeof datasetEventSchema>;

export type WireEvent =
  | { kind: 'run'; event: RunEventWire }
  | { kind: 'job'; event: JobEventWire }
  | { kind: 'dataset'; event: DatasetEventWire };

export type EventParseResult = { ok: true; value: WireEvent } | { ok: false; message: string };

function describe(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out === '' ? String(key) : `${out}.${String(key)}`), '');
}

/** Zod issues as one line, e.g. `run.runId: expected string, received number`. */
export function formatIssues(error: z.ZodError, limit = 3): string {
  const shown = error.issues.slice(0, limit).map((issue) => {
    const message = issue.message.replace(/^Invalid input: /, '');
    return issue.path.length === 0 ? message : `${formatPath(issue.path)}: ${message}`;
  });
  const more = error.issues.length - shown.length;
  return more > 0 ? `${shown.join('; ')} (and ${more} more)` : shown.join('; ');
}

/** RunEvents have `run`; DatasetEvents have `dataset` and no run; JobEvents have `job` and no run. */
export function parseWireEvent(value: unknown): EventParseResult {
  if (!isObject(value)) return { ok: false, message: `not an OpenLineage event: expected a JSON object, got ${describe(value)}` };
  if ('run' in value) {
    const parsed = runEventSchema.safeParse(value);
    return parsed.success ? { ok: true, value: { kind: 'run', event: parsed.data } } : { ok: false, message: formatIssues(parsed.error) };
  }
  if ('dataset' in value) {
    const parsed = datasetEventSchema.safeParse(value);
    return parsed.success ? { ok: true, value: { kind: 'dataset', event: parsed.data } } : { ok: false, message: formatIssues(parsed.error) };
  }
  if ('job' in value) {
    const parsed = jobEventSchema.safeParse(value);
    return parsed.success ? { ok: true, value: { kind: 'job', event: parsed.data } } : { ok: false, message: formatIssues(parsed.error) };
  }
  return { ok: false, message: 'not an OpenLineage event: it has no run, job or dataset' };
}
