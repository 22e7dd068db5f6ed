import 'server-only';
import type { Hash } from 'node:crypto';
import { heldBy, verifyDoneDir, type DoneDir } from './done-dirs';
import type { ListedFile } from './list-event-files';

/**
 * While a pass reads, a directory read whole is checked against its files (a stat each) at most this often: every
 * batch of the backfill stat'ed every file read so far (40,000 at the end), so a batch's time and garbage grew with
 * the history. A file changed meanwhile is seen at the next check; once the pass is complete, every step checks.
 */
export const DONE_DIR_CHECK_WHILE_READING_MS = 10_000;

/**
 * verifyDoneDir remembered per directory: while the pass reads, the same entry over the same listing of the directory
 * (the lister's objects stay the same until it lists the directory again: a file added or gone) is checked again only
 * after `everyMs`. Returns the running digest of the held files, or null when one of them changed.
 */
export function doneDirChecks(everyMs = DONE_DIR_CHECK_WHILE_READING_MS, now: () => number = () => performance.now()) {
  const checked = new Map<string, { entry: DoneDir; first: ListedFile | undefined; count: number; hash: Hash; at: number }>();
  return {
    /** `files`: the directory's listed files, names sorted; `reading`: the pass is not complete. */
    verify(dir: string, done: DoneDir, files: readonly ListedFile[], reading: boolean): Hash | null {
      const last = checked.get(dir);
      const same = last?.entry === done && last.first === files[0] && last.count === files.length;
      if (reading && same && now() - last.at < everyMs) return last.hash.copy();
      const hash = verifyDoneDir(done, files.filter((file) => heldBy(done, file)));
      if (hash === null) checked.delete(dir);
      else checked.set(dir, { entry: done, first: files[0], count: files.length, hash: hash.copy(), at: now() });
      return hash;
    },
    /** Bounded as the cursor is: directories it no longer holds are forgotten. */
    keepOnly(dirs: Readonly<Record<string, DoneDir>>): void {
      for (const dir of checked.keys()) if (!(dir in dirs)) checked.delete(dir);
    },
  };
}
