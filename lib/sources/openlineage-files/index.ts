import 'server-only';
import path from 'node:path';
import type { SourceHealth, SourceProblem } from '@/lib/model';
import type { LineageSnapshot, LineageSource } from '@/lib/sources/ports';
import { buildModel } from '@/lib/openlineage/build-model';
import { EventFiles } from './read-files';

export { datasetVersionId } from '@/lib/openlineage/build-datasets';
export { datasetNodeId, jobNodeId } from '@/lib/openlineage/node-id';

const ID = 'openlineage-files';
// Health stays readable when a file has thousands of bad lines; the rest is counted, not hidden.
const MAX_PROBLEMS = 200;

export interface OpenLineageFileSourceOptions {
  /** At most one check for new or changed files per interval; 0 checks on every snapshot(). Default 1000. */
  refreshIntervalMs?: number;
}

/**
 * Lineage from OpenLineage file-transport output. Each path is a directory of event files (one
 * JSON event per file, any depth) or one file: JSON Lines (`append: true`) or a JSON array of events.
 */
export function createOpenLineageFileSource(paths: string[], options: OpenLineageFileSourceOptions = {}): LineageSource {
  const interval = options.refreshIntervalMs ?? 1000;
  const files = new EventFiles(paths);
  let current: LineageSnapshot | null = null;
  let eventCount = 0;
  let lastCheck = -Infinity;
  let checkedAt = new Date();
  let pending: Promise<LineageSnapshot> | null = null;
  let failure: string | null = null;

  async function refresh(): Promise<LineageSnapshot> {
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
      label: 'OpenLineage events',
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

  return { id: ID, snapshot, health };
}
