import 'server-only';
import { boundList } from '@/lib/model/bounded-list';
import { compareHref, datasetHref, jobHref, lineageHref, runHref } from '@/lib/api/links';
import { jobFacetPanel } from './facet-panels';
import { datasetUri, type Job, type JobRef, type LinkRule, type UnifiedRun } from '@/lib/model';
import { getSources, type LineageSource } from '@/lib/sources';
import { BASIS_LABEL, lookUpExactVersions, NO_EXACT_VERSIONS, withExactVersions, type ExactVersions, type VersionBasis } from './exact-versions';
import { runEndMs, runStartMs, runStatus } from '@/lib/model/run-fields';
import { findJob, findRun, loadJobs, loadRuns, type RunIndex } from './run-index';

/** Inputs listed per run row; the run page lists them all, in windows. */
export const JOB_ROW_INPUTS = 20;

export interface JobRunRow {
  id: string;
  href: string;
  status: string;
  startMs: number | null;
  endMs: number | null;
  /** The first JOB_ROW_INPUTS inputs; `inputsTotal` says how many the run read. */
  inputs: Array<{ label: string; version: string | null; href: string }>;
  inputsTotal: number;
  /** Where the versions come from; 'unavailable' rows show none rather than a possibly wrong one. */
  versionBasis: VersionBasis;
  versionLabel: string;
  versionProblem: string | null;
  /** Null for an unmatched run. */
  rule: LinkRule | null;
  experimentLabel: string | null;
  /** The compare page of the job's run before this one (baseline) and this one; null for the oldest. */
  compareWithPreviousHref: string | null;
}

export interface TrendPoint {
  runId: string;
  /** Axis label: the run's start date (with the time when two runs share a date). */
  label: string;
  /** Null is a gap: the run did not log the metric, or its latest value is NaN/±Infinity. */
  value: number | null;
}

export interface MetricTrend {
  key: string;
  points: TrendPoint[];
  /** Says which runs are gaps and why; null when every run has a finite value. */
  note: string | null;
}

const locationFields: Array<[string, string]> = [
  ['type', 'VCS'], ['url', 'URL'], ['repoUrl', 'Repository'], ['path', 'Path'], ['version', 'Commit'], ['tag', 'Tag'], ['branch', 'Branch'],
];

function sourceCodeLocation(job: Job): Array<{ key: string; value: string }> {
  const facet = job.facets.sourceCodeLocation;
  if (typeof facet !== 'object' || facet === null) return [];
  const rows: Array<{ key: string; value: string }> = [];
  for (const [field, key] of locationFields) {
    const value = (facet as Record<string, unknown>)[field];
    if (typeof value === 'string' && value !== '') rows.push({ key, value });
  }
  return rows;
}

function runRow(run: UnifiedRun, exact: ExactVersions, previous: UnifiedRun | undefined): JobRunRow {
  const versioned = run.lineage ? withExactVersions(run.lineage, exact) : null;
  const basis = versioned?.basis ?? 'as-loaded';
  return {
    id: run.id,
    href: runHref(run.id),
    status: runStatus(run),
    startMs: runStartMs(run),
    endMs: runEndMs(run),
    inputs: boundList(versioned?.run.inputs ?? [], 0, JOB_ROW_INPUTS).items.map((d) => ({ label: datasetUri(d), version: d.version, href: datasetHref(d.namespace, d.name) })),
    inputsTotal: versioned ? versioned.run.inputsTotal ?? versioned.run.inputs.length : 0,
    versionBasis: basis,
    versionLabel: BASIS_LABEL[basis],
    versionProblem: versioned?.problem ?? null,
    rule: run.link?.rule ?? null,
    experimentLabel: run.experiment ? (run.experiment.runName ?? run.experiment.runId) : null,
    compareWithPreviousHref: previous ? compareHref([previous.id, run.id]) : null,
  };
}

const isoDate = (ms: number | null) => (ms === null ? 'no start time' : new Date(ms).toISOString().slice(0, 10));
const isoMinute = (ms: number | null) => (ms === null ? 'no start time' : new Date(ms).toISOString().slice(0, 16).replace('T', ' '));

/**
 * For each metric logged by at least two of the job's linked experiment runs: its latest value per
 * run, oldest run first. Runs without the metric stay on the axis as gaps, so charts line up.
 */
export function metricTrends(runsNewestFirst: UnifiedRun[]): MetricTrend[] {
  const linked = runsNewestFirst.filter((r) => r.experiment !== null && r.link !== null).reverse();
  const counts = new Map<string, number>();
  for (const run of linked) for (const key of Object.keys(run.experiment?.metrics ?? {})) counts.set(key, (counts.get(key) ?? 0) + 1);
  const dates = linked.map((r) => isoDate(runStartMs(r)));
  const labels = linked.map((r, i) => (dates.filter((d) => d === dates[i]).length > 1 ? isoMinute(runStartMs(r)) : (dates[i] ?? '')));
  return [...counts].filter(([, n]) => n >= 2).map(([key]) => key).sort().map((key) => {
    const points = linked.map((run, i): TrendPoint => {
      const value = run.experiment?.metrics[key]?.value;
      return { runId: run.id, label: labels[i] ?? '', value: value !== undefined && Number.isFinite(value) ? value : null };
    });
    const missing = linked.filter((r) => r.experiment?.metrics[key] === undefined).length;
    const nonFinite = points.filter((p) => p.value === null).length - missing;
    const parts = [missing > 0 ? `${missing} run${missing === 1 ? '' : 's'} did not log it` : null,
      nonFinite > 0 ? `${nonFinite} latest value${nonFinite === 1 ? ' is' : 's are'} NaN or ±Infinity` : null].filter((p) => p !== null);
    return { key, points, note: parts.length > 0 ? `${parts.join('; ')}: drawn as gaps.` : null };
  });
}

/** The job page lists at most this many of a job's runs (newest first); the page says how many there are. */
export const MAX_JOB_RUNS_LOADED = 1_000;

/** Runs per page of the run history: the exact-version lookup covers one page only. */
export const JOB_RUNS_PER_PAGE = 25;

function jobRuns(index: RunIndex, job: Job): UnifiedRun[] {
  return job.runIds.map((id) => findRun(index, id)).filter((r): r is UnifiedRun => r !== null)
    .sort((a, b) => (runStartMs(b) ?? 0) - (runStartMs(a) ?? 0));
}

function pageOf(total: number, page: number) {
  const pages = Math.max(1, Math.ceil(total / JOB_RUNS_PER_PAGE));
  const current = Number.isInteger(page) ? Math.min(Math.max(1, page), pages) : 1;
  return { current, pages, from: (current - 1) * JOB_RUNS_PER_PAGE, to: current * JOB_RUNS_PER_PAGE };
}

export interface JobPageView {
  /** 1-based page of the run history, newest first. */
  page?: number;
  exact?: ExactVersions;
}

/** Everything the job page shows, or null for a job no lineage source reported (the job must be loaded: loadJobs). */
export function jobPageModel(index: RunIndex, ref: JobRef, view: JobPageView = {}) {
  const found = findJob(index, ref);
  if (!found) return null;
  const { job } = found;
  const runs = jobRuns(index, job);
  const exact = view.exact ?? NO_EXACT_VERSIONS;
  const paging = pageOf(runs.length, view.page ?? 1);
  // Newest first, so the run before each one is the next in the whole list (also across pages).
  const shown = runs.slice(paging.from, paging.to).map((r, i) => runRow(r, exact, runs[paging.from + i + 1]));
  const pageHref = (n: number) => (n === 1 ? jobHref(job.namespace, job.name) : `${jobHref(job.namespace, job.name)}?page=${n}`);
  const exactCount = shown.filter((r) => r.versionBasis === 'own-events').length;
  const dataset = (d: { namespace: string; name: string }) => ({ label: datasetUri(d), href: datasetHref(d.namespace, d.name) });
  return {
    namespace: job.namespace,
    name: job.name,
    facts: {
      type: job.type,
      description: job.description,
      latestRunState: job.latestRunState,
      updatedAt: job.updatedAt,
      location: sourceCodeLocation(job),
      inputs: boundList(job.inputs).items.map(dataset),
      inputsTotal: found.inputsTotal,
      outputs: boundList(job.outputs).items.map(dataset),
      outputsTotal: found.outputsTotal,
      lineageHref: lineageHref({ kind: 'job', namespace: job.namespace, name: job.name }),
    },
    facetPanel: jobFacetPanel(job.facets),
    runs: shown,
    totalRuns: runs.length,
    /** Runs of the job in the index; the page lists the newest MAX_JOB_RUNS_LOADED of them. */
    runsInIndex: found.runsTotal,
    paging: {
      page: paging.current,
      pages: paging.pages,
      newerHref: paging.current > 1 ? pageHref(paging.current - 1) : null,
      olderHref: paging.current < paging.pages ? pageHref(paging.current + 1) : null,
    },
    /** Where the versions shown come from, when some had to be read from the runs' own events. */
    versionNote: exactCount > 0 ? `Dataset versions of ${exactCount} run${exactCount === 1 ? '' : 's'} on this page come from the run's own OpenLineage events (looked up for this page only), not from the lineage source's record of the run.` : null,
    versionProblems: exact.problems,
    /** Runs the job lists that are not among the loaded runs; said, never hidden. */
    missingRuns: job.runIds.length - runs.length,
    linkedRuns: runs.filter((r) => r.link !== null).length,
    trends: metricTrends(runs),
  };
}

/**
 * The job page with exact dataset versions for the runs on the page shown, asked in one batch of the
 * sources that rebuild runs from their own events. Sources are a parameter for tests.
 */
export async function loadJobPageModel(index: RunIndex, ref: JobRef, page = 1, sources: LineageSource[] = getSources().lineage) {
  await loadJobs(index, [ref]);
  const job = findJob(index, ref)?.job;
  if (!job) return null;
  // The job's newest runs by id from the index (the history is paged).
  await loadRuns(index, job.runIds.slice(0, MAX_JOB_RUNS_LOADED));
  const runs = jobRuns(index, job);
  const paging = pageOf(runs.length, page);
  const lineage = runs.slice(paging.from, paging.to).flatMap((r) => (r.lineage ? [r.lineage] : []));
  return jobPageModel(index, ref, { page, exact: await lookUpExactVersions(lineage, sources) });
}

export type JobPageModel = NonNullable<ReturnType<typeof jobPageModel>>;
