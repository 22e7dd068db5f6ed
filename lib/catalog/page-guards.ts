import 'server-only';
import { headers } from 'next/headers';
import { cache } from 'react';
import type { DatasetRef, JobRef } from '@/lib/model';
import { auditReportFor } from './audit-report';
import { loadDataset } from './dataset-page-model';
import { findModel } from './model-versions';
import { findJob, getRunIndex, loadJobs, loadRuns } from './run-index';
import { isThrottled, type LookupThrottled } from './lookup-limit';
import { indexedRun, resolveRun } from './run-lookup';

/*
 * Existence checks run by the dynamic segments' layouts, before the page streams: a page under a loading state
 * has sent its 200 by the time it could say 404, so an unknown id is refused here first. Index lookups are cheap;
 * what needs an upstream is cached per request (React cache), so the page reuses the answer.
 */

/**
 * A link the router prefetches renders up to the loading state, layouts included: the checks that ask an upstream
 * are skipped then (a page with a run's links would otherwise ask once per link); the real navigation checks.
 */
async function isPrefetch(): Promise<boolean> {
  const h = await headers();
  // Next sends next-router-prefetch with 1, 2 or 3 (the kind of prefetch).
  return h.has('next-router-prefetch') || h.has('next-router-segment-prefetch');
}

/**
 * The answer of `check`, or the LookupThrottled that shed its direct look-up: a page renders "try again" for the
 * latter (an unknown id may exist), where a route handler answers 429 (lib/api/throttled-answer.ts).
 */
export async function unlessShed<T>(check: () => Promise<T>): Promise<{ value: T } | { shed: LookupThrottled }> {
  try {
    return { value: await check() };
  } catch (error) {
    if (isThrottled(error)) return { shed: error as LookupThrottled };
    throw error;
  }
}

/** The indexed run and what its page draws around it, loaded once per request (no upstream call). */
export const indexedRunOnce = cache(async (id: string) => indexedRun(await getRunIndex(), id));

/** The run with its exact versions, resolved once per request for the layout's check and the page. */
export const resolveRunOnce = cache(async (id: string) => resolveRun(await getRunIndex(), id, indexedRunOnce(id), 'stored'));

/** An indexed run, or one an upstream knows by this id (resolveRun asks them only for runs not indexed). */
export async function runExists(id: string): Promise<boolean> {
  const index = await getRunIndex();
  return (await loadRuns(index, [id])).length > 0 || (await isPrefetch()) || (await resolveRunOnce(id)) !== null;
}

/**
 * The audit report exists: a run's when the run does (the report itself is built by the page, under its loading
 * state); a model version's report is built here, once per request, and shared with the page.
 */
export async function auditExists(id: string): Promise<boolean> {
  if (!id.startsWith('model:')) return runExists(id);
  return (await isPrefetch()) || 'report' in (await auditReportOnce(id));
}

/** The dataset is known to a source (asked once per request, shared with the page); a prefetch is not refused. */
export async function datasetExists(ref: DatasetRef): Promise<boolean> {
  return (await isPrefetch()) || (await datasetOnce(ref.namespace, ref.name)).dataset !== null;
}

export async function jobExists(ref: JobRef): Promise<boolean> {
  const index = await getRunIndex();
  await loadJobs(index, [ref]);
  return findJob(index, ref) !== null;
}

export async function modelExists(name: string): Promise<boolean> {
  return findModel(await getRunIndex(), name) !== null;
}

/** The audit report, built once per request for the layout's check and the page. */
export const auditReportOnce = cache((id: string) => auditReportFor(id));

/** The dataset's versions from the sources, asked once per request for the layout's check and the page. */
export const datasetOnce = cache(async (namespace: string, name: string) => loadDataset(await getRunIndex(), { namespace, name } satisfies DatasetRef));
