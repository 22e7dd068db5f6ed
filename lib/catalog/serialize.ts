import type { ApiRun } from '@/lib/api/contract';
import { encodeMetricValue } from '@/lib/model/metric-value';
import type { RunDataset, UnifiedRun } from '@/lib/model';
import { boundList } from '@/lib/model/bounded-list';

const isoOrNull = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const version = (d: RunDataset) => ({ namespace: d.namespace, name: d.name, version: d.version });

/** Datasets per run in an API answer: a run may list 100,000; the rest are a query away (`?inputs=<offset>`). */
export const API_LIST_LIMIT = 1000;

/** UnifiedRun → the documented API shape. `withFacets` is false for list responses; `offsets` pick the dataset windows. */
export function toApiRun(run: UnifiedRun, withFacets: boolean, offsets: { inputs?: number; outputs?: number } = {}): ApiRun {
  const { lineage, experiment, link } = run;
  const inputs = boundList(lineage?.inputs ?? [], offsets.inputs, API_LIST_LIMIT);
  const outputs = boundList(lineage?.outputs ?? [], offsets.outputs, API_LIST_LIMIT);
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
      inputs: inputs.items.map(version),
      inputsOffset: inputs.offset,
      inputsTotal: inputs.total,
      outputs: outputs.items.map(version),
      outputsOffset: outputs.offset,
      outputsTotal: outputs.total,
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
