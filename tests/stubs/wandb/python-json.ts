// A NUL cannot appear raw in JSON text, so the marker survives only where this file put it.
const MARKER = '\u0000py:';

/**
 * JSON as W&B's Python serializer writes it: NaN, Infinity and -Infinity as bare tokens (which
 * Python's json.loads reads and JSON.parse rejects), everything else as JSON.stringify does.
 */
export function pythonJson(value: unknown): string {
  const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? `${MARKER}${String(v)}` : v));
  return text.replace(/"\\u0000py:(NaN|-?Infinity)"/g, '$1');
}
