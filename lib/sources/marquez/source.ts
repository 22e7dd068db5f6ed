import 'server-only';
import { refKey, type Dataset, type DatasetRef, type LineageSearchHit, type SourceHealth, type SourceProblem, type UpstreamLineage } from '@/lib/model';
import { SourceError, isSourceError } from '@/lib/http/source-error';
import type { LineageSnapshot, LineageSource } from '@/lib/sources/ports';
import { MARQUEZ_LABEL, createMarquezClient, displayUrl, type MarquezClient, type MarquezClientOptions } from './client';
import { createMarquezChangeFeed, type MarquezChangeFeed, type MarquezFeedPacing } from './change-feed';
import { ExactRuns } from './exact-run';
import { mapDataset, mapDatasetVersion } from './map-dataset';
import { MARQUEZ_SOURCE_ID } from './map-run';
import { mapSearchResults } from './map-search';
import { fetchAllPages } from './paging';
import { MarquezReachability } from './reachability';
import { marquezUpstream } from './upstream';

export interface MarquezSourceOptions extends Omit<MarquezClientOptions, 'url'> {
  url: string;
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

/**
 * Marquez's runs, jobs and datasets reach pages through the run index (changeFeed()); the source holds
 * no copy of them, so its snapshot is empty and listing Marquez costs nothing here.
 */
const NOTHING_HELD: LineageSnapshot = Object.freeze({ version: 0, runs: new Map(), jobs: new Map(), datasets: new Map(), graph: { nodes: [], edges: [] } });

/**
 * Lineage from a Marquez server, asked per view: exactRun() rebuilds a run from its own events,
 * dataset() lists a dataset's versions, search() and upstream() pass Marquez's answers on. Runs reach
 * the index through changeFeed(); health() reports the feed and whether Marquez answers (a one-item probe at most).
 */
export function createMarquezSource(options: MarquezSourceOptions): MarquezSource {
  const client: MarquezClient = createMarquezClient(options);
  const location = displayUrl(options.url);
  const reachability = new MarquezReachability(client);
  const feed = reachability.watch(createMarquezChangeFeed(client, MARQUEZ_LABEL, options.feedPacing));
  // Found while answering dataset(): kept per dataset, the newest few only.
  const lazyProblems = new Map<string, SourceProblem>();
  const exactRuns = new ExactRuns({ client, now: () => Date.now() });

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
    const reach = await reachability.current();
    const all = [...lazyProblems.values()];
    const fed = feed.state();
    const details: Record<string, string> = {};
    if (fed !== null) {
      details.eventFeed = `${fed.phase === 'backfill' ? 'reading history, newest first' : 'following new events'}: ${fed.done} events read`;
      if (fed.unreadable > 0) all.unshift({ where: `${location} /api/v1/events/lineage`, message: `${fed.unreadable} events are not valid OpenLineage events: stored, but no run is built from them` });
    }
    const shown = all.slice(0, MAX_PROBLEMS);
    if (all.length > MAX_PROBLEMS) shown.push({ where: location, message: `${all.length - MAX_PROBLEMS} more problems not listed` });
    if (reach.lastSuccess !== null) details.lastSuccess = reach.lastSuccess.toISOString();
    if (reach.failingSince !== null) details.failingSince = reach.failingSince.toISOString();
    const since = reach.failingSince === null ? '' : ` (failing since ${reach.failingSince.toISOString()}; the index keeps what it read)`;
    return {
      id: MARQUEZ_SOURCE_ID,
      label: MARQUEZ_LABEL,
      kind: 'lineage',
      configured: true,
      location,
      status: reach.error === null ? 'ok' : 'unavailable',
      // What this process's feed read; runs, jobs and datasets are counted by the index (sync progress on /health).
      counts: fed === null ? {} : { eventsRead: fed.done, unreadableEvents: fed.unreadable },
      problems: shown,
      error: reach.error === null ? null : `${reach.error.message}${since}`,
      details,
      checkedAt: reach.checkedAt.toISOString(),
    };
  }

  return {
    id: MARQUEZ_SOURCE_ID,
    snapshot: () => Promise.resolve(NOTHING_HELD),
    health,
    exactRun: (runId, known) => exactRuns.get(runId, known),
    exactRuns: (runs) => exactRuns.many(runs),
    dataset,
    search,
    upstream,
    changeFeed: () => feed,
  };
}
