import { z } from 'zod';
import type { DatasetRef, Facets, JobRef, LifecycleChange } from '@/lib/model';

/**
 * The standard facets Runlens reads a value from. They are checked only when read, and a facet of
 * an unexpected shape yields null: a producer's odd facet must not cost the whole event.
 */

const datasetVersionFacet = z.object({ datasetVersion: z.string() });
const statisticsFacet = z.object({ rowCount: z.number().nullish(), size: z.number().nullish() });
// Legacy input facet (OpenLineage < 1.x) that carried row counts before inputStatistics.
const dataQualityMetricsFacet = z.object({ rowCount: z.number().nullish(), bytes: z.number().nullish() });
const parentFacet = z.object({
  run: z.object({ runId: z.string() }),
  job: z.object({ namespace: z.string(), name: z.string() }),
});
const lifecycleFacet = z.object({
  lifecycleStateChange: z.enum(['ALTER', 'CREATE', 'DROP', 'OVERWRITE', 'RENAME', 'TRUNCATE']),
  previousIdentifier: z.object({ namespace: z.string(), name: z.string() }).nullish(),
});
const errorMessageFacet = z.object({ message: z.string() });
const jobTypeFacet = z.object({ jobType: z.string() });
const documentationFacet = z.object({ description: z.string() });

function read<T>(schema: z.ZodType<T>, facet: unknown): T | null {
  if (facet === undefined || facet === null) return null;
  const parsed = schema.safeParse(facet);
  return parsed.success ? parsed.data : null;
}

export interface Statistics {
  rowCount: number | null;
  size: number | null;
}

function firstStatistics(candidates: ReadonlyArray<Statistics | null>): Statistics {
  let rowCount: number | null = null;
  let size: number | null = null;
  for (const c of candidates) {
    rowCount ??= c?.rowCount ?? null;
    size ??= c?.size ?? null;
  }
  return { rowCount, size };
}

export function datasetVersionOf(facets: Facets): string | null {
  return read(datasetVersionFacet, facets.version)?.datasetVersion ?? null;
}

function stats(facet: unknown): Statistics | null {
  const s = read(statisticsFacet, facet);
  return s === null ? null : { rowCount: s.rowCount ?? null, size: s.size ?? null };
}

/** inputStatistics, then the legacy dataQualityMetrics input facet, then a `stats` dataset facet. */
export function inputStatisticsOf(facets: Facets, inputFacets: Facets): Statistics {
  const legacy = read(dataQualityMetricsFacet, inputFacets.dataQualityMetrics);
  return firstStatistics([
    stats(inputFacets.inputStatistics),
    legacy === null ? null : { rowCount: legacy.rowCount ?? null, size: legacy.bytes ?? null },
    stats(facets.stats),
  ]);
}

/** outputStatistics, then the legacy dataset facets `outputStatistics` and `stats`. */
export function outputStatisticsOf(facets: Facets, outputFacets: Facets): Statistics {
  return firstStatistics([stats(outputFacets.outputStatistics), stats(facets.outputStatistics), stats(facets.stats)]);
}

/** The `lifecycleStateChange` dataset facet's change (DROP, TRUNCATE, RENAME, OVERWRITE, CREATE, ALTER), or null. */
export function lifecycleChangeOf(facets: Facets): LifecycleChange | null {
  return read(lifecycleFacet, facets.lifecycleStateChange)?.lifecycleStateChange ?? null;
}

/** RENAME's `previousIdentifier`: the dataset's name before. */
export function previousIdentifierOf(facets: Facets): DatasetRef | null {
  const p = read(lifecycleFacet, facets.lifecycleStateChange)?.previousIdentifier;
  return p == null ? null : { namespace: p.namespace, name: p.name };
}

export function parentOf(runFacets: Facets): { runId: string; job: JobRef } | null {
  const p = read(parentFacet, runFacets.parent);
  return p === null ? null : { runId: p.run.runId, job: { namespace: p.job.namespace, name: p.job.name } };
}

export function errorMessageOf(runFacets: Facets): string | null {
  return read(errorMessageFacet, runFacets.errorMessage)?.message ?? null;
}

export function jobTypeOf(jobFacets: Facets): string | null {
  return read(jobTypeFacet, jobFacets.jobType)?.jobType ?? null;
}

export function descriptionOf(jobFacets: Facets): string | null {
  return read(documentationFacet, jobFacets.documentation)?.description ?? null;
}
