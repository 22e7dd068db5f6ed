import 'server-only';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { SourceProblem } from '@/lib/model';
import { fsMessage, isEventFile, statOrUndefined } from './document-file';
import { unreadableReason } from './safe-read';

/** A file to read: a configured path of its own (JSON Lines or one document) or an event file of a directory (one document). */
export interface ListedFile {
  path: string;
  kind: 'path' | 'document';
}

export interface Listing {
  files: ListedFile[];
  /** Configured paths that cannot be read, directories that cannot be listed, entries named like event files that are not files. */
  problems: SourceProblem[];
  pathErrors: number;
}

interface DirCache {
  mtimeMs: number;
  scannedAt: number;
  /** Built once per scan: a listing of 40,000 files hands out the same objects every call instead of new ones. */
  files: ListedFile[];
  dirs: string[];
  problems: SourceProblem[];
}

// A directory modified this recently may gain a file within the same mtime tick: listed again until safely past.
const RACY_MS = 2000;

/**
 * The event files under the configured paths, names sorted; a directory is listed again only when
 * its mtime changed. Symlinked directories are not followed (a link cycle would never end).
 */
export class EventFileLister {
  private readonly dirs = new Map<string, DirCache>();
  /** The last listing and what it was made of: nothing changed, the same object is handed out again. */
  private last: { parts: Array<DirCache | ListedFile | SourceProblem>; listing: Listing } | null = null;

  constructor(private readonly roots: readonly string[]) {}

  list(): Listing {
    // What the listing is made of, in order: configured files, directory caches and root problems.
    const parts: Array<DirCache | ListedFile | SourceProblem> = [];
    let pathErrors = 0;
    const seen = new Set<string>();
    for (const root of this.roots) {
      let isDir: boolean;
      try {
        // User data at a configured path: not part of the build, so the bundler must not trace it.
        const stat = statSync(/*turbopackIgnore: true*/ root);
        isDir = stat.isDirectory();
        if (!isDir && !stat.isFile()) throw Object.assign(new Error('is neither a file nor a directory'), { code: 'NOTFILE' });
      } catch (error) {
        pathErrors++;
        parts.push({ where: root, message: fsMessage(error) });
        continue;
      }
      if (!isDir) parts.push(this.rootFile(root));
      else this.walk(root, parts, seen);
    }
    for (const dir of this.dirs.keys()) if (!seen.has(dir)) this.dirs.delete(dir);
    const previous = this.last;
    if (previous !== null && previous.parts.length === parts.length && previous.parts.every((part, i) => part === parts[i])) return previous.listing;
    const files: ListedFile[] = [];
    const problems: SourceProblem[] = [];
    for (const part of parts) {
      if ('files' in part) {
        problems.push(...part.problems);
        for (const file of part.files) files.push(file);
      } else if ('kind' in part) files.push(part);
      else problems.push(part);
    }
    const listing = { files, problems, pathErrors };
    this.last = { parts, listing };
    return listing;
  }

  // The same object for a configured file every call, so an unchanged listing is recognised as such.
  private readonly rootFiles = new Map<string, ListedFile>();
  private rootFile(root: string): ListedFile {
    let file = this.rootFiles.get(root);
    if (file === undefined) this.rootFiles.set(root, (file = { path: root, kind: 'path' }));
    return file;
  }

  private walk(root: string, parts: Array<DirCache | ListedFile | SourceProblem>, seen: Set<string>): void {
    const stack = [root];
    while (stack.length > 0) {
      const dir = stack.pop() ?? root;
      seen.add(dir);
      const stat = statOrUndefined(dir);
      if (stat === undefined || !stat.isDirectory()) continue;
      let cached = this.dirs.get(dir);
      if (cached === undefined || cached.mtimeMs !== stat.mtimeMs || cached.scannedAt - cached.mtimeMs <= RACY_MS) {
        cached = this.listDir(dir, stat.mtimeMs);
        this.dirs.set(dir, cached);
      }
      parts.push(cached);
      for (const sub of [...cached.dirs].reverse()) stack.push(sub);
    }
  }

  private listDir(dir: string, mtimeMs: number): DirCache {
    const out: DirCache = { mtimeMs, scannedAt: Date.now(), files: [], dirs: [], problems: [] };
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      out.problems.push({ where: dir, message: `cannot list directory: ${fsMessage(error)}` });
      return out;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      const isFile = entry.isFile() || (entry.isSymbolicLink() && statOrUndefined(full)?.isFile() === true);
      if (entry.isDirectory()) out.dirs.push(full);
      else if (isFile && isEventFile(entry.name)) out.files.push({ path: full, kind: 'document' });
      if (!isFile && isEventFile(entry.name)) {
        const reason = unreadableReason(full);
        if (reason !== null) out.problems.push({ where: full, message: entry.isDirectory() ? `${reason} (its files are read as a directory)` : reason });
      }
    }
    out.files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    out.dirs.sort();
    return out;
  }
}
