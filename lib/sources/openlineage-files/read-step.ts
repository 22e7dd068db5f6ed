import 'server-only';
import { closeSync } from 'node:fs';
import type { SourceProblem } from '@/lib/model';
import { detectFormat, parseDocument, parseEventLine, type LoadedEvent } from '@/lib/openlineage/parse-text';
import type { FeedLineageEvent } from '@/lib/sources/ports';
import { restAfter } from '@/lib/sources/event-loop-rest';
import { OFF_THREAD_CHARS, parseEventLineOffThread } from '@/lib/sources/parse-event-off-thread';
import { fsMessage, statOrUndefined } from './document-file';
import { decodeInSlices } from './decode-in-slices';
import type { FileCursor } from './file-cursor';
import { identityOf, isSameFile } from './file-identity';
import type { ListedFile } from './list-event-files';
import { openRegularFile, readRange } from './safe-read';

/** A line longer than this is not an event anyone wrote on purpose: counted as bad and skipped to its newline. */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;
// Unread bytes looked at for a newline to tell whole unread lines from a last line still being written.
const LOOK_AHEAD_BYTES = 64 * 1024;
// Lines parsed between yields, so a batch of JSON parsing and validation never holds the event loop long.
const LINES_PER_YIELD = 200;

export interface ReadStep {
  /** The file's state after this step; null when it cannot be read (see problems). */
  file: FileCursor | null;
  events: FeedLineageEvent[];
  loaded: LoadedEvent[];
  problems: SourceProblem[];
  bytes: number;
  /** The file is not what the cursor read (rewritten, truncated, replaced, a document that changed): the pass starts over. */
  rewritten: boolean;
  /** Unread bytes remain after this step. */
  more: boolean;
}


const bodyEvent = (body: string, event: LoadedEvent): FeedLineageEvent => ({
  body, runId: event.wire.kind === 'run' ? event.wire.event.run.runId : null, eventTimeMs: Number.isFinite(event.time) ? event.time : null, loaded: event,
});

/**
 * A line's bytes in the chunk, for the parse worker (a trailing \r is JSON whitespace; a BOM its decoder drops);
 * undefined when the offsets do not fall on newlines (bytes that are not UTF-8 decode longer): the text is used.
 */
function lineBytes(chunk: Buffer, start: number, end: number): Uint8Array | undefined {
  const aligned = chunk[end] === 0x0a && (start === 0 || chunk[start - 1] === 0x0a);
  return aligned ? chunk.subarray(start, end) : undefined;
}

function blank(listed: ListedFile): FileCursor {
  return { kind: listed.kind, format: listed.kind === 'document' ? 'document' : null, dev: -1, ino: -1, size: -1, mtimeMs: -1, prefixBytes: 0, fingerprint: '', offset: 0, lines: 0, events: 0, bad: 0, skipping: false, tail: 0 };
}

/** Whether what was read from a file so far carried anything the index holds or reported (a rewrite must then start over). */
export const contributed = (file: FileCursor): boolean => file.events > 0 || file.bad > 0;

/**
 * Reads a bounded step of one file from where its cursor stands: new complete lines of a JSON Lines
 * file (at most `budgetBytes`, more only to finish one long line), or a whole document when its
 * identity changed. A last line without its newline that parses is handed over without being
 * consumed (read again, and stored once, when its newline arrives).
 */
export async function readStep(listed: ListedFile, known: FileCursor | undefined, budgetBytes: number, budgetEvents = Number.POSITIVE_INFINITY): Promise<ReadStep> {
  const out: ReadStep = { file: null, events: [], loaded: [], problems: [], bytes: 0, rewritten: false, more: false };
  if (known?.format === 'document') {
    // A document read before: a stat tells whether it changed, without opening it (a directory may hold thousands).
    const now = statOrUndefined(listed.path);
    if (now !== undefined && now.isFile() && now.ino === known.ino && now.dev === known.dev && now.size === known.size && now.mtimeMs === known.mtimeMs) return { ...out, file: known };
  }
  let fd: number;
  let stat;
  try {
    ({ fd, stat } = openRegularFile(listed.path));
  } catch (error) {
    out.problems.push({ where: listed.path, message: `cannot read: ${fsMessage(error)}` });
    out.rewritten = known !== undefined && contributed(known);
    return out;
  }
  try {
    const file = { ...(known ?? blank(listed)) };
    const unchanged = stat.ino === file.ino && stat.dev === file.dev && stat.size === file.size && stat.mtimeMs === file.mtimeMs;
    if (file.format === 'document') {
      if (unchanged) return { ...out, file };
      if (contributed(file)) return { ...out, file, rewritten: true };
      return readDocumentStep(listed, fd, stat, file, out);
    }
    const identity = file.ino < 0 ? null : { dev: file.dev, ino: file.ino, prefixBytes: file.prefixBytes, fingerprint: file.fingerprint };
    // Inside an overlong line being skipped, the offset follows no newline: the file is the same all the same.
    if (!isSameFile(fd, stat, identity, file.offset, file.skipping)) {
      if (contributed(file) || file.offset > 0) return { ...out, file, rewritten: true };
      Object.assign(file, blank(listed));
    }
    if (unchanged && file.offset + file.tail >= stat.size) return { ...out, file };
    Object.assign(file, { dev: stat.dev, ino: stat.ino, size: stat.size, mtimeMs: stat.mtimeMs });
    let chunk = readRange(fd, file.offset, Math.min(stat.size - file.offset, budgetBytes));
    if (file.format === null) {
      const text = chunk.toString('utf8');
      if (text.trim() === '') return { ...out, file: { ...file, offset: 0, tail: stat.size } }; // blank so far: look again when it changes
      file.format = detectFormat(text);
      if (file.format === 'document') return readDocumentStep(listed, fd, stat, file, out);
    }
    let cut = chunk.lastIndexOf(0x0a) + 1;
    if (cut === 0 && file.offset + chunk.length < stat.size) {
      // One line longer than the budget: read on to its end, up to MAX_LINE_BYTES.
      chunk = readRange(fd, file.offset, Math.min(stat.size - file.offset, MAX_LINE_BYTES));
      cut = chunk.lastIndexOf(0x0a) + 1;
      if (cut === 0 && chunk.length >= MAX_LINE_BYTES) {
        if (!file.skipping) {
          file.bad += 1;
          out.problems.push({ where: listed.path, line: file.lines + 1, message: `line longer than ${MAX_LINE_BYTES / 1024 / 1024} MB: skipped` });
        }
        file.skipping = true;
        file.offset += chunk.length;
        out.bytes = chunk.length;
        return finish(fd, stat, file, out);
      }
    }
    const text = await decodeInSlices(chunk.subarray(0, cut));
    const lines = text.split('\n');
    lines.pop(); // after the last newline: nothing (the tail is handled below)
    let first = 0;
    let consumed = 0;
    if (file.skipping && lines.length > 0) {
      first = 1; // the end of the overlong line
      consumed = Buffer.byteLength(lines[0] ?? '') + 1;
      file.skipping = false;
    }
    let read = first;
    let sliceStarted = performance.now();
    for (let i = first; i < lines.length; i++) {
      if (out.events.length >= budgetEvents) break;
      if (i > first && (i - first) % LINES_PER_YIELD === 0) {
        await restAfter(performance.now() - sliceStarted);
        sliceStarted = performance.now();
      }
      const whole = lines[i] ?? '';
      const lineStart = consumed;
      consumed += Buffer.byteLength(whole) + 1;
      read = i + 1;
      const raw = file.offset === 0 && i === 0 ? whole.replace(/^\uFEFF/, '') : whole;
      const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (line.trim() === '') continue;
      const long = line.length > OFF_THREAD_CHARS;
      // Decoding a 13 MB line and handing it to the worker are each tens of ms: the loop turns between them.
      if (long) await restAfter(performance.now() - sliceStarted);
      const event = long ? await parseEventLineOffThread(line, lineBytes(chunk, lineStart, consumed - 1)) : parseEventLine(line);
      if (long) sliceStarted = performance.now();
      if (typeof event === 'string') {
        file.bad += 1;
        out.problems.push({ where: listed.path, line: file.lines + i + 1, message: event });
      } else {
        file.events += 1;
        out.loaded.push(event);
        out.events.push(bodyEvent(line.trim(), event));
      }
    }
    file.lines += read;
    file.offset += consumed;
    out.bytes = consumed;
    // The last line, still without its newline, if it already parses (consumed when its newline arrives).
    if (consumed === cut && file.offset + chunk.length - cut >= stat.size && cut < chunk.length && !file.skipping) {
      const tail = chunk.subarray(cut).toString('utf8').trim();
      const event = tail === '' ? 'blank' : await parseEventLineOffThread(tail);
      if (typeof event !== 'string') {
        out.loaded.push(event);
        out.events.push(bodyEvent(tail, event));
      }
    }
    return finish(fd, stat, file, out);
  } finally {
    closeSync(fd);
  }
}

function finish(fd: number, stat: import('node:fs').Stats, file: FileCursor, out: ReadStep): ReadStep {
  const identity = identityOf(fd, stat, file.offset);
  Object.assign(file, { prefixBytes: identity.prefixBytes, fingerprint: identity.fingerprint });
  // A partial last line counts as read until more bytes arrive; only whole unread lines are "more".
  const left = stat.size - file.offset;
  const rest = readRange(fd, file.offset, Math.min(left, LOOK_AHEAD_BYTES));
  const more = rest.includes(0x0a) || left > LOOK_AHEAD_BYTES || (file.skipping && left > 0);
  return { ...out, file: { ...file, tail: more ? 0 : left }, more };
}

/**
 * The text of a document that is one event on one line (the file transport's), as its body, as a JSON Lines line is
 * kept: serialising the event again allocated a second copy of every file, in pieces flattened into a third when
 * hashed. Null for an array, a pretty-printed event or a document with problems (their events are serialised).
 */
export function soleCompactEvent(text: string, entries: number): string | null {
  if (entries !== 1) return null;
  const body = text.trim();
  return body.startsWith('{') && !body.includes('\n') ? body : null;
}

/** A whole document (one event or an array): read again only when its identity changed. */
function readDocumentStep(listed: ListedFile, fd: number, stat: import('node:fs').Stats, file: FileCursor, out: ReadStep): ReadStep {
  const text = readRange(fd, 0, stat.size).toString('utf8').replace(/^\uFEFF/, '');
  const parsed = parseDocument(text, listed.path);
  const whole = soleCompactEvent(text, parsed.events.length + parsed.problems.length);
  for (const event of parsed.events) {
    out.loaded.push(event);
    out.events.push(bodyEvent(whole ?? JSON.stringify(event.wire.event), event));
  }
  out.problems.push(...parsed.problems);
  return {
    ...out,
    bytes: stat.size,
    file: {
      // A document is read again whenever its inode, size or mtime change: no fingerprint (it would only lengthen the cursor).
      ...file, format: 'document', dev: stat.dev, ino: stat.ino, size: stat.size, mtimeMs: stat.mtimeMs, prefixBytes: 0, fingerprint: '',
      offset: stat.size, events: parsed.events.length, bad: parsed.problems.length,
    },
  };
}
