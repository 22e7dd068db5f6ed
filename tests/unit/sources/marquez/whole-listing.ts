// Test reference only: Marquez read whole (every job, dataset and run), the way the app read it before its
// runs came through the event feed. Tests compare mappings against the file source and index it for page models.
import { createHash } from 'node:crypto';
import { refKey, type Dataset, type DatasetRef, type Job, type JobRef, type LineageRun, type SourceProblem } from '@/lib/model';
import { isSourceError, type SourceError } from '@/lib/http/source-error';
import type { LineageSnapshot } from '@/lib/sources/ports';
import { createMarquezClient, displayUrl, type MarquezClient } from '@/lib/sources/marquez/client';
import { TERMINAL_STATES } from '@/lib/sources/marquez/map-common';
import { datasetRefOf, mapDataset } from '@/lib/sources/marquez/map-dataset';
import { buildSnapshotGraph } from '@/lib/sources/marquez/map-graph';
import { jobRefOf, mapJob } from '@/lib/sources/marquez/map-job';
import { mapRun } from '@/lib/sources/marquez/map-run';
import { fetchAllPages } from '@/lib/sources/marquez/paging';
import type { WireDataset, WireJob, WireRun } from '@/lib/sources/marquez/schemas';

export interface SnapshotLimits {
  /** Newest runs kept per job. Default 100. */
  runsPerJob: number;
  maxJobs: number;
  maxNamespaces: number;
  maxDatasetsPerNamespace: number;
  pageSize: number;
}

export const DEFAULT_LIMITS: SnapshotLimits = { runsPerJob: 100, maxJobs: 10_000, maxNamespaces: 1_000, maxDatasetsPerNamespace: 20_000, pageSize: 100 };

interface JobRuns {
  /** What Marquez said about the job when its runs were fetched; unchanged means the runs are too. */
  fingerprint: string;
  runs: LineageRun[];
  /** The job has more runs than were kept. */
  capped: boolean;
}

/** What the last refresh found; the source turns it into health. */
export interface RefreshReport {
  namespaces: number;
  problems: SourceProblem[];
}

function fingerprintOf(job: WireJob): string {
  const brief = (r: WireRun | null | undefined) => (r == null ? null : [r.id, r.state ?? null, r.updatedAt ?? null, r.endedAt ?? null]);
  return JSON.stringify([job.updatedAt ?? null, brief(job.latestRun), (job.latestRuns ?? []).map(brief)]);
}

/** An answer about one job or namespace (HTTP error, odd body); anything else means Marquez is out of reach. */
function isLocal(error: unknown): error is SourceError {
  return isSourceError(error) && (error.kind === 'http' || error.kind === 'parse');
}

/** One page or job that failed while Marquez answers the rest (slow: timeout; 5xx; odd body); not a refused connection or an open breaker. */
function isPageLocal(error: unknown): error is SourceError {
  return isSourceError(error) && (error.kind === 'timeout' || error.kind === 'http' || error.kind === 'parse');
}

/**
 * Reads Marquez into the same model the OpenLineage file source builds. A job's runs are fetched
 * again only when the job's updatedAt or latest run changed since the last refresh; runs that had
 * finished keep their objects (a finished run never changes).
 */
export class MarquezSnapshotBuilder {
  private readonly jobRuns = new Map<string, JobRuns>();
  private signature = '';
  /** The last job listing stopped at a failed page. */
  private partialJobs = false;
  private current: LineageSnapshot | null = null;

  constructor(
    private readonly client: MarquezClient,
    private readonly limits: SnapshotLimits = DEFAULT_LIMITS,
  ) {}

  last(): LineageSnapshot | null {
    return this.current;
  }

  /** One refresh: throws a SourceError when Marquez cannot be read at all. */
  async refresh(): Promise<{ snapshot: LineageSnapshot; report: RefreshReport }> {
    const problems: SourceProblem[] = [];
    const where = displayUrl(this.client.baseUrl);
    const [jobs, datasets] = await Promise.all([this.listJobs(problems, where), this.listDatasets(problems, where)]);
    // A partial job list would drop the jobs after the failed page: show the last complete read instead.
    if (this.partialJobs && this.current !== null) return { snapshot: this.current, report: { namespaces: datasets.namespaces, problems } };
    let refetched = false;
    const entries = await Promise.all(jobs.map(async ({ wire, ref }) => {
      const key = refKey(ref);
      const fingerprint = fingerprintOf(wire);
      const cached = this.jobRuns.get(key);
      if (cached?.fingerprint === fingerprint) return { wire, ref, runs: cached.runs, capped: cached.capped };
      try {
        const fetched = await this.fetchRuns(ref, cached?.runs ?? []);
        this.jobRuns.set(key, { fingerprint, ...fetched });
        refetched = true;
        return { wire, ref, ...fetched };
      } catch (error) {
        if (!isPageLocal(error)) throw error;
        // One job's runs out of reach: keep what was known, and try again next time (no fingerprint matches '').
        const kept = { fingerprint: '', runs: cached?.runs ?? [], capped: cached?.capped ?? false };
        this.jobRuns.set(key, kept);
        problems.push({ where: `${where} job ${ref.namespace}/${ref.name}`, message: `its runs could not be read: ${error.message}` });
        return { wire, ref, runs: kept.runs, capped: kept.capped };
      }
    }));
    const live = new Set(entries.map((e) => refKey(e.ref)));
    for (const key of this.jobRuns.keys()) if (!live.has(key)) this.jobRuns.delete(key);
    const cappedJobs = entries.filter((e) => e.capped).map((e) => `${e.ref.namespace}/${e.ref.name}`);
    if (cappedJobs.length > 0) {
      problems.push({ where, message: `${cappedJobs.length} job(s) have more than ${this.limits.runsPerJob} runs; only the newest ${this.limits.runsPerJob} of each are listed (${cappedJobs.slice(0, 5).join(', ')}${cappedJobs.length > 5 ? ', …' : ''})` });
    }

    const signature = createHash('sha1').update(JSON.stringify([jobs.map((j) => j.wire), datasets.list.map((d) => d.wire)])).digest('hex');
    if (this.current !== null && signature === this.signature && !refetched) {
      return { snapshot: this.current, report: { namespaces: datasets.namespaces, problems } };
    }
    this.signature = signature;
    const runs = new Map<string, LineageRun>();
    const jobMap = new Map<string, Job>();
    for (const { wire, ref, runs: jobRuns } of entries) {
      for (const run of jobRuns) runs.set(run.runId, run);
      jobMap.set(refKey(ref), mapJob(wire, ref, jobRuns));
    }
    const datasetMap = new Map<string, Dataset>(datasets.list.map(({ wire, ref }) => [refKey(ref), mapDataset(wire, ref)]));
    this.current = { version: (this.current?.version ?? 0) + 1, runs, jobs: jobMap, datasets: datasetMap, graph: buildSnapshotGraph(jobMap.values(), datasetMap.values()) };
    return { snapshot: this.current, report: { namespaces: datasets.namespaces, problems } };
  }

  private async listJobs(problems: SourceProblem[], where: string): Promise<Array<{ wire: WireJob; ref: JobRef }>> {
    const { pageSize, maxJobs } = this.limits;
    // GET /jobs (all namespaces) without lastRunStates: with it, jobs that never ran are left out.
    const paged = await fetchAllPages(async (limit, offset) => {
      const page = await this.client.allJobs({ limit, offset });
      return { items: page.jobs, totalCount: page.totalCount ?? null };
    }, { pageSize, max: maxJobs, pageFailureIsLocal: isPageLocal });
    this.partialJobs = paged.partial !== undefined;
    if (paged.partial) {
      const kept = this.current === null ? `only the first ${paged.items.length} jobs are shown` : 'the previous complete read is shown';
      problems.push({ where, message: `read partially: the jobs page at offset ${paged.partial.offset} failed twice (${paged.partial.message}); ${kept}` });
    }
    if (paged.capped) problems.push({ where, message: `more than ${maxJobs} jobs; only the first ${maxJobs} are listed` });
    const out: Array<{ wire: WireJob; ref: JobRef }> = [];
    for (const wire of paged.items) {
      const ref = jobRefOf(wire);
      if (ref === null) problems.push({ where, message: `job "${wire.name}" has no namespace and is left out` });
      else out.push({ wire, ref });
    }
    return out;
  }

  private async listDatasets(problems: SourceProblem[], where: string): Promise<{ namespaces: number; list: Array<{ wire: WireDataset; ref: DatasetRef }> }> {
    const { pageSize, maxNamespaces, maxDatasetsPerNamespace } = this.limits;
    const namespaces = await fetchAllPages(async (limit, offset) => {
      const page = await this.client.namespaces({ limit, offset });
      return { items: page.namespaces, totalCount: page.totalCount ?? null };
    }, { pageSize, max: maxNamespaces });
    if (namespaces.capped) problems.push({ where, message: `more than ${maxNamespaces} namespaces; datasets of the first ${maxNamespaces} only are listed` });
    const perNamespace = await Promise.all(namespaces.items.map(async (ns) => {
      try {
        const paged = await fetchAllPages(async (limit, offset) => {
          const page = await this.client.datasets(ns.name, { limit, offset });
          return { items: page.datasets, totalCount: page.totalCount ?? null };
        }, { pageSize, max: maxDatasetsPerNamespace });
        if (paged.capped) problems.push({ where: `${where} namespace ${ns.name}`, message: `more than ${maxDatasetsPerNamespace} datasets; only the first ${maxDatasetsPerNamespace} are listed` });
        return paged.items;
      } catch (error) {
        if (!isLocal(error)) throw error;
        problems.push({ where: `${where} namespace ${ns.name}`, message: `its datasets could not be read: ${error.message}` });
        return [];
      }
    }));
    const list: Array<{ wire: WireDataset; ref: DatasetRef }> = [];
    for (const wire of perNamespace.flat()) {
      const ref = datasetRefOf(wire);
      if (ref !== null) list.push({ wire, ref });
    }
    return { namespaces: namespaces.items.length, list };
  }

  /** The job's newest runs; finished runs seen before keep their objects. */
  private async fetchRuns(ref: JobRef, previous: readonly LineageRun[]): Promise<{ runs: LineageRun[]; capped: boolean }> {
    const { runsPerJob, pageSize } = this.limits;
    const paged = await fetchAllPages(async (limit, offset) => {
      const page = await this.client.jobRuns(ref, { limit, offset });
      return { items: page.runs, totalCount: page.totalCount ?? null };
    }, { pageSize: Math.min(pageSize, runsPerJob), max: runsPerJob });
    const known = new Map(previous.filter((r) => TERMINAL_STATES.has(r.state)).map((r) => [r.runId, r]));
    const runs = paged.items.map((wire) => {
      const mapped = mapRun(wire, ref);
      const before = known.get(mapped.runId);
      return before !== undefined && before.state === mapped.state && before.updatedAt === mapped.updatedAt ? before : mapped;
    });
    return { runs, capped: paged.capped };
  }
}

/** Everything the Marquez at `url` holds, read once. */
export async function readWholeMarquez(url: string, limits: Partial<SnapshotLimits> = {}): Promise<LineageSnapshot> {
  return (await new MarquezSnapshotBuilder(createMarquezClient({ url }), { ...DEFAULT_LIMITS, ...limits }).refresh()).snapshot;
}
