import { REDACTED, textRedactor } from './redact';
import { isSecretName } from './secret-names';

/**
 * The one rule for upstream JSON (OpenLineage facets, reports): a value under a secret-looking name keeps its
 * name and reads [redacted], so does the `value` of a `{name|key, value}` pair with such a name (environment
 * variables, tags), and every string loses URL passwords and named credentials (`password=…` in a JDBC URL).
 * Objects under a secret-looking name are walked, not blanked: `columnLineage.fields.password` is a column.
 */

type Redact = (text: string) => string;

const redactStructural = textRedactor([]);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null);
}

/** A secret's value: strings and numbers hidden; true/false/null say nothing and stay. */
function hidden(value: unknown): unknown {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint' ? REDACTED : value;
}

/** `{name: "AWS_SECRET_ACCESS_KEY", value: "…"}` and `{key: "password", value: "…"}` pairs. */
function pairName(item: Record<string, unknown>): string | null {
  const name = typeof item.name === 'string' ? item.name : typeof item.key === 'string' ? item.key : null;
  return name !== null && 'value' in item ? name : null;
}

/** A secret-named value: scalars hidden, arrays of scalars hidden item by item, objects walked. */
function secretValue(item: unknown, redact: Redact): unknown {
  if (Array.isArray(item)) return item.map((element) => (typeof element === 'object' && element !== null ? walk(element, redact) : hidden(element)));
  return isPlainObject(item) ? walk(item, redact) : hidden(item);
}

function walk(value: unknown, redact: Redact): unknown {
  if (typeof value === 'string') return redact(value);
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    let out: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const next = walk(item, redact);
      if (next !== item) (out ??= value.slice())[i] = next;
    }
    return out ?? value;
  }
  if (!isPlainObject(value)) return value;
  const pair = pairName(value);
  const secretPair = pair !== null && isSecretName(pair);
  let out: Record<string, unknown> | null = null;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const item = value[key];
    const next = (secretPair && key === 'value') || isSecretName(key) ? secretValue(item, redact) : walk(item, redact);
    if (next !== item) {
      // Copied only when something changed: most facets hold no secret and are returned as they came.
      out ??= { ...value };
      // defineProperty, not assignment: a key named __proto__ stays a plain key.
      Object.defineProperty(out, key, { value: next, enumerable: true, writable: true, configurable: true });
    }
  }
  return out ?? value;
}

/** `value` with the rule applied, and every form of `secrets` (configured credentials) replaced too. */
export function redactJson<T>(value: T, secrets: readonly string[] = []): T {
  return walk(value, secrets.length === 0 ? redactStructural : textRedactor(secrets)) as T;
}
