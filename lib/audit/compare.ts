import { runEndMs, runStartMs } from '@/lib/model/run-fields';
import type { UnifiedRun } from '@/lib/model';
import { diffCode, type CodeDiff } from './diff-code';
import { diffDatasets, type DatasetDiff } from './diff-datasets';
import { diffLinks, type LinkDiff } from './diff-links';
import { diffMetrics, type MetricDiff } from './diff-metrics';
import { diffParams, type ParamDiff } from './diff-params';
import { pairStages, type StagePair } from './compare-stages';
import { runRefView, type CompareContext, type RunRefView } from './compare-context';
import { explainUpstreamDiff } from './upstream-diff-text';
import { runFailure, type RunFailure } from './run-failure';
import type { NestedTotals } from './compare-bounds';
import { DEFAULT_WALK_BOUNDS, diffUpstream, type UpstreamDiff, type WalkBounds } from './upstream-diff';

export interface ComparedRun extends RunRefView {
  job: { namespace: string; name: string } | null;
  experiment: { runId: string; runName: string | null; experimentName: string | null } | null;
  startMs: number | null;
  endMs: number | null;
  /** Stages nested under it: a pipeline run. */
  stageCount: number;
}

/** One run against the baseline (the first run): what differs, why, and for pipelines stage by stage. */
export interface PairComparison {
  baseline: RunRefView;
  other: RunRefView;
  /** "dedup_rate rose from 0.118 to 0.163", or null when no metric both runs logged changed. */
  headline: string | null;
  /** The other run's failure (else the baseline's), with its error: what a reader needs first. */
  failure: (RunFailure & { side: 'baseline' | 'other' }) | null;
  /** Sentences saying why, from the upstream walk (and, for pipelines, each stage pair's walk). */
  causes: string[];
  upstream: UpstreamDiff;
  /** Stage pairs when either run is a pipeline run; empty otherwise. */
  stages: StagePair[];
  /** Full lengths of the lists boundComparison cut (compare-bounds.ts); absent when none was. */
  totals?: NestedTotals;
}

export interface RunComparison {
  runs: ComparedRun[];
  params: ParamDiff[];
  metrics: MetricDiff[];
  code: CodeDiff[];
  links: LinkDiff;
  inputs: DatasetDiff[];
  outputs: DatasetDiff[];
  pairs: PairComparison[];
}

function comparedRun(run: UnifiedRun): ComparedRun {
  const e = run.experiment;
  return {
    ...runRefView(run),
    job: run.lineage ? { namespace: run.lineage.job.namespace, name: run.lineage.job.name } : null,
    experiment: e ? { runId: e.runId, runName: e.runName, experimentName: e.experimentName } : null,
    startMs: runStartMs(run),
    endMs: runEndMs(run),
    stageCount: run.childIds.length,
  };
}

const short = (v: number) => String(Number(v.toPrecision(6)));

// Rates and scores say most about a data or training run, so they head the sentence.
const metricRank = (key: string) => (/(rate|loss|accuracy|score|auc|f1)$/.test(key) ? 0 : key.startsWith('final_') ? 1 : 2);

/** The most telling metric that changed between two runs, as a sentence. */
export function metricHeadline(a: UnifiedRun, b: UnifiedRun): string | null {
  const changed = diffMetrics([a, b]).filter((m) => {
    const [x, y] = m.values;
    return m.status === 'changed' && x !== null && y !== null && x !== undefined && y !== undefined && Number.isFinite(x) && Number.isFinite(y);
  }).sort((m, n) => metricRank(m.key) - metricRank(n.key) || m.key.localeCompare(n.key));
  const top = changed[0];
  if (!top) return null;
  const [x = 0, y = 0] = top.values as number[];
  const others = changed.length - 1;
  return `${top.key} ${y > x ? 'rose' : 'fell'} from ${short(x)} to ${short(y)}${others > 0 ? ` (${others} other metric${others === 1 ? '' : 's'} changed too)` : ''}`;
}

function comparePair(a: UnifiedRun, b: UnifiedRun, ctx: CompareContext, bounds: WalkBounds): PairComparison {
  const upstream = diffUpstream(a, b, ctx, bounds);
  const stages = a.childIds.length > 0 || b.childIds.length > 0 ? pairStages(a, b, ctx) : [];
  const stageRoots = stages.flatMap((stage) => {
    const [x, y] = stage.runs;
    const sa = x ? ctx.findRun(x.id) : null;
    const sb = y ? ctx.findRun(y.id) : null;
    return sa && sb && stage.status !== 'same' ? [diffUpstream(sa, sb, ctx, bounds).root] : [];
  });
  const missing = stages.filter((s) => s.status === 'only-in').map((s) => `${s.stage} ran only in ${s.runs[0] ? 'the baseline' : 'the other'} pipeline run`);
  const causes = [...explainUpstreamDiff([upstream.root, ...stageRoots]), ...missing];
  const otherFailure = runFailure(b, ctx.findRun);
  const baselineFailure = otherFailure ? null : runFailure(a, ctx.findRun);
  const failure = otherFailure ? { ...otherFailure, side: 'other' as const } : baselineFailure ? { ...baselineFailure, side: 'baseline' as const } : null;
  return { baseline: runRefView(a), other: runRefView(b), headline: metricHeadline(a, b), failure, causes, upstream, stages };
}

/**
 * Two to six runs side by side: params, latest metrics with deltas against the first run, code
 * versions, link rules, inputs and outputs; and each other run against the first, explained upstream.
 */
export function compareRuns(runs: UnifiedRun[], ctx: CompareContext, bounds: WalkBounds = DEFAULT_WALK_BOUNDS): RunComparison {
  const [baseline, ...others] = runs;
  return {
    runs: runs.map(comparedRun),
    params: diffParams(runs),
    metrics: diffMetrics(runs),
    code: diffCode(runs, runs.map((r) => ctx.jobFacets(r))),
    links: diffLinks(runs),
    inputs: diffDatasets(runs, 'inputs'),
    outputs: diffDatasets(runs, 'outputs'),
    pairs: baseline ? others.map((other) => comparePair(baseline, other, ctx, bounds)) : [],
  };
}
