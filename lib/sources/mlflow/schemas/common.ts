import 'server-only';
import { z } from 'zod';
import { redactJson } from '@/lib/security/redact-json';

/**
 * Pieces shared by MLflow's wire format. Every schema is non-strict (3.x adds fields) and every field
 * is nullish: protobuf JSON omits unset and empty fields, so any of them may be missing.
 */

/** int64: MLflow's own server writes numbers; protobuf's standard JSON mapping (proxies, gateways) strings. */
export const int64Schema = z.union([z.number(), z.string()]);
export type WireInt64 = z.infer<typeof int64Schema>;

/** double: a number, or "NaN" / "Infinity" / "-Infinity", which is how protobuf JSON writes non-finite values. */
export const doubleSchema = z.union([z.number(), z.string()]);
export type WireDouble = z.infer<typeof doubleSchema>;

/** Enums (run status, model version status) come as their names; a few gateways send the numbers. */
export const enumSchema = z.union([z.string(), z.number()]);

/** Params, tags, experiment tags, input tags: `{key, value}` pairs. */
export const keyValueSchema = z.looseObject({ key: z.string().nullish(), value: z.string().nullish() });
export type WireKeyValue = z.infer<typeof keyValueSchema>;
/** Params and tags, under the one redaction rule (lib/security/redact-json.ts): a secret-named key's value reads [redacted]. */
export const keyValuesSchema = z.array(keyValueSchema).transform((pairs) => redactJson(pairs)).nullish();

/** MLflow's error body, e.g. `{"error_code": "RESOURCE_DOES_NOT_EXIST", "message": "Run 'x' not found"}`. */
export const errorBodySchema = z.looseObject({ error_code: z.string().nullish(), message: z.string().nullish() });
export type WireErrorBody = z.infer<typeof errorBodySchema>;

export { parseWire, type WireParse } from '@/lib/http/parse-wire';
