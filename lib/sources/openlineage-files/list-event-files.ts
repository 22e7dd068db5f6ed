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
  files: string[];
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

  constructor(private readonly roots: readonly string[]) {}

  list(): Listing {
    const files: ListedFile[] = [];
    const problems: SourceProblem[] = [];
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
        problems.push({ where: root, message: fsMessage(error) });
        continue;
      }
      if (!isDir) files.push({ path: root, kind: 'path' });
      else this.walk(root, files, problems, seen);
    }
    for (const dir of this.dirs.keys()) if (!seen.has(dir)) this.dirs.delete(dir);
    return { files, problems, pathErrors };
  }

  private walk(root: string, files: ListedFile[], problems: SourceProblem[], seen: Set<string>): void {
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
      problems.push(...cached.problems);
      for (const file of cached.files) files.push({ path: file, kind: 'document' });
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
      else if (isFile && isEventFile(entry.name)) out.files.push(full);
      if (!isFile && isEventFile(entry.name)) {
        const reason = unreadableReason(full);
        if (reason !== null) out.problems.push({ where: full, message: entry.isDirectory() ? `${reason} (its files are read as a directory)` : reason });
      }
    }
    out.files.sort();
    out.dirs.sort();
    return out;
  }
}
