import { z } from 'zod';

/** Any id a user may paste: OpenLineage runIds are free-form, so only length and control characters are refused. */
export const runIdSchema = z
  .string()
  .trim()
  .min(1, 'run id is empty')
  .max(256, 'run id is longer than 256 characters')
  .regex(/^[^\p{Cc}]+$/u, 'run id contains control characters');

/**
 * Page segments of /runs/[...id] joined back (W&B ids are entity/project/runId). Next hands pages their
 * segments still percent-encoded, so they are decoded here, once.
 */
export function runIdFromSegments(segments: string[]): string {
  return segments.map(safeDecode).join('/');
}

/** Route-handler segments (app/api/…/[...id]): Next has decoded them already, so they are only joined (decoding again turned `%2525` into `%`). */
export function runIdFromDecodedSegments(segments: string[]): string {
  return segments.join('/');
}

// Page segments arrive percent-encoded; a lone '%' must not throw (the request guard refuses such paths anyway).
export function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
