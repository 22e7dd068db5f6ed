import 'server-only';
import type { z } from 'zod';

/** A change feed's saved cursor, checked against its schema; null when absent or unreadable (the feed starts over). */
export function parseFeedCursor<S extends z.ZodTypeAny>(schema: S, raw: string | null): z.infer<S> | null {
  if (raw === null) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? (parsed.data as z.infer<S>) : null;
  } catch {
    return null;
  }
}
