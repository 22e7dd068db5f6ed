import 'server-only';
import { z } from 'zod';
import type { SourceProblem } from '@/lib/model';
import { parseFeedCursor } from '@/lib/sources/feed-cursor';

/** Per file: its identity when last read and how far it was read (file-identity.ts tells an append from a rewrite). */
const fileSchema = z.object({
  kind: z.enum(['path', 'document']),
  /** How a configured path reads: JSON Lines (by byte offset) or one document (whole); null until it has content. */
  format: z.enum(['lines', 'document']).nullable(),
  dev: z.number(),
  ino: z.number(),
  size: z.number(),
  mtimeMs: z.number(),
  prefixBytes: z.number().int(),
  fingerprint: z.string(),
  /** Bytes consumed: up to and including the last newline read. */
  offset: z.number().int(),
  /** Complete lines consumed, so problems carry file line numbers. */
  lines: z.number().int(),
  events: z.number().int(),
  bad: z.number().int(),
  /** Inside a line longer than the longest read: the rest of it is skipped up to its newline. */
  skipping: z.boolean(),
  /** Bytes after `offset` that are a last line still without its newline (nothing to read until the file changes). */
  tail: z.number().int(),
});
export type FileCursor = z.infer<typeof fileSchema>;

const problemSchema = z.object({ where: z.string(), line: z.number().optional(), message: z.string() });

const cursorSchema = z.object({
  v: z.literal(1),
  pass: z.number().int(),
  /** The pass has read every file to its end once (its records not seen since then are gone). */
  complete: z.boolean(),
  files: z.record(z.string(), fileSchema),
  /** The newest problems (bad lines, unreadable files), bounded; the per-file `bad` counts hold the rest. */
  problems: z.array(problemSchema),
});
export type FilesCursor = z.infer<typeof cursorSchema>;

/** Problems kept in the cursor (it is written with every batch). */
export const KEPT_PROBLEMS = 50;

export const parseFilesCursor = (raw: string | null): FilesCursor | null => parseFeedCursor(cursorSchema, raw);

export const freshCursor = (pass: number): FilesCursor => ({ v: 1, pass, complete: false, files: {}, problems: [] });

export function keepProblems(cursor: FilesCursor, problems: readonly SourceProblem[]): void {
  if (problems.length === 0) return;
  // A file that stays unreadable is reported once, not once per batch.
  const key = (p: SourceProblem) => `${p.where}\u0000${p.line ?? ''}\u0000${p.message}`;
  const known = new Set(cursor.problems.map(key));
  const added = problems.filter((p) => !known.has(key(p))).map((p) => ({ where: p.where, ...(p.line === undefined ? {} : { line: p.line }), message: p.message }));
  cursor.problems = [...cursor.problems, ...added].slice(-KEPT_PROBLEMS);
}
