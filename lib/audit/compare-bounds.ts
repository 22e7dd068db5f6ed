import { boundList, LIST_LIMIT, type ListWindow } from '@/lib/model/bounded-list';
import type { PairComparison, RunComparison } from './compare';
import type { StagePair } from './compare-stages';
import type { RunPairDiff } from './upstream-diff';

/**
 * A comparison as pages and the API answer it: every list that grows with the runs is cut. The tables
 * (params, metrics, inputs, outputs, stages) are windows with offsets; the lists nested in a pair (causes,
 * each stage's and each walked pair's changes) keep their first NESTED_LIMIT with their full length, the
 * rest being rows of the paged tables (or of the stage pair's own comparison).
 */
export const NESTED_LIMIT = 50;

export type CompareList = 'params' | 'metrics' | 'inputs' | 'outputs' | 'stages';
export const COMPARE_LISTS: readonly CompareList[] = ['params', 'metrics', 'inputs', 'outputs', 'stages'];
export type CompareOffsets = Partial<Record<CompareList, number>>;

export interface ComparisonWindows {
  params: ListWindow;
  metrics: ListWindow;
  inputs: ListWindow;
  outputs: ListWindow;
  /** The stages of each pair (one window per pair, all from the same `stages` offset). */
  stages: ListWindow[];
  /** Params that differ between the runs, secret params (not compared; not counted as differing), and all params (before the window). */
  paramsDiffering: number;
  paramsSecret: number;
  paramsAll: number;
}

/** Full lengths of the lists cut inside a pair; absent when nothing was cut. */
export interface NestedTotals {
  causes?: number;
  params?: number;
  code?: number;
  inputs?: number;
  outputs?: number;
}

export type BoundedComparison = RunComparison & { windows: ComparisonWindows };

function cut<T>(items: T[], key: keyof NestedTotals, totals: NestedTotals): T[] {
  if (items.length <= NESTED_LIMIT) return items;
  totals[key] = items.length;
  return items.slice(0, NESTED_LIMIT);
}

function boundPairDiff(pair: RunPairDiff): RunPairDiff {
  const totals: NestedTotals = {};
  const inputs = cut(pair.inputs, 'inputs', totals).map((i) => (i.producerDiff ? { ...i, producerDiff: boundPairDiff(i.producerDiff) } : i));
  const bounded = { ...pair, params: cut(pair.params, 'params', totals), code: cut(pair.code, 'code', totals), inputs };
  return Object.keys(totals).length > 0 ? { ...bounded, totals } : bounded;
}

function boundStage(stage: StagePair): StagePair {
  const totals: NestedTotals = {};
  const bounded = { ...stage, params: cut(stage.params, 'params', totals), inputs: cut(stage.inputs, 'inputs', totals), outputs: cut(stage.outputs, 'outputs', totals) };
  return Object.keys(totals).length > 0 ? { ...bounded, totals } : bounded;
}

function boundPair(pair: PairComparison, stageOffset: number): { pair: PairComparison; stages: ListWindow } {
  const totals: NestedTotals = {};
  const stages = boundList(pair.stages, stageOffset, LIST_LIMIT);
  const bounded: PairComparison = {
    ...pair,
    causes: cut(pair.causes, 'causes', totals),
    upstream: { ...pair.upstream, root: boundPairDiff(pair.upstream.root) },
    stages: stages.items.map(boundStage),
    ...(Object.keys(totals).length > 0 ? { totals } : {}),
  };
  const { items: _items, ...window } = stages;
  return { pair: bounded, stages: window };
}

function windowOf<T>(items: T[], offset: number | undefined): { items: T[]; window: ListWindow } {
  const { items: shown, ...window } = boundList(items, offset, LIST_LIMIT);
  return { items: shown, window };
}

/**
 * Cuts `comparison` to windows from `offsets`. `differingParamsOnly` (the page's default view) windows the
 * params that differ instead of all of them.
 */
export function boundComparison(comparison: RunComparison, offsets: CompareOffsets = {}, differingParamsOnly = false): BoundedComparison {
  // Secret params are shown with the differing ones: they cannot be said to be the same.
  const differing = comparison.params.filter((p) => p.status !== 'same');
  const secret = differing.filter((p) => p.status === 'secret').length;
  const params = windowOf(differingParamsOnly ? differing : comparison.params, offsets.params);
  const metrics = windowOf(comparison.metrics, offsets.metrics);
  const inputs = windowOf(comparison.inputs, offsets.inputs);
  const outputs = windowOf(comparison.outputs, offsets.outputs);
  const pairs = comparison.pairs.map((p) => boundPair(p, offsets.stages ?? 0));
  return {
    ...comparison,
    params: params.items,
    metrics: metrics.items,
    inputs: inputs.items,
    outputs: outputs.items,
    pairs: pairs.map((p) => p.pair),
    windows: {
      params: params.window, metrics: metrics.window, inputs: inputs.window, outputs: outputs.window,
      stages: pairs.map((p) => p.stages), paramsDiffering: differing.length - secret, paramsSecret: secret, paramsAll: comparison.params.length,
    },
  };
}
