import { inputsWindow } from '@/lib/model/inputs-window';
import { STORED_INPUTS } from '@/lib/index/payload';
import 'server-only';
import { WANDB_SOURCE_ID, type Facets, type UnifiedRun } from '@/lib/model';
import { compareHref, datasetHref, lineageHref } from '@/lib/api/links';
import { redactDeep } from '@/lib/security/secrets';
import { jobFacetPanel, runDataQuality, runFacetPanel } from './facet-panels';
import { getSources } from '@/lib/sources';
import { codeVersionRows } from '@/lib/model/code-version';
import { runFailureOf } from '@/lib/model/run-failure';
import { parentViewOf } from '@/lib/model/run-parent';
import { versionsProducedBy } from './model-versions';
import { runNeighbourhood } from './neighbourhood';
import { paramRows } from '@/lib/model/param-rows';
import { childrenLineage } from './children-lineage';
import { datasetRows, runRef } from './run-detail';
import { runEndMs, runLabel, runStartMs, runStatus } from '@/lib/model/run-fields';
import { findJob, findRun, type RunIndex } from './run-index';
import { previousRunOfJob } from './previous-run';
import { boundList, type BoundedList, type ListWindow } from '@/lib/model/bounded-list';
import { facetPreviews } from '@/lib/model/facet-preview';

/** Where each list of the run page starts (query parameters of the same names); every list shows at most LIST_LIMIT. */
export interface RunPageOffsets {
  inputs?: number;
  outputs?: number;
  params?: number;
  metrics?: number;
  tags?: number;
}

const windowOf = <T>(list: BoundedList<T>): ListWindow => ({ offset: list.offset, shown: list.shown, total: list.total, limit: list.limit });

/** The run with only the windows of its lineage inputs and outputs: rows, producers and the graph are built for those alone. */
function withDatasetWindows(run: UnifiedRun, offsets: RunPageOffsets): { run: UnifiedRun; inputs: BoundedList<unknown> | null; outputs: BoundedList<unknown> | null } {
  if (!run.lineage) return { run, inputs: null, outputs: null };
  const inputs = inputsWindow(run.lineage, offsets.inputs);
  const outputs = boundList(run.lineage.outputs, offsets.outputs);
  return { run: { ...run, lineage: { ...run.lineage, inputs: inputs.items, outputs: outputs.items } }, inputs, outputs };
}

/** Facets of the run's job as the index holds them (sourceCodeLocation, jobType, …), once the job is loaded. */
export function jobFacets(index: RunIndex, run: UnifiedRun): Facets | null {
  return run.lineage ? (findJob(index, run.lineage.job)?.job.facets ?? null) : null;
}

const trackerOf = (run: UnifiedRun): 'MLflow' | 'W&B' => (run.experiment?.source === WANDB_SOURCE_ID ? 'W&B' : 'MLflow');

function tagRows(run: UnifiedRun) {
  const tracker: string = trackerOf(run);
  const rows = Object.entries(run.experiment?.tags ?? {}).sort(([a], [b]) => a.localeCompare(b)).map(([key, value]) => ({ key, value, note: tracker }));
  const olTags = (run.lineage?.facets.tags as { tags?: unknown } | undefined)?.tags;
  if (Array.isArray(olTags)) {
    for (const t of olTags as Array<{ key?: unknown; value?: unknown }>) {
      if (typeof t.key === 'string') rows.push({ key: t.key, value: String(t.value ?? ''), note: 'OpenLineage tags facet' });
    }
  }
  return rows;
}

function experimentUrlOf(run: UnifiedRun): string | null {
  const experiment = run.experiment;
  if (!experiment) return null;
  return getSources().experiment.find((s) => s.id === experiment.source)?.runUrl?.(experiment) ?? null;
}

/** Metrics worth a chart: a latest step above 0 means the metric was logged over steps; step-0-only values need none. */
export function historyKeysOf(run: UnifiedRun): string[] {
  return Object.entries(run.experiment?.metrics ?? {}).filter(([, p]) => p.step > 0).map(([key]) => key).sort();
}

/** Everything the run page shows, decided here so the components only render. */
export function runPageModel(index: RunIndex, run: UnifiedRun, offsets: RunPageOffsets = {}) {
  const shown = withDatasetWindows(run, offsets);
  const rows = datasetRows(index, shown.run);
  // Without lineage the rows come from the experiment's datasets: bound them here instead.
  const inputRows = shown.inputs ? boundList(rows.inputs, 0, Infinity) : boundList(rows.inputs, offsets.inputs);
  const outputRows = shown.outputs ? boundList(rows.outputs, 0, Infinity) : boundList(rows.outputs, offsets.outputs);
  const datasets = { inputs: inputRows.items, outputs: outputRows.items };
  const params = boundList(paramRows(run), offsets.params);
  const metrics = boundList(Object.entries(run.experiment?.metrics ?? {}).sort(([a], [b]) => a.localeCompare(b)).map(([key, p]) => ({ key, value: p.value, step: p.step })), offsets.metrics);
  const tags = boundList(tagRows(run), offsets.tags);
  const childWindow = boundList(run.childIds);
  const parent = run.parentId ? findRun(index, run.parentId) : null;
  const children = childWindow.items.map((id) => findRun(index, id)).filter((r): r is UnifiedRun => r !== null);
  // A pipeline run that reports no datasets of its own is drawn with its stages' (Airflow DAG, dbt run).
  const ownLineage = datasets.inputs.length + datasets.outputs.length > 0 || children.length === 0;
  const ownJobFacets = jobFacets(index, run);
  const fromChildren = ownLineage ? null : childrenLineage(children.map((c) => ({ id: c.id, rows: datasetRows(index, c) })));
  const previous = previousRunOfJob(index, run);
  return {
    header: {
      title: runLabel(run),
      jobNamespace: run.lineage?.job.namespace ?? null,
      lineageRunId: run.lineage?.runId ?? null,
      experimentRunId: run.experiment?.runId ?? null,
      tracker: trackerOf(run),
      experimentName: run.experiment?.experimentName ?? null,
      runName: run.experiment?.runName ?? null,
      status: runStatus(run),
      lineageState: run.lineage?.state ?? null,
      experimentStatus: run.experiment?.status ?? null,
      startMs: runStartMs(run),
      endMs: runEndMs(run),
    },
    tracker: trackerOf(run),
    link: run.link,
    failure: runFailureOf(run),
    parent: parentViewOf(run, parent ? runRef(parent) : null),
    children: children.map(runRef),
    datasets,
    inputsNote: shown.inputs && run.lineage?.inputsTotal !== undefined && shown.inputs.offset + shown.inputs.shown > STORED_INPUTS
      ? `Past the first ${STORED_INPUTS.toLocaleString('en-US')} inputs the index keeps each one's name, version and producer; row counts and facets only for the first ${STORED_INPUTS.toLocaleString('en-US')}.`
      : null,
    windows: {
      inputs: windowOf(shown.inputs ?? inputRows), outputs: windowOf(shown.outputs ?? outputRows),
      params: windowOf(params), metrics: windowOf(metrics), tags: windowOf(tags), children: windowOf(childWindow),
    },
    neighbourhood: runNeighbourhood(run, fromChildren ?? datasets),
    /** Null when the graph shows the run's own datasets; else what the stages' union left out. */
    graphFromStages: fromChildren === null ? null : { leftOut: fromChildren.leftOut },
    experimentUrl: experimentUrlOf(run),
    compareWithPreviousHref: previous ? compareHref([previous.id, run.id]) : null,
    explorerHref: run.lineage ? lineageHref({ kind: 'job', namespace: run.lineage.job.namespace, name: run.lineage.job.name }) : null,
    params: params.items,
    metrics: metrics.items,
    historyKeys: historyKeysOf(run),
    code: codeVersionRows(run, ownJobFacets).map((r) => ({ key: r.label, value: r.value, note: r.source })),
    tags: tags.items,
    facets: run.lineage ? facetPreviews(redactDeep(run.lineage.facets)) : null,
    jobFacetPanel: jobFacetPanel(ownJobFacets),
    runFacetPanel: runFacetPanel(run.lineage),
    dataQuality: runDataQuality(shown.run.lineage, (d) => datasetHref(d.namespace, d.name)).map((r, i) => ({ key: `${i}`, title: r.label, href: r.href, note: r.side === 'input' ? '(read)' : '(written)', view: r.view })),
    modelVersions: versionsProducedBy(index, run),
  };
}
