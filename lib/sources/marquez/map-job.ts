import 'server-only';
import type { Facets, Job, JobRef, LineageRun } from '@/lib/model';
import { descriptionOf, jobTypeOf } from '@/lib/openlineage/facets';
import { isoOf, timeOf } from './map-common';
import type { WireJob } from './schemas';

/** A job's namespace and name; some Marquez payloads carry the namespace only in `id`. */
export function jobRefOf(job: WireJob): JobRef | null {
  const namespace = job.namespace ?? job.id?.namespace ?? null;
  const name = job.id?.name ?? job.name;
  return namespace === null ? null : { namespace, name };
}

/** Newest first by start time (then last update), as Job.runIds and the runs list expect. */
export function newestFirst(a: LineageRun, b: LineageRun): number {
  const byStart = timeOf(b.startedAt) - timeOf(a.startedAt);
  if (byStart !== 0 && !Number.isNaN(byStart)) return byStart;
  const byUpdate = timeOf(b.updatedAt) - timeOf(a.updatedAt);
  return Number.isNaN(byUpdate) ? 0 : byUpdate;
}

/**
 * Pure: a Marquez job with the runs fetched for it. The type is the `jobType` facet's (DAG, TASK,
 * …) as the file source reports it; Marquez's own `type` is the processing type (BATCH, STREAM)
 * and only stands in when the facet is missing and Marquez says something other than its default.
 */
export function mapJob(job: WireJob, ref: JobRef, runs: readonly LineageRun[]): Job {
  const facets: Facets = job.facets ?? {};
  const sorted = [...runs].sort(newestFirst);
  return {
    namespace: ref.namespace,
    name: ref.name,
    type: jobTypeOf(facets) ?? (job.type != null && job.type !== 'BATCH' ? job.type : null),
    description: job.description ?? descriptionOf(facets),
    facets,
    inputs: (job.inputs ?? []).map((d) => ({ namespace: d.namespace, name: d.name })),
    outputs: (job.outputs ?? []).map((d) => ({ namespace: d.namespace, name: d.name })),
    runIds: sorted.map((r) => r.runId),
    // The job's own newest run: `latestRun` of a child job can be its parent's run in some Marquez views.
    latestRunState: sorted[0]?.state ?? null,
    updatedAt: isoOf(job.updatedAt),
  };
}
