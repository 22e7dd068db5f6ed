import 'server-only';
import { readdirSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import type { SourceProblem } from '@/lib/model';
import { fsMessage, isEventFile, readDocument, statOrUndefined, type DocumentFile } from './document-file';
import { unreadableReason } from './safe-read';
import { SkippedEntries } from './skipped-entries';
import { emptyLinesFile, linesFileEvents, readLinesFile, type LinesFileState } from './lines-file';
import type { LoadedEvent } from '@/lib/openlineage/parse-text';

type FileState = DocumentFile | { kind: 'lines'; state: LinesFileState };

interface DirState {
  mtimeMs: number;
  scannedAt: number;
  files: Set<string>;
  dirs: Set<string>;
}

// A directory modified this recently may gain a file within the same mtime tick (coarse clocks on
// some file systems), so it is listed again until its mtime is safely in the past.
const RACY_MS = 2000;
// Synchronous reads are the fastest way through many small files; yield now and then so one
// first load of a big directory does not hold the server's event loop for its whole duration.
const YIELD_EVERY = 500;

/**
 * The event files under the configured paths, read incrementally: each refresh stats the known
 * directories and lists only those whose mtime changed; JSON Lines files are read from the last
 * byte offset. Event files in directories are written once, so known ones are not read again
 * (except files that had problems, which may have been caught half-written).
 */
export class EventFiles {
  private readonly files = new Map<string, FileState>();
  private readonly dirs = new Map<string, DirState>();
  private readonly rootErrors: Array<string | null>;
  /** Event files that had problems: read again when they change. */
  private readonly retry = new Set<string>();
  /** Directories below a root that could not be listed, with the reason. */
  private readonly dirErrors = new Map<string, string>();
  private reads = 0;
  private readonly skipped = new SkippedEntries();

  constructor(private readonly roots: readonly string[]) {
    this.rootErrors = roots.map(() => null);
  }

  /** Picks up changes; true when any file's events or problems changed. */
  async refresh(): Promise<boolean> {
    let changed = false;
    for (let i = 0; i < this.roots.length; i++) changed = (await this.refreshRoot(i)) || changed;
    return changed;
  }

  events(): LoadedEvent[] {
    const out: LoadedEvent[] = [];
    for (const file of this.files.values()) {
      const events = file.kind === 'document' ? file.parsed.events : linesFileEvents(file.state);
      for (const event of events) out.push(event);
    }
    return out;
  }

  problems(): SourceProblem[] {
    const out: SourceProblem[] = [...[...this.dirErrors].map(([where, message]) => ({ where, message })), ...this.skipped.problems()];
    for (const file of this.files.values()) out.push(...(file.kind === 'document' ? file.parsed.problems : file.state.parsed.problems));
    return out;
  }

  /** Configured paths that cannot be read, with the reason. */
  pathErrors(): Array<{ path: string; message: string }> {
    return this.roots.flatMap((root, i) => {
      const message = this.rootErrors[i];
      return message == null ? [] : [{ path: root, message }];
    });
  }

  fileCount(): number {
    return this.files.size;
  }

  private async refreshRoot(i: number): Promise<boolean> {
    const root = this.roots[i] ?? '';
    let stat: Stats;
    try {
      // User data at a configured path: not part of the build, so the bundler must not trace it.
      stat = statSync(/*turbopackIgnore: true*/ root);
    } catch (error) {
      this.rootErrors[i] = fsMessage(error);
      return this.forget(root);
    }
    if (stat.isDirectory()) {
      this.rootErrors[i] = null;
      const forgotFile = this.files.get(root)?.kind === 'lines' && this.forget(root);
      return (await this.scanTree(root)) || forgotFile;
    }
    if (!stat.isFile()) {
      this.rootErrors[i] = 'is neither a file nor a directory';
      return this.forget(root);
    }
    const forgotDir = this.dirs.has(root) && this.forget(root);
    let file = this.files.get(root);
    if (file?.kind !== 'lines') {
      file = { kind: 'lines', state: emptyLinesFile() };
      this.files.set(root, file);
    }
    try {
      this.rootErrors[i] = null;
      return readLinesFile(root, file.state) || forgotDir;
    } catch (error) {
      this.rootErrors[i] = fsMessage(error);
      return this.forget(root) || forgotDir;
    }
  }

  /** Walks the known directory tree, listing only directories that changed since the last scan. */
  private async scanTree(root: string): Promise<boolean> {
    let changed = false;
    const stack = [root];
    while (stack.length > 0) {
      const dir = stack.pop() ?? root;
      try {
        const stat = statSync(dir, { throwIfNoEntry: false });
        if (stat === undefined || !stat.isDirectory()) {
          changed = this.forget(dir) || changed;
          continue;
        }
        const known = this.dirs.get(dir);
        const fresh = known !== undefined && known.mtimeMs === stat.mtimeMs && known.scannedAt - known.mtimeMs > RACY_MS;
        if (fresh) {
          for (const sub of known.dirs) stack.push(sub);
        } else {
          changed = (await this.listDir(dir, stat.mtimeMs, known)) || changed;
          for (const sub of this.dirs.get(dir)?.dirs ?? []) stack.push(sub);
        }
        this.dirErrors.delete(dir);
      } catch (error) {
        changed = changed || !this.dirErrors.has(dir);
        this.dirErrors.set(dir, `cannot list directory: ${fsMessage(error)}`);
      }
    }
    return this.retryProblemFiles(root) || changed;
  }

  /** Lists one directory, reads its new event files and drops vanished ones; true if anything changed. */
  private async listDir(dir: string, mtimeMs: number, known: DirState | undefined): Promise<boolean> {
    const files = new Set<string>();
    const dirs = new Set<string>();
    const skipped = new Map<string, string>();
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      // Symlinked directories are not followed: a link cycle would never end.
      const isFile = entry.isFile() || (entry.isSymbolicLink() && statOrUndefined(full)?.isFile() === true);
      if (entry.isDirectory()) dirs.add(full);
      else if (isFile && isEventFile(entry.name)) files.add(full);
      if (!isFile && isEventFile(entry.name)) {
        const reason = unreadableReason(full);
        if (reason !== null) skipped.set(full, entry.isDirectory() ? `${reason} (its files are read as a directory)` : reason);
      }
    }
    let changed = this.skipped.replaceIn(dir, skipped);
    for (const gone of known?.files ?? []) if (!files.has(gone)) changed = this.dropFile(gone) || changed;
    for (const gone of known?.dirs ?? []) if (!dirs.has(gone)) changed = this.forget(gone) || changed;
    // Names sorted, so the same files load in the same order on every machine.
    const added = [...files].filter((f) => !this.files.has(f)).sort();
    for (const file of added) {
      this.setDocument(file);
      changed = true;
      if (++this.reads % YIELD_EVERY === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    this.dirs.set(dir, { mtimeMs, scannedAt: Date.now(), files, dirs });
    return changed;
  }

  private setDocument(file: string): void {
    const state = readDocument(file);
    this.files.set(file, state);
    if (state.retry === null) this.retry.delete(file);
    else this.retry.add(file);
  }

  private dropFile(file: string): boolean {
    this.retry.delete(file);
    return this.files.delete(file);
  }

  private retryProblemFiles(root: string): boolean {
    let changed = false;
    for (const file of this.retry) {
      const state = this.files.get(file);
      if (state?.kind !== 'document' || state.retry === null || !isUnder(file, root)) continue;
      const stat = statOrUndefined(file);
      if (stat === undefined || (stat.size === state.retry.size && stat.mtimeMs === state.retry.mtimeMs)) continue;
      this.setDocument(file);
      changed = true;
    }
    return changed;
  }

  /** Drops everything read from `target` or below it; true if anything was dropped. */
  private forget(target: string): boolean {
    let dropped = false;
    for (const file of this.files.keys()) if (isUnder(file, target)) dropped = this.dropFile(file) || dropped;
    for (const dir of this.dirs.keys()) if (isUnder(dir, target)) this.dirs.delete(dir);
    for (const dir of this.dirErrors.keys()) if (isUnder(dir, target)) dropped = this.dirErrors.delete(dir) || dropped;
    return this.skipped.forget(target, isUnder) || dropped;
  }
}

function isUnder(file: string, dir: string): boolean {
  return file === dir || file.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);
}
