import { datasetHref, jobHref, runHref } from '@/lib/api/links';
import type { Dataset, LineageRun, UnifiedRun } from '@/lib/model';
import { encodeMetricValue } from '@/lib/model/metric-value';
import type { JobRun, NodeDetail } from './explorer-api';
import type { CatalogNode } from './explorer-catalog';
import { schemaFieldsOf } from './explorer-facets';

/** What the side panel shows for one node, from model data the caller looked up (no I/O here). */

export const DETAIL_RUNS = 10;
export const DETAIL_VERSIONS = 20;
/** Schema fields in the side panel; the dataset page pages through the rest. */
export const DETAIL_FIELDS = 200;
/** Key metrics shown per linked experiment run. */
export const DETAIL_METRICS = 3;

export interface DetailLookups {
  /** The lineage run of the node's own source. */
  lineageRun(runId: string): LineageRun | undefined;
  /** The joined run (for its page id and the experiment's metrics), when the run index has it. */
  unifiedRun(runId: string): UnifiedRun | null;
  /** A fuller dataset than the snapshot's (sources that list versions lazily), when there is one. */
  dataset: Dataset | null;
}

function jobRun(run: LineageRun, unified: UnifiedRun | null): JobRun {
  const experiment = unified?.experiment ?? null;
  const id = unified?.id ?? run.runId;
  return {
    id,
    runId: run.runId,
    href: runHref(id),
    state: run.state,
    startedAt: run.startedAt,
    endedAt: run.endedAt,
    experiment: experiment && {
      source: experiment.source,
      runId: experiment.runId,
      runName: experiment.runName,
      metrics: Object.keys(experiment.metrics)
        .sort()
        .slice(0, DETAIL_METRICS)
        .map((key) => ({ key, value: encodeMetricValue(experiment.metrics[key]?.value ?? Number.NaN) })),
    },
  };
}

export function nodeDetail(id: string, node: CatalogNode, lookups: DetailLookups): NodeDetail {
  const { kind, namespace, name } = node.ref;
  const base = { id, kind, namespace, name };
  if (kind === 'job') {
    const runIds = node.job?.runIds ?? [];
    const runs = runIds.slice(0, DETAIL_RUNS).flatMap((runId) => {
      const run = lookups.lineageRun(runId);
      return run ? [jobRun(run, lookups.unifiedRun(runId))] : [];
    });
    return {
      ...base,
      href: jobHref(namespace, name),
      description: node.job?.description ?? null,
      job: { type: node.job?.type ?? null, latestRunState: node.latestRunState, runs, totalRuns: runIds.length },
      dataset: null,
    };
  }
  const dataset = lookups.dataset ?? node.dataset;
  const description = dataset ? (documentationOf(dataset.facets) ?? null) : null;
  const versions = dataset?.versions ?? [];
  const fields = dataset ? (schemaFieldsOf(dataset.facets) ?? []) : [];
  return {
    ...base,
    href: datasetHref(namespace, name),
    description,
    job: null,
    dataset: {
      currentVersion: versions[0]?.version ?? null,
      fields: fields.slice(0, DETAIL_FIELDS),
      totalFields: fields.length,
      versions: versions.slice(0, DETAIL_VERSIONS).map((v) => {
        const creator = v.createdByRunId === null ? null : (lookups.unifiedRun(v.createdByRunId)?.id ?? v.createdByRunId);
        return { version: v.version, createdAt: v.createdAt, createdByRunId: v.createdByRunId, createdByHref: creator === null ? null : runHref(creator) };
      }),
      totalVersions: versions.length,
      // A lazily listed dataset (Marquez) gives versions as the source records them, which can be the
      // latest read's rather than the writer's (Marquez #2733); the dataset page checks them against events.
      versionsNote: lookups.dataset && versions.length > 0 ? 'As the lineage source lists them, not checked against the writers’ own events: the dataset page shows the checked versions.' : null,
    },
  };
}

/** The documentation dataset facet's description, when a producer wrote one. */
function documentationOf(facets: Record<string, unknown>): string | null {
  const doc = facets.documentation;
  if (typeof doc !== 'object' || doc === null || !('description' in doc)) return null;
  return typeof doc.description === 'string' ? doc.description : null;
}
