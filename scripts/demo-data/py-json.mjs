// JSON text exactly as Python's json.dumps writes it (separators ", " / ": ", ensure_ascii), which is
// what the OpenLineage Python client (sort_keys=True) and the MLflow server (insertion order) store.

const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/; // printable ASCII except the quote and the backslash

function pyString(s) {
  if (PLAIN.test(s)) return `"${s}"`;
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0);
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (code < 0x20 || code > 0x7e) {
      // ensure_ascii: \uXXXX, astral characters as a surrogate pair
      for (let i = 0; i < ch.length; i++) out += `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  return `${out}"`;
}

/**
 * Serialise like Python json.dumps. Only integers are accepted as numbers: Python prints floats
 * differently from JS (1.0, 1e-05), and nothing we write needs a float.
 */
export function pyJson(value, { sortKeys = false } = {}) {
  if (value === null) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'string') return pyString(value);
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error(`pyJson: only integers are supported, got ${value}`);
    return String(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => pyJson(v, { sortKeys })).join(', ')}]`;
  if (typeof value === 'object') {
    const keys = Object.keys(value).filter((k) => value[k] !== undefined);
    if (sortKeys) keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${keys.map((k) => `${pyString(k)}: ${pyJson(value[k], { sortKeys })}`).join(', ')}}`;
  }
  throw new Error(`pyJson: cannot serialise ${typeof value}`);
}
