import type { ApiRun } from '@/lib/api/contract';
import { encodeMetricValue } from '@/lib/model/metric-value';
import type { RunDataset, UnifiedRun } from '@/lib/model';
import { boundList, boundRecord } from '@/lib/model/bounded-list';
import { inputsWindow } from '@/lib/model/inputs-window';
import { runHref } from '@/lib/api/links';
import { apiFacets } from './api-facets';

const isoOrNull = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const version = (d: RunDataset) => ({ namespace: d.namespace, name: d.name, version: d.version });

/** Items per list of one run in an API answer: a run may list 100,000 inputs; the rest are a query away (`?inputs=<offset>`). */
export const API_LIST_LIMIT = 1000;
/** Params, metrics and tags per run in a list answer (GET /api/runs); GET /api/runs/{id} pages through the rest. */
export const API_LIST_RUN_LIMIT = 100;

/** Offsets into a run's lists (GET /api/runs/{id}?inputs=…&params=…). */
export type ApiRunOffsets = Partial<Record<ApiRunList, number>>;
export type ApiRunList = 'inputs' | 'outputs' | 'params' | 'metrics' | 'tags' | 'datasets' | 'children';
export const API_RUN_LISTS: readonly ApiRunList[] = ['inputs', 'outputs', 'params', 'metrics', 'tags', 'datasets', 'children'];

/**
 * UnifiedRun → the documented API shape. `withFacets` is false for list responses (which also carry shorter
 * lists); `offsets` pick the windows. Every list is bounded, with its offset and total beside it.
 */
export function toApiRun(run: UnifiedRun, withFacets: boolean, offsets: ApiRunOffsets = {}): ApiRun {
  const { lineage, experiment, link } = run;
  const limit = withFacets ? API_LIST_LIMIT : API_LIST_RUN_LIMIT;
  const inputs = lineage ? inputsWindow(lineage, offsets.inputs, API_LIST_LIMIT) : boundList<RunDataset>([], 0, API_LIST_LIMIT);
  const outputs = boundList(lineage?.outputs ?? [], offsets.outputs, API_LIST_LIMIT);
  const children = boundList(run.childIds, offsets.children, API_LIST_LIMIT);
  const params = boundRecord(experiment?.params ?? {}, offsets.params, limit);
  const metrics = boundRecord(experiment?.metrics ?? {}, offsets.metrics, limit);
  const tags = boundRecord(experiment?.tags ?? {}, offsets.tags, limit);
  const datasets = boundList(experiment?.datasets ?? [], offsets.datasets, limit);
  return {
    id: run.id,
    parentId: run.parentId,
    childIds: children.items,
    childIdsOffset: children.offset,
    childIdsTotal: children.total,
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
      ...(withFacets ? apiFacets(lineage.facets, (name) => `/api${runHref(run.id)}?facet=${encodeURIComponent(name)}`) : {}),
    },
    experiment: experiment && {
      source: experiment.source,
      runId: experiment.runId,
      experimentId: experiment.experimentId,
      experimentName: experiment.experimentName,
      status: experiment.status,
      startTime: isoOrNull(experiment.startTime),
      endTime: isoOrNull(experiment.endTime),
      params: params.items,
      paramsOffset: params.offset,
      paramsTotal: params.total,
      metrics: Object.fromEntries(Object.entries(metrics.items).map(([k, p]) => [k, encodeMetricValue(p.value)])),
      metricsOffset: metrics.offset,
      metricsTotal: metrics.total,
      tags: tags.items,
      tagsOffset: tags.offset,
      tagsTotal: tags.total,
      datasetsOffset: datasets.offset,
      datasetsTotal: datasets.total,
      datasets: datasets.items.map((d) => ({
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
