import 'server-only';
import { z } from 'zod';
import type { Facets } from '@/lib/model';
import { redactJson } from '@/lib/security/redact-json';

/**
 * Shared pieces of Marquez's wire format. Every schema is non-strict (Marquez adds fields between
 * releases) and every field Marquez may omit or send as null is nullish.
 */

function isObject(value: unknown): value is Facets {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A facet map: checked to be an object and redacted like OpenLineage events' (lib/openlineage/schema.ts). */
export const facetsSchema = z.custom<Facets>(isObject, { error: 'expected an object of facets' }).transform((facets) => redactJson(facets));

/** Marquez sends ISO-8601 strings; Jackson also reads (and its test fixtures hold) epoch seconds. */
export const instantSchema = z.union([z.string(), z.number()]);
export type WireInstant = z.infer<typeof instantSchema>;

export const datasetIdSchema = z.looseObject({ namespace: z.string(), name: z.string() });
export type WireDatasetId = z.infer<typeof datasetIdSchema>;

/** Marquez errors: `{code, message}`, though some 400s are plain text (fetchJson handles those). */
export const errorBodySchema = z.looseObject({ code: z.number().nullish(), message: z.string().nullish() });
export type WireErrorBody = z.infer<typeof errorBodySchema>;

export { parseWire, type WireParse } from '@/lib/http/parse-wire';
