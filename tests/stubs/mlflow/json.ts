/** Reading recorded JSON without trusting its shape (the stub has no schemas of its own). */

export type Json = unknown;

/** An own field of a JSON object; undefined for anything else (arrays, null, inherited names). */
export function field(value: Json, key: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, key)) return undefined;
  return Object.getOwnPropertyDescriptor(value, key)?.value;
}

export function list(value: Json): Json[] {
  return Array.isArray(value) ? value : [];
}

export function text(value: Json): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Run id of a recorded run (`info.run_id`, or the deprecated `info.run_uuid`). */
export function runIdOf(run: Json): string | undefined {
  return text(field(field(run, 'info'), 'run_id')) ?? text(field(field(run, 'info'), 'run_uuid'));
}

/** A copy of an object with one more field; anything else is returned as it is. */
export function withField(value: Json, key: string, added: Json): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...value, [key]: added } : value;
}
