import 'server-only';
import { createHash, type Hash } from 'node:crypto';
import path from 'node:path';
import { statOrUndefined } from './document-file';
import type { FileCursor, FilesCursor } from './file-cursor';
import type { ListedFile } from './list-event-files';
import { contributed } from './read-step';

/**
 * A directory whose one-event files have all been read, kept as one entry instead of one per file: the files up to
 * `last` (by name), and a digest of each one's name, device, inode, size and mtime as read. 40,000 files in 169
 * directories make a cursor of 169 entries, not 40,000 (6 MB written and read back with every batch).
 */
export interface DoneDir {
  files: number;
  last: string;
  digest: string;
  events: number;
  bad: number;
  bytes: number;
}

/** The document files of one directory, in listing order (names sorted); a configured file is a group of its own (dir null). */
export interface ListedGroup {
  dir: string | null;
  files: ListedFile[];
}

export function groupByDirectory(files: readonly ListedFile[]): ListedGroup[] {
  const groups: ListedGroup[] = [];
  for (const file of files) {
    const dir = file.kind === 'document' ? path.dirname(file.path) : null;
    const current = groups.at(-1);
    if (dir !== null && current?.dir === dir) current.files.push(file);
    else groups.push({ dir, files: [file] });
  }
  return groups;
}

const addFile = (hash: Hash, file: string, s: { dev: number; ino: number; size: number; mtimeMs: number }): Hash =>
  hash.update(`${path.basename(file)}\u0000${s.dev}\u0000${s.ino}\u0000${s.size}\u0000${s.mtimeMs}\n`);

/** Whether a file of this directory is among those the entry holds (the first `files` names, up to `last`). */
export const heldBy = (done: DoneDir, file: ListedFile): boolean => path.basename(file.path) <= done.last;

/**
 * Checks the held files against the entry (a stat each, nothing read): null when one changed, was added among them
 * or is gone (the pass starts over, as for any document that changed); else the running digest, to extend.
 */
export function verifyDoneDir(done: DoneDir, held: readonly ListedFile[]): Hash | null {
  if (held.length !== done.files) return null;
  const hash = createHash('sha256');
  for (const file of held) {
    const stat = statOrUndefined(file.path);
    if (stat === undefined || !stat.isFile()) return null;
    addFile(hash, file.path, stat);
  }
  return hash.copy().digest('hex') === done.digest ? hash : null;
}

// Only documents that gave events or problems: a changed one starts the pass over either way, so folding keeps that rule.
const isReadDocument = (state: FileCursor | undefined): state is FileCursor =>
  state !== undefined && state.kind === 'document' && state.format === 'document' && state.offset === state.size && contributed(state);

/**
 * Folds the files of a directory into its entry once every listed one has been read whole (`verified`: the running
 * digest of the files the entry already held, checked this call). A directory with a file not read yet stays as is.
 */
export function foldDirectory(cursor: FilesCursor, dir: string, rest: readonly ListedFile[], verified: Hash | null): void {
  const states = rest.map((file) => cursor.files[file.path]);
  if (!states.every(isReadDocument) || rest.length === 0) return;
  const before = cursor.dirs[dir];
  const hash = verified ?? createHash('sha256');
  const folded: DoneDir = before === undefined ? { files: 0, last: '', digest: '', events: 0, bad: 0, bytes: 0 } : { ...before };
  rest.forEach((file, i) => {
    const state = states[i]!;
    addFile(hash, file.path, state);
    folded.files += 1;
    folded.last = path.basename(file.path);
    folded.events += state.events;
    folded.bad += state.bad;
    folded.bytes += state.size;
    delete cursor.files[file.path];
  });
  folded.digest = hash.digest('hex');
  cursor.dirs[dir] = folded;
}
