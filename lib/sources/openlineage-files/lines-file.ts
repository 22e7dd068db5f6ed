import 'server-only';
import { closeSync } from 'node:fs';
import { parseJsonLimited } from '@/lib/model/json-limits';
import { identityOf, isSameFile, type FileIdentity } from './file-identity';
import { openRegularFile, readRange } from './safe-read';
import { detectFormat, parseDocument, parseLines, toLoadedEvent, type LoadedEvent, type ParsedText } from '@/lib/openlineage/parse-text';

/**
 * A file given as a path of its own: JSON Lines (file transport, `append: true`) read
 * incrementally, or, when it holds one JSON document (an array of events), read whole.
 */
export interface LinesFileState {
  format: 'lines' | 'document' | null;
  /** Bytes consumed: everything up to and including the last newline read. */
  offset: number;
  /** Complete lines consumed, so problems carry file line numbers. */
  lines: number;
  /** File identity and size at the last read; equal means nothing to do. */
  ino: number;
  /** Inode and a fingerprint of the first bytes read, to tell an append from a rewrite (file-identity.ts). */
  identity: FileIdentity | null;
  size: number;
  mtimeMs: number;
  parsed: ParsedText;
  /** A last line without its newline that already parses; it is read again with the next append. */
  tail: LoadedEvent | null;
}

export function emptyLinesFile(): LinesFileState {
  return { format: null, offset: 0, lines: 0, ino: -1, identity: null, size: -1, mtimeMs: -1, parsed: { events: [], problems: [] }, tail: null };
}

export function linesFileEvents(state: LinesFileState): LoadedEvent[] {
  return state.tail === null ? state.parsed.events : [...state.parsed.events, state.tail];
}

function parseTail(text: string): LoadedEvent | null {
  if (text.trim() === '') return null;
  try {
    const event = toLoadedEvent(parseJsonLimited(text));
    return typeof event === 'string' ? null : event;
  } catch {
    return null; // still being written
  }
}

/** Reads what was appended since the last call. Returns true when the file's events changed. Throws fs errors. */
export function readLinesFile(file: string, state: LinesFileState): boolean {
  const { fd, stat } = openRegularFile(file);
  try {
    if (stat.ino === state.ino && stat.size === state.size && stat.mtimeMs === state.mtimeMs) return false;
    const had = state.parsed.events.length + state.parsed.problems.length + (state.tail === null ? 0 : 1);
    // Truncated, replaced (log rotation), rewritten in place (copy-truncate) or a whole document that changed: start again.
    const restart = state.format === 'document' || !isSameFile(fd, stat, state.identity, state.offset);
    if (restart) Object.assign(state, emptyLinesFile());
    state.ino = stat.ino;
    state.size = stat.size;
    state.mtimeMs = stat.mtimeMs;
    const chunk = readRange(fd, state.offset, stat.size - state.offset);
    // Decoded once; '\n' is one byte in UTF-8 and never inside a multi-byte character, so the last
    // newline of the bytes and of the text are the same one.
    const text = chunk.toString('utf8');
    state.format ??= text.trim() === '' ? null : detectFormat(text);
    if (state.format === 'document') {
      state.parsed = parseDocument(text.replace(/^\uFEFF/, ''), file);
      state.offset = stat.size;
    } else if (state.format === 'lines') {
      const cut = text.lastIndexOf('\n') + 1;
      const complete = text.slice(0, cut);
      state.lines += parseLines(state.offset === 0 ? complete.replace(/^\uFEFF/, '') : complete, file, state.lines + 1, state.parsed);
      state.offset += chunk.lastIndexOf(0x0a) + 1;
      state.tail = parseTail(text.slice(cut));
    }
    state.identity = identityOf(fd, stat, state.offset);
    const has = state.parsed.events.length + state.parsed.problems.length + (state.tail === null ? 0 : 1);
    // Bytes of a line still being written change nothing until the line parses.
    return restart ? had + has > 0 : has !== had || state.tail !== null;
  } finally {
    closeSync(fd);
  }
}
