import 'server-only';
import { statSync, type Stats } from 'node:fs';
import { parseDocument, type ParsedText } from '@/lib/openlineage/parse-text';
import { readRegularFile } from './safe-read';

/** One event file of a directory (file transport, `append: false`). */
export interface DocumentFile {
  kind: 'document';
  parsed: ParsedText;
  /** Set when the file had problems: it may still be being written, so it is checked again when it changes. */
  retry: { size: number; mtimeMs: number } | null;
}

/** A file-system error for people: the common causes in words, anything else as Node says it. */
export function fsMessage(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  if (code === 'ENOENT') return 'does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ELOOP') return 'is a symlink loop';
  return error instanceof Error ? error.message : String(error);
}

/** stat() that answers undefined for a file that is gone or cannot be looked at. */
export function statOrUndefined(file: string): Stats | undefined {
  try {
    return statSync(file, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/** File transport names files `events-<time>.json`; any visible `*.json` is taken. */
export const isEventFile = (name: string): boolean => name.toLowerCase().endsWith('.json') && !name.startsWith('.');

/** Reads and parses one whole event file; never throws (an unreadable file is a problem). */
export function readDocument(file: string): DocumentFile {
  let parsed: ParsedText;
  try {
    parsed = parseDocument(readRegularFile(file).replace(/^\uFEFF/, ''), file);
  } catch (error) {
    parsed = { events: [], problems: [{ where: file, message: `cannot read: ${fsMessage(error)}` }] };
  }
  if (parsed.problems.length === 0) return { kind: 'document', parsed, retry: null };
  const stat = statOrUndefined(file);
  return { kind: 'document', parsed, retry: { size: stat?.size ?? -1, mtimeMs: stat?.mtimeMs ?? -1 } };
}
