import 'server-only';
import { refKey, type Dataset, type DatasetRef, type JobRef, type LineageSearchHit, type SourceHealth, type SourceProblem, type UpstreamLineage } from '@/lib/model';
import { SourceError, isSourceError } from '@/lib/http/source-error';
import type { LineageSnapshot, LineageSource } from '@/lib/sources/ports';
import { MARQUEZ_LABEL, createMarquezClient, displayUrl, type MarquezClient, type MarquezClientOptions } from './client';
import { createMarquezChangeFeed, type MarquezChangeFeed, type MarquezFeedPacing } from './change-feed';
import { ExactRuns } from './exact-run';
import { mapDataset, mapDatasetVersion } from './map-dataset';
import { MARQUEZ_SOURCE_ID } from './map-run';
import { mapSearchResults } from './map-search';
import { marquezRunUuid } from './name-based-uuid';
import { fetchAllPages } from './paging';
import { DEFAULT_LIMITS, MarquezSnapshotBuilder, type SnapshotLimits } from './snapshot';
import { marquezUpstream } from './upstream';

export interface MarquezSourceOptions extends Omit<MarquezClientOptions, 'url'> {
  url: string;
  /** At most one refresh per interval; 0 refreshes on every snapshot(). Default 10 000 ms. */
  refreshIntervalMs?: number;
  limits?: Partial<SnapshotLimits>;
  /** Once a snapshot exists, answer with it while a due refresh runs (pages never wait for one). Default false. */
  serveStaleWhileRefreshing?: boolean;
  /** The change feed's pacing (lib/sources/marquez/change-feed.ts). */
  feedPacing?: MarquezFeedPacing;
}

export interface MarquezSource extends LineageSource {
  /** Marquez's runs by event time, for the run index's syncer. */
  changeFeed(): MarquezChangeFeed;
}

const MAX_VERSIONS = 2_000;
const MAX_PROBLEMS = 200;
const MAX_LAZY_PROBLEMS = 20;

function asSourceError(error: unknown): SourceError {
  if (isSourceError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new SourceError({ source: MARQUEZ_LABEL, kind: 'parse', message: `${MARQUEZ_LABEL}: ${message}`, cause: error });
}

/**
 * Lineage from a Marquez server. snapshot() refreshes at most every `refreshIntervalMs`; when
 * Marquez cannot be reached it keeps serving the last good snapshot (health says degraded, and
 * since when) and throws a SourceError only when there is none. The run page asks exactRun() for
 * the versions a run really used; dataset() lists a dataset's versions on demand.
 */
export function createMarquezSource(options: MarquezSourceOptions): MarquezSource {
  const client: MarquezClient = createMarquezClient(options);
  const interval = options.refreshIntervalMs ?? 10_000;
  const builder = new MarquezSnapshotBuilder(client, { ...DEFAULT_LIMITS, ...options.limits });
  const location = displayUrl(options.url);
  const feed = createMarquezChangeFeed(client, MARQUEZ_LABEL, options.feedPacing);
  let lastAttempt = -Infinity;
  let checkedAt = new Date();
  let lastSuccess: Date | null = null;
  let failingSince: Date | null = null;
  let error: SourceError | null = null;
  let problems: SourceProblem[] = [];
  // Found while answering dataset(): kept per dataset, the newest few only.
  const lazyProblems = new Map<string, SourceProblem>();
  let namespaces = 0;
  let pending: Promise<LineageSnapshot> | null = null;
  // Which job a run belongs to, for runs whose Marquez record does not say (rebuilt per snapshot).
  let jobOfRun = new Map<string, JobRef>();
  let indexedVersion = -1;

  async function refresh(): Promise<LineageSnapshot> {
    try {
      const { snapshot, report } = await builder.refresh();
      lastSuccess = new Date();
      failingSince = null;
      error = null;
      problems = report.problems;
      namespaces = report.namespaces;
      return snapshot;
    } catch (caught) {
      error = asSourceError(caught);
      failingSince ??= new Date();
      const last = builder.last();
      if (last !== null) return last;
      throw error;
    } finally {
      lastAttempt = performance.now();
      checkedAt = new Date();
    }
  }

  function snapshot(): Promise<LineageSnapshot> {
    if (performance.now() - lastAttempt < interval) {
      const last = builder.last();
      if (last !== null) return Promise.resolve(last);
      // Down and nothing to show: answer with the last failure instead of knocking again at once.
      if (error !== null) return Promise.reject(error);
    }
    // Concurrent callers share one refresh.
    pending ??= refresh().finally(() => {
      pending = null;
    });
    const last = builder.last();
    return options.serveStaleWhileRefreshing && last !== null ? Promise.resolve(last) : pending;
  }

  function jobOf(runUuid: string): JobRef | null {
    const last = builder.last();
    if (last === null) return null;
    if (indexedVersion !== last.version) {
      jobOfRun = new Map([...last.runs.values()].map((r) => [marquezRunUuid(r.runId), r.job]));
      indexedVersion = last.version;
    }
    return jobOfRun.get(runUuid) ?? null;
  }

  const exactRuns = new ExactRuns({ client, jobOf, now: () => Date.now() });

  async function dataset(ref: DatasetRef): Promise<Dataset | null> {
    const [wire, versions] = await Promise.all([
      client.dataset(ref),
      fetchAllPages(async (limit, offset) => {
        try {
          const page = await client.datasetVersions(ref, { limit, offset });
          return { items: page.versions, totalCount: page.totalCount ?? null };
        } catch (caught) {
          // An unknown dataset has no versions; the dataset lookup reports it as null.
          if (isSourceError(caught) && caught.status === 404) return { items: [], totalCount: 0 };
          throw caught;
        }
      }, { pageSize: 100, max: MAX_VERSIONS }),
    ]);
    if (wire === null) return null;
    const key = refKey(ref);
    lazyProblems.delete(key);
    if (versions.capped) {
      lazyProblems.set(key, { where: `${location} dataset ${ref.namespace}/${ref.name}`, message: `more than ${MAX_VERSIONS} versions; only the newest ${MAX_VERSIONS} are listed` });
      for (const old of lazyProblems.keys()) if (lazyProblems.size > MAX_LAZY_PROBLEMS) lazyProblems.delete(old);
    }
    return mapDataset(wire, ref, versions.items.map((v) => mapDatasetVersion(v, ref)));
  }

  async function search(query: string, limit: number): Promise<LineageSearchHit[]> {
    if (query.trim() === '') return [];
    const page = await client.search(query.trim(), { limit: Math.min(Math.max(1, Math.floor(limit)), 1000) });
    return mapSearchResults(page.results);
  }

  async function upstream(runId: string, depth: number): Promise<UpstreamLineage> {
    const found = await marquezUpstream(client, runId, depth);
    if (found === null) throw new SourceError({ source: MARQUEZ_LABEL, kind: 'http', status: 404, message: `${MARQUEZ_LABEL}: no run ${runId} is known` });
    return found;
  }

  async function health(): Promise<SourceHealth> {
    const snap = await snapshot().catch(() => null);
    const all = [...problems, ...lazyProblems.values()];
    const shown = all.slice(0, MAX_PROBLEMS);
    if (all.length > MAX_PROBLEMS) shown.push({ where: location, message: `${all.length - MAX_PROBLEMS} more problems not listed` });
    const details: Record<string, string> = {};
    const fed = feed.state();
    if (fed !== null) {
      details.eventFeed = `${fed.phase === 'backfill' ? 'reading history, newest first' : 'following new events'}: ${fed.done} events read`;
      if (fed.unreadable > 0) shown.push({ where: `${location} /api/v1/events/lineage`, message: `${fed.unreadable} events are not valid OpenLineage events: stored, but no run is built from them` });
    }
    if (lastSuccess !== null) details.lastSuccess = lastSuccess.toISOString();
    if (failingSince !== null) details.failingSince = failingSince.toISOString();
    const since = failingSince === null ? '' : ` (failing since ${failingSince.toISOString()}${snap === null ? '' : '; showing what it answered last'})`;
    return {
      id: MARQUEZ_SOURCE_ID,
      label: MARQUEZ_LABEL,
      kind: 'lineage',
      configured: true,
      location,
      status: error === null ? 'ok' : snap === null ? 'unavailable' : 'degraded',
      counts: { namespaces, jobs: snap?.jobs.size ?? 0, runs: snap?.runs.size ?? 0, datasets: snap?.datasets.size ?? 0 },
      problems: shown,
      error: error === null ? null : `${error.message}${since}`,
      details,
      checkedAt: checkedAt.toISOString(),
    };
  }

  return {
    id: MARQUEZ_SOURCE_ID,
    snapshot,
    health,
    exactRun: (runId) => exactRuns.get(runId),
    exactRuns: (runs) => exactRuns.many(runs),
    dataset,
    search,
    upstream,
    changeFeed: () => feed,
  };
}
