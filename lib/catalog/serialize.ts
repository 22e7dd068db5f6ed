import type { ApiRun } from '@/lib/api/contract';
import { encodeMetricValue } from '@/lib/model/metric-value';
import type { RunDataset, UnifiedRun } from '@/lib/model';

const isoOrNull = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const version = (d: RunDataset) => ({ namespace: d.namespace, name: d.name, version: d.version });

/** UnifiedRun → the documented API shape. `withFacets` is false for list responses. */
export function toApiRun(run: UnifiedRun, withFacets: boolean): ApiRun {
  const { lineage, experiment, link } = run;
  return {
    id: run.id,
    parentId: run.parentId,
    childIds: run.childIds,
    lineage: lineage && {
      source: lineage.source,
      runId: lineage.runId,
      job: { namespace: lineage.job.namespace, name: lineage.job.name },
      state: lineage.state,
      startedAt: lineage.startedAt,
      endedAt: lineage.endedAt,
      parentRunId: lineage.parent?.runId ?? null,
      inputs: lineage.inputs.map(version),
      outputs: lineage.outputs.map(version),
      ...(withFacets ? { facets: lineage.facets } : {}),
    },
    experiment: experiment && {
      source: experiment.source,
      runId: experiment.runId,
      experimentId: experiment.experimentId,
      experimentName: experiment.experimentName,
      status: experiment.status,
      startTime: isoOrNull(experiment.startTime),
      endTime: isoOrNull(experiment.endTime),
      params: experiment.params,
      metrics: Object.fromEntries(Object.entries(experiment.metrics).map(([k, p]) => [k, encodeMetricValue(p.value)])),
      tags: experiment.tags,
      datasets: experiment.datasets.map((d) => ({
        namespace: d.namespace,
        name: d.olName ?? d.name,
        digest: d.digest,
        context: d.context,
        recordedWith: d.recordedWith,
      })),
    },
    link: link && { rule: link.rule, rules: link.rules, detail: link.detail, conflicts: link.conflicts },
    notes: run.notes,
  };
}
