import 'server-only';
import type { SourceProblem } from '@/lib/model';
import { batchEntities } from '@/lib/sources/batch-entities';
import type { LoadedEvent } from '@/lib/openlineage/parse-text';
import type { ChangeBatch, ChangeFeed, FeedLineageEvent } from '@/lib/sources/ports';
import { copyCursor, encodeFilesCursor, freshCursor, keepProblems, parseFilesCursor, type FilesCursor } from './file-cursor';
import { EventFileLister, type ListedFile } from './list-event-files';
import { foldDirectory, groupByDirectory, type ListedGroup } from './done-dirs';
import { doneDirChecks } from './done-dir-checks';
import { contributed, readStep } from './read-step';

/** A batch reads at most this many bytes or events (one index transaction per few hundred events follows). */
export interface FileFeedLimits {
  batchBytes: number;
  batchEvents: number;
}

export const DEFAULT_FILE_FEED_LIMITS: FileFeedLimits = { batchBytes: 2 * 1024 * 1024, batchEvents: 2_000 };

/** What the feed last saw, for /health (the source reports it without reading the files again). */
export interface FileFeedState {
  files: number;
  events: number;
  badEntries: number;
  /** Bounded: the newest problems of the pass and the listing's. */
  problems: SourceProblem[];
  pathErrors: number;
  /** What keeps a configured path from being read at all (missing, unreadable): the source's errors, not warnings. */
  pathProblems: SourceProblem[];
  pass: number;
  /** Bytes read of all bytes the files hold. */
  bytesRead: number;
  bytesTotal: number;
}

export interface FileChangeFeed extends ChangeFeed {
  /** Null until the first changes() call. */
  state(): FileFeedState | null;
}

/**
 * Local OpenLineage files as a change feed: per file its identity and byte offset, so each call parses
 * only new bytes (a bounded batch); files are append-only, so history is read oldest first. A file
 * rewritten, truncated, replaced or gone (and a document that changed) starts a new pass from
 * offset 0: the stored events are forgotten, and the runs no longer in any file leave when it completes.
 */
export function createFileChangeFeed(id: string, label: string, roots: readonly string[], followIntervalMs: number, limits: FileFeedLimits = DEFAULT_FILE_FEED_LIMITS): FileChangeFeed {
  const lister = new EventFileLister(roots);
  const checks = doneDirChecks();
  let last: FileFeedState | null = null;
  // The cursor this feed last handed out, and its text: the syncer hands that text back with the next call, so it is
  // not parsed again (one entry per file: 40,000 files parsed, validated and cloned every batch held 300 MB of garbage).
  let handedOut: { raw: string; cursor: FilesCursor } | null = null;
  const handOut = (cursor: FilesCursor, raw: string): string => {
    handedOut = { raw, cursor };
    return raw;
  };

  // The paths, directories and groups of the last listing, made again only when the listing is a new one (the lister
  // hands out the same one while nothing changed).
  let listed: { files: readonly ListedFile[]; paths: Set<string>; dirs: Set<string>; groups: ListedGroup[] } | null = null;
  const shapeOf = (files: readonly ListedFile[]) => {
    if (listed?.files !== files) {
      const groups = groupByDirectory(files);
      listed = { files, paths: new Set(files.map((f) => f.path)), dirs: new Set(groups.flatMap((g) => (g.dir === null ? [] : [g.dir]))), groups };
    }
    return listed;
  };

  /** `sizedBy`: the cursor whose files' sizes make the total (a pass starting over still knows the files' sizes). */
  function report(cursor: FilesCursor, listingProblems: SourceProblem[], pathErrors: number, sizedBy = cursor): void {
    const files = Object.values(cursor.files);
    const dirs = Object.values(cursor.dirs);
    last = {
      files: files.length + dirs.reduce((n, d) => n + d.files, 0),
      events: files.reduce((n, f) => n + f.events, 0) + dirs.reduce((n, d) => n + d.events, 0),
      badEntries: files.reduce((n, f) => n + f.bad, 0) + dirs.reduce((n, d) => n + d.bad, 0),
      problems: [...listingProblems, ...cursor.problems],
      pathErrors,
      pathProblems: listingProblems.filter((p) => roots.includes(p.where)),
      pass: cursor.pass,
      bytesRead: files.reduce((n, f) => n + Math.min(f.offset, Math.max(f.size, 0)), 0) + dirs.reduce((n, d) => n + d.bytes, 0),
      bytesTotal: Object.values(sizedBy.files).reduce((n, f) => n + Math.max(f.size, 0), 0) + Object.values(sizedBy.dirs).reduce((n, d) => n + d.bytes, 0),
    };
  }

  async function changes(raw: string | null): Promise<ChangeBatch> {
    const previous = raw !== null && raw === handedOut?.raw ? handedOut.cursor : parseFilesCursor(raw);
    // Entries are replaced, never changed in place: a copy of the map is enough for this call to change its own.
    const cursor: FilesCursor = previous === null ? freshCursor(1) : copyCursor(previous);
    let filesChanged = false;
    const listing = lister.list();
    const shape = shapeOf(listing.files);
    const events: FeedLineageEvent[] = [];
    const loaded: LoadedEvent[] = [];
    let bytes = 0;
    let more = false;
    let rewritten = false;
    for (const file in cursor.files) {
      if (shape.paths.has(file)) continue;
      rewritten ||= contributed(cursor.files[file]!);
      delete cursor.files[file];
      filesChanged = true;
    }
    // A directory read whole that is gone (or holds no event file now) took its files' records with it.
    for (const dir in cursor.dirs) if (!shape.dirs.has(dir)) rewritten = true;
    groups: for (const group of shape.groups) {
      if (rewritten) break;
      const done = group.dir === null ? undefined : cursor.dirs[group.dir];
      const verified = done === undefined ? null : checks.verify(group.dir!, done, group.files, !cursor.complete);
      if (done !== undefined && verified === null) {
        rewritten = true;
        break;
      }
      // Verified: the entry holds the directory's first `done.files` files (names sorted), no more and no fewer.
      const rest = done === undefined ? group.files : group.files.slice(done.files);
      for (const file of rest) {
        if (bytes >= limits.batchBytes || events.length >= limits.batchEvents) {
          more = true;
          break groups;
        }
        const step = await readStep(file, cursor.files[file.path], limits.batchBytes - bytes, limits.batchEvents - events.length);
        if (step.rewritten) {
          rewritten = true;
          break groups;
        }
        if (step.file === null) {
          filesChanged ||= file.path in cursor.files;
          delete cursor.files[file.path];
        } else {
          filesChanged ||= cursor.files[file.path] !== step.file;
          cursor.files[file.path] = step.file;
        }
        keepProblems(cursor, step.problems);
        events.push(...step.events);
        loaded.push(...step.loaded);
        bytes += step.bytes;
        more ||= step.more;
      }
      if (group.dir !== null && rest.some((file) => file.path in cursor.files)) {
        foldDirectory(cursor, group.dir, rest, verified);
        filesChanged ||= !rest.some((file) => file.path in cursor.files);
      }
    }
    if (rewritten) {
      // Start over: everything is read again from offset 0 in a new pass.
      const next = freshCursor(cursor.pass + 1);
      report(next, listing.problems, listing.pathErrors, cursor);
      return {
        lineageRuns: [], experimentRuns: [], lineageEvents: [], resetLineageEvents: true, pass: next.pass, passComplete: false,
        cursor: handOut(next, encodeFilesCursor(next)), caughtUp: false, progress: { phase: 'backfill', done: 0, estimatedTotal: null },
      };
    }
    checks.keepOnly(cursor.dirs);
    const passComplete = !more && !cursor.complete;
    if (!more) cursor.complete = true;
    const { jobs, datasets, problems } = await batchEntities(loaded, id);
    // What building the model noticed is kept with the cursor, so /health never rebuilds the files' model.
    keepProblems(cursor, problems);
    report(cursor, listing.problems, listing.pathErrors);
    const state = last!;
    // Nothing read and nothing new to say (a follow step over unchanged files): the same text, not a new one.
    const unchanged = previous !== null && raw !== null && !filesChanged && cursor.complete === previous.complete && sameProblems(cursor.problems, previous.problems);
    const estimate = state.bytesRead > 0 && state.events > 0 ? Math.round((state.events * state.bytesTotal) / state.bytesRead) : null;
    return {
      lineageRuns: [], experimentRuns: [], lineageEvents: events,
      jobs, datasets,
      pass: cursor.pass, passComplete, cursor: handOut(cursor, unchanged ? raw! : encodeFilesCursor(cursor)), caughtUp: !more,
      progress: { phase: cursor.complete ? 'follow' : 'backfill', done: state.events, estimatedTotal: cursor.complete ? state.events : estimate },
    };
  }

  return { id, label, followIntervalMs, changes, state: () => last };
}

const sameProblems = (a: readonly SourceProblem[], b: readonly SourceProblem[]): boolean =>
  a.length === b.length && a.every((p, i) => p.where === b[i]!.where && p.line === b[i]!.line && p.message === b[i]!.message);
