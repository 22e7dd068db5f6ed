import { z } from 'zod';

/** Any id a user may paste: OpenLineage runIds are free-form, so only length and control characters are refused. */
export const runIdSchema = z
  .string()
  .trim()
  .min(1, 'run id is empty')
  .max(256, 'run id is longer than 256 characters')
  .regex(/^[^\p{Cc}]+$/u, 'run id contains control characters');

/** Route segments of /runs/[...id] joined back (W&B ids are entity/project/runId). */
export function runIdFromSegments(segments: string[]): string {
  return segments.map(safeDecode).join('/');
}

// Next may hand over segments still percent-encoded; a lone '%' must not throw.
export function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
