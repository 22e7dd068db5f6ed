import 'server-only';
import path from 'node:path';
import type { SourceHealth, SourceProblem } from '@/lib/model';
import type { LineageSnapshot, LineageSource } from '@/lib/sources/ports';
import { buildModel } from '@/lib/openlineage/build-model';
import { EventFiles } from './read-files';
import { createFileChangeFeed, type FileChangeFeed } from './change-feed';
import { EventFileLister } from './list-event-files';
import { statOrUndefined } from './document-file';

export { datasetVersionId } from '@/lib/openlineage/build-datasets';
export { datasetNodeId, jobNodeId } from '@/lib/openlineage/node-id';

const ID = 'openlineage-files';
const LABEL = 'OpenLineage events';
/**
 * The in-memory snapshot (jobs, datasets and the graph pages still read) is built only for histories up
 * to this size; the run index holds the runs of any size. Larger ones say so on /health.
 */
export const DEFAULT_SNAPSHOT_MAX_BYTES = 64 * 1024 * 1024;
// Health stays readable when a file has thousands of bad lines; the rest is counted, not hidden.
const MAX_PROBLEMS = 200;

export interface OpenLineageFileSourceOptions {
  /** At most one check for new or changed files per interval; 0 checks on every snapshot(). Default 1000. */
  refreshIntervalMs?: number;
  /** See DEFAULT_SNAPSHOT_MAX_BYTES. */
  snapshotMaxBytes?: number;
  /**
   * The app: /health reads only the change feed's state, never the files. Until this process's feed has
   * read (at start, or while another replica syncs), it says so instead of parsing the whole history.
   */
  healthFromFeedOnly?: boolean;
}

export interface OpenLineageFileSource extends LineageSource {
  /** The files as a change feed by file and byte offset (the run index's syncer reads it). */
  changeFeed(): FileChangeFeed;
}

/**
 * Lineage from OpenLineage file-transport output. Each path is a directory of event files (one
 * JSON event per file, any depth) or one file: JSON Lines (`append: true`) or a JSON array of events.
 */
export function createOpenLineageFileSource(paths: string[], options: OpenLineageFileSourceOptions = {}): OpenLineageFileSource {
  const interval = options.refreshIntervalMs ?? 1000;
  const maxBytes = options.snapshotMaxBytes ?? DEFAULT_SNAPSHOT_MAX_BYTES;
  const files = new EventFiles(paths);
  const sizing = new EventFileLister(paths);
  const feed = createFileChangeFeed(ID, LABEL, paths, interval);
  let current: LineageSnapshot | null = null;
  let eventCount = 0;
  let lastCheck = -Infinity;
  let checkedAt = new Date();
  let pending: Promise<LineageSnapshot> | null = null;
  let failure: string | null = null;

  async function refresh(): Promise<LineageSnapshot> {
    const bytes = sizing.list().files.reduce((n, f) => n + (statOrUndefined(f.path)?.size ?? 0), 0);
    if (bytes > maxBytes) {
      // Parsing a history this large in memory is what the run index replaces: the feed indexes it in bounded steps.
      lastCheck = performance.now();
      checkedAt = new Date();
      if (current === null || current.runs.size > 0 || current.jobs.size > 0) current = { version: (current?.version ?? 0) + 1, ...buildModel([], ID) };
      return current;
    }
    let changed = false;
    try {
      changed = await files.refresh();
      failure = null;
    } catch (error) {
      // Expected file errors become problems inside EventFiles; this is the unexpected rest.
      failure = `reading the event files failed: ${error instanceof Error ? error.message : String(error)}`;
      changed = true; // part of the files may have been read: rebuild from what is there
    }
    lastCheck = performance.now();
    checkedAt = new Date();
    if (current !== null && !changed) return current;
    const events = files.events();
    eventCount = events.length;
    current = { version: (current?.version ?? 0) + 1, ...buildModel(events, ID) };
    return current;
  }

  function snapshot(): Promise<LineageSnapshot> {
    if (current !== null && performance.now() - lastCheck < interval) return Promise.resolve(current);
    // Concurrent callers share one refresh.
    pending ??= refresh().finally(() => {
      pending = null;
    });
    return pending;
  }

  async function health(): Promise<SourceHealth> {
    const fed = feed.state();
    if (fed !== null) return feedHealth(fed);
    if (options.healthFromFeedOnly) return notReadYet();
    const snap = await snapshot();
    const pathErrors = files.pathErrors();
    const all = [...files.problems(), ...(snap.problems ?? [])];
    const problems: SourceProblem[] = all.slice(0, MAX_PROBLEMS);
    if (all.length > MAX_PROBLEMS) problems.push({ where: paths.join(path.delimiter), message: `${all.length - MAX_PROBLEMS} more problems not listed` });
    const errors = [...pathErrors.map((e) => `${e.path}: ${e.message}`), ...(failure === null ? [] : [failure])];
    const status: SourceHealth['status'] = paths.length === 0
      ? 'not-configured'
      : pathErrors.length === paths.length || (failure !== null && eventCount === 0) ? 'unavailable' : errors.length > 0 ? 'degraded' : 'ok';
    return {
      id: ID,
      label: LABEL,
      kind: 'lineage',
      configured: paths.length > 0,
      location: paths.length > 0 ? paths.join(path.delimiter) : null,
      status,
      counts: { events: eventCount, runs: snap.runs.size, jobs: snap.jobs.size, datasets: snap.datasets.size, files: files.fileCount() },
      problems,
      error: errors.length === 0 ? null : errors.join('; '),
      details: {},
      checkedAt: checkedAt.toISOString(),
    };
  }

  /** Before this process's feed has read: nothing is parsed for /health (the index holds what earlier reads found). */
  function notReadYet(): SourceHealth {
    return {
      id: ID, label: LABEL, kind: 'lineage', configured: paths.length > 0,
      location: paths.length > 0 ? paths.join(path.delimiter) : null,
      status: paths.length === 0 ? 'not-configured' : 'ok',
      counts: {}, problems: [], error: null,
      details: { eventFeed: 'not read by this process yet' },
      checkedAt: new Date().toISOString(),
    };
  }

  /** What the change feed last saw: no file is read again for /health. */
  function feedHealth(fed: NonNullable<ReturnType<FileChangeFeed['state']>>): SourceHealth {
    const all = fed.problems;
    const problems: SourceProblem[] = all.slice(0, MAX_PROBLEMS);
    const listed = fed.problems.length;
    if (fed.badEntries > listed) problems.push({ where: paths.join(path.delimiter), message: `${fed.badEntries} entries could not be read in all (the newest are listed)` });
    const status: SourceHealth['status'] = paths.length === 0
      ? 'not-configured'
      : fed.pathErrors === paths.length ? 'unavailable' : fed.pathErrors > 0 ? 'degraded' : 'ok';
    return {
      id: ID, label: LABEL, kind: 'lineage', configured: paths.length > 0,
      location: paths.length > 0 ? paths.join(path.delimiter) : null,
      status,
      counts: { events: fed.events, badEntries: fed.badEntries, files: fed.files, bytesRead: fed.bytesRead, bytesTotal: fed.bytesTotal },
      problems,
      // A bad line or file is a warning (listed above); only a configured path that cannot be read is an error.
      error: fed.pathProblems.map((p) => `${p.where}: ${p.message}`).join('; ') || null,
      details: {},
      checkedAt: new Date().toISOString(),
    };
  }

  return { id: ID, snapshot, health, changeFeed: () => feed };
}
