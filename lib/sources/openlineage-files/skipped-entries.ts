import 'server-only';
import path from 'node:path';
import type { SourceProblem } from '@/lib/model';

/**
 * Entries named like event files that are not read (symlink loops, dangling links, FIFOs, devices,
 * directories), per directory, so /health names them instead of their vanishing silently.
 */
export class SkippedEntries {
  private readonly byFile = new Map<string, string>();

  /** The skipped entries of one directory as of its latest listing; true when they changed. */
  replaceIn(dir: string, found: ReadonlyMap<string, string>): boolean {
    let changed = false;
    for (const [file, reason] of this.byFile) {
      if (path.dirname(file) === dir && found.get(file) !== reason) changed = this.byFile.delete(file) || changed;
    }
    for (const [file, reason] of found) {
      if (this.byFile.get(file) === reason) continue;
      this.byFile.set(file, reason);
      changed = true;
    }
    return changed;
  }

  /** Forgets everything at or below `target`; true if anything was forgotten. */
  forget(target: string, isUnder: (file: string, dir: string) => boolean): boolean {
    let dropped = false;
    for (const file of this.byFile.keys()) if (isUnder(file, target)) dropped = this.byFile.delete(file) || dropped;
    return dropped;
  }

  problems(): SourceProblem[] {
    return [...this.byFile].map(([where, reason]) => ({ where, message: `skipped: ${reason}` }));
  }
}
