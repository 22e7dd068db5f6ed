import type { z } from 'zod';

export type WireParse<T> = { ok: true; value: T } | { ok: false; message: string };

/** Safe-parse of an upstream body with the first issues on one line, e.g. `jobs.0.name: expected string`. */
export function parseWire<T>(schema: z.ZodType<T>, value: unknown): WireParse<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  const shown = parsed.error.issues.slice(0, 3).map((i) => {
    const message = i.message.replace(/^Invalid input: /, '');
    return i.path.length > 0 ? `${i.path.map(String).join('.')}: ${message}` : message;
  });
  const more = parsed.error.issues.length - shown.length;
  return { ok: false, message: more > 0 ? `${shown.join('; ')} (and ${more} more)` : shown.join('; ') };
}
