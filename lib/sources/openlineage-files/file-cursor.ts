import 'server-only';
import { z } from 'zod';
import type { SourceProblem } from '@/lib/model';
import { parseFeedCursor } from '@/lib/sources/feed-cursor';
import type { DoneDir } from './done-dirs';

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

export interface FilesCursor {
  pass: number;
  /** The pass has read every file to its end once (its records not seen since then are gone). */
  complete: boolean;
  files: Record<string, FileCursor>;
  /** Directories whose files have all been read, one entry each (done-dirs.ts); their files are not in `files`. */
  dirs: Record<string, DoneDir>;
  /** The newest problems (bad lines, unreadable files), bounded; the per-file `bad` counts hold the rest. */
  problems: SourceProblem[];
}

/** Version 1 wrote each file as an object with its keys: ~360 bytes a file, 14 MB at 40,000 files, written every batch. */
const cursorV1Schema = z.object({ v: z.literal(1), pass: z.number().int(), complete: z.boolean(), files: z.record(z.string(), fileSchema), problems: z.array(problemSchema) });

// Version 2 writes each file as a tuple in this order (~150 bytes a file); kind and format as indexes into these lists.
const KINDS = ['path', 'document'] as const;
const FORMATS = [null, 'lines', 'document'] as const;
const int = z.number().int();
const fileTupleSchema = z.tuple([
  z.number().int().min(0).max(KINDS.length - 1), z.number().int().min(0).max(FORMATS.length - 1),
  z.number(), z.number(), z.number(), z.number(), int, z.string(), int, int, int, int, z.union([z.literal(0), z.literal(1)]), int,
]);
type FileTuple = z.infer<typeof fileTupleSchema>;
const doneDirSchema = z.object({ files: int, last: z.string(), digest: z.string(), events: int, bad: int, bytes: z.number() });
const cursorV2Schema = z.object({
  v: z.literal(2), pass: z.number().int(), complete: z.boolean(), files: z.record(z.string(), fileTupleSchema), dirs: z.record(z.string(), doneDirSchema).default({}), problems: z.array(problemSchema),
});

const toTuple = (f: FileCursor): FileTuple => [
  KINDS.indexOf(f.kind), FORMATS.indexOf(f.format), f.dev, f.ino, f.size, f.mtimeMs, f.prefixBytes, f.fingerprint, f.offset, f.lines, f.events, f.bad, f.skipping ? 1 : 0, f.tail,
];
const fromTuple = ([kind, format, dev, ino, size, mtimeMs, prefixBytes, fingerprint, offset, lines, events, bad, skipping, tail]: FileTuple): FileCursor => ({
  kind: KINDS[kind]!, format: FORMATS[format]!, dev, ino, size, mtimeMs, prefixBytes, fingerprint, offset, lines, events, bad, skipping: skipping === 1, tail,
});

/** Problems kept in the cursor (it is written with every batch). */
export const KEPT_PROBLEMS = 50;

/** The cursor as the index stores it (version 2). */
export function encodeFilesCursor(cursor: FilesCursor): string {
  const entries: string[] = [];
  for (const file in cursor.files) entries.push(`${JSON.stringify(file)}:${JSON.stringify(toTuple(cursor.files[file]!))}`);
  const head = JSON.stringify({ v: 2, pass: cursor.pass, complete: cursor.complete });
  return `${head.slice(0, -1)},"files":{${entries.join(',')}},"dirs":${JSON.stringify(cursor.dirs)},"problems":${JSON.stringify(cursor.problems)}}`;
}

/** A stored cursor of either version; null when absent or unreadable (the feed starts over). */
export function parseFilesCursor(raw: string | null): FilesCursor | null {
  const v2 = parseFeedCursor(cursorV2Schema, raw);
  if (v2 !== null) {
    const files: Record<string, FileCursor> = {};
    for (const [file, tuple] of Object.entries(v2.files)) files[file] = fromTuple(tuple);
    return { pass: v2.pass, complete: v2.complete, files, dirs: v2.dirs, problems: v2.problems };
  }
  const v1 = parseFeedCursor(cursorV1Schema, raw);
  return v1 === null ? null : { pass: v1.pass, complete: v1.complete, files: v1.files, dirs: {}, problems: v1.problems };
}

export const freshCursor = (pass: number): FilesCursor => ({ pass, complete: false, files: {}, dirs: {}, problems: [] });

/** A copy the next batch may change: its files map and problems are its own; the entries are shared (never mutated, only replaced). */
export const copyCursor = (cursor: FilesCursor): FilesCursor => ({ ...cursor, files: { ...cursor.files }, dirs: { ...cursor.dirs }, problems: [...cursor.problems] });

export function keepProblems(cursor: FilesCursor, problems: readonly SourceProblem[]): void {
  if (problems.length === 0) return;
  // A file that stays unreadable is reported once, not once per batch.
  const key = (p: SourceProblem) => `${p.where}\u0000${p.line ?? ''}\u0000${p.message}`;
  const known = new Set(cursor.problems.map(key));
  const added = problems.filter((p) => !known.has(key(p))).map((p) => ({ where: p.where, ...(p.line === undefined ? {} : { line: p.line }), message: p.message }));
  cursor.problems = [...cursor.problems, ...added].slice(-KEPT_PROBLEMS);
}
