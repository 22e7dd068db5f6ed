import 'server-only';
import { assertJsonDepth, parseJsonLimited } from '@/lib/model/json-limits';

// A NUL cannot appear raw in a JSON string, so no string from the wire starts with this marker.
const MARKER = '\u0000non-finite:';
// A whole string literal (skipped as it is) or a bare non-finite token outside strings.
const TOKENS = /"(?:[^"\\]|\\.)*"|-?Infinity|NaN/g;
const NON_FINITE: Record<string, number> = { NaN: Number.NaN, Infinity: Number.POSITIVE_INFINITY, '-Infinity': Number.NEGATIVE_INFINITY };

/**
 * JSON.parse that also reads the bare `NaN`, `Infinity` and `-Infinity` tokens W&B's Python
 * serializer writes into summaries and history (Python's json.loads accepts them; JSON.parse does not).
 */
export function parseWandbJson(text: string): unknown {
  if (!/NaN|Infinity/.test(text)) return parseJsonLimited(text);
  assertJsonDepth(text);
  const marked = text.replace(TOKENS, (token) => (token.startsWith('"') ? token : JSON.stringify(`${MARKER}${token}`)));
  return JSON.parse(marked, (_key, value: unknown) => (typeof value === 'string' && value.startsWith(MARKER) ? NON_FINITE[value.slice(MARKER.length)] : value));
}

/** A JSON-string field (config, summaryMetrics, metadata) as an object; null when absent or not an object. */
export function parseJsonObject(text: string | null | undefined): { value: Record<string, unknown> | null; error: string | null } {
  if (text === null || text === undefined || text.trim() === '') return { value: null, error: null };
  try {
    const value = parseWandbJson(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return { value: value as Record<string, unknown>, error: null };
    return { value: null, error: 'is not a JSON object' };
  } catch (error) {
    return { value: null, error: `is not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
}
