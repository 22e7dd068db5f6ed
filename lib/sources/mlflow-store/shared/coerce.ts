import 'server-only';

/** SQLite columns and YAML values are dynamically typed; these read them without trusting the declared type. */

export function asString(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return null;
}

/** Empty strings count as absent: MLflow writes '' for unset names and links. */
export function asNonEmptyString(value: unknown): string | null {
  const s = asString(value);
  return s === null || s === '' ? null : s;
}

export function asNumber(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isNaN(n) ? null : n;
  }
  return null;
}
