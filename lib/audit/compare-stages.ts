import { runStartMs } from '@/lib/model/run-fields';
import { refKey, type UnifiedRun } from '@/lib/model';
import { diffDatasets, type DatasetDiff } from './diff-datasets';
import { diffParams, type ParamDiff } from './diff-params';
import { differing, type DiffStatus } from './diff-status';
import { runRefView, type CompareContext, type RunRefView } from './compare-context';
import type { NestedTotals } from './compare-bounds';

/** One stage of two pipeline runs, matched by job: what changed in its params and dataset versions. */
export interface StagePair {
  /** The stage's job name (or MLflow run name when it has no lineage side). */
  stage: string;
  /** The baseline's and the other pipeline's run of this stage; null when that pipeline has none. */
  runs: [RunRefView | null, RunRefView | null];
  status: DiffStatus;
  params: ParamDiff[];
  inputs: DatasetDiff[];
  outputs: DatasetDiff[];
  /** Full lengths of the lists boundComparison cut (compare-bounds.ts); absent when none was. */
  totals?: NestedTotals;
}

/** How a stage is recognised across pipeline runs: its OpenLineage job, else its MLflow run name. */
function stageKey(run: UnifiedRun): string {
  if (run.lineage) return refKey(run.lineage.job);
  return `mlflow\u0000${run.experiment?.runName ?? run.id}`;
}

function stageName(run: UnifiedRun): string {
  return run.lineage?.job.name ?? run.experiment?.runName ?? run.id;
}

function childrenByStage(run: UnifiedRun, ctx: CompareContext): Map<string, UnifiedRun[]> {
  const children = run.childIds.map((id) => ctx.findRun(id)).filter((r): r is UnifiedRun => r !== null)
    .sort((x, y) => (runStartMs(x) ?? 0) - (runStartMs(y) ?? 0));
  const out = new Map<string, UnifiedRun[]>();
  for (const child of children) out.set(stageKey(child), [...(out.get(stageKey(child)) ?? []), child]);
  return out;
}

function stagePair(a: UnifiedRun | null, b: UnifiedRun | null): StagePair {
  const present = [a, b].filter((r): r is UnifiedRun => r !== null);
  const stage = stageName(present[0]!);
  if (!a || !b) return { stage, runs: [a ? runRefView(a) : null, b ? runRefView(b) : null], status: 'only-in', params: [], inputs: [], outputs: [] };
  const params = differing(diffParams([a, b]));
  const inputs = differing(diffDatasets([a, b], 'inputs'));
  const outputs = differing(diffDatasets([a, b], 'outputs'));
  const status = params.length + inputs.length + outputs.length === 0 ? 'same' : 'changed';
  return { stage, runs: [runRefView(a), runRefView(b)], status, params, inputs, outputs };
}

/**
 * The stages (child runs) of two pipeline runs paired by job, in the order the baseline ran them; a
 * job run twice in one pipeline (a retry) pairs in start order. Empty when neither run has stages.
 */
export function pairStages(a: UnifiedRun, b: UnifiedRun, ctx: CompareContext): StagePair[] {
  const left = childrenByStage(a, ctx);
  const right = childrenByStage(b, ctx);
  const keys = [...new Set([...left.keys(), ...right.keys()])];
  return keys.flatMap((key) => {
    const xs = left.get(key) ?? [];
    const ys = right.get(key) ?? [];
    return Array.from({ length: Math.max(xs.length, ys.length) }, (_, i) => stagePair(xs[i] ?? null, ys[i] ?? null));
  });
}
