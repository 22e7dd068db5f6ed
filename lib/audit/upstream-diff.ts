import { runStartMs } from '@/lib/model/run-fields';
import type { UnifiedRun } from '@/lib/model';
import { diffCode, type CodeDiff } from './diff-code';
import { diffDatasets, type DatasetDiff, type DatasetDiffStatus } from './diff-datasets';
import { diffParams, type ParamDiff } from './diff-params';
import { differing } from './diff-status';
import { runRefView, type CompareContext, type RunRefView } from './compare-context';
import type { NestedTotals } from './compare-bounds';

/**
 * Why the walk did not go further up from a changed input: raw-input (no loaded run wrote either
 * version), producer-not-loaded, same-producer, only-in / unversioned (nothing to pair), limit (depth
 * or size bound), already-explained (this producer pair is shown elsewhere in the tree).
 */
export type WalkEnd = 'raw-input' | 'producer-not-loaded' | 'same-producer' | 'only-in' | 'unversioned' | 'limit' | 'already-explained';

export interface InputChange {
  namespace: string;
  name: string;
  status: Exclude<DatasetDiffStatus, 'same'>;
  /** The version each run read; null when it read none or did not read the dataset. */
  versions: [string | null, string | null];
  read: [boolean, boolean];
  /** The runs that wrote each version, when they are loaded. */
  producers: [RunRefView | null, RunRefView | null];
  /** Which run read the newer version; null when unknown. */
  newer: 'a' | 'b' | null;
  /** How `newer` was told: the writers' start times, or (raw inputs) when loaded runs first read each version. */
  newerBy: 'writers' | 'first-read' | null;
  /** The producers compared in turn; null when the walk stopped here. */
  producerDiff: RunPairDiff | null;
  end: WalkEnd | null;
}

/** Two runs (a = the baseline, b = the other) and how they differ: params, code and inputs, each input walked upstream. */
export interface RunPairDiff {
  runs: [RunRefView, RunRefView];
  /** 0 for the runs compared; n for producers n levels up. */
  depth: number;
  params: ParamDiff[];
  code: CodeDiff[];
  inputs: InputChange[];
  /** Full lengths of the lists boundComparison cut (compare-bounds.ts); absent when none was. */
  totals?: NestedTotals;
}

export interface WalkBounds {
  /** Levels of producers to walk up. */
  maxDepth: number;
  /** Producer pairs to compare in all, so a wide fan-in cannot blow up. */
  maxPairs: number;
}

export const DEFAULT_WALK_BOUNDS: WalkBounds = { maxDepth: 10, maxPairs: 60 };

export interface UpstreamDiff {
  root: RunPairDiff;
  /** True when a bound stopped the walk somewhere (those inputs end with 'limit'). */
  truncated: boolean;
}

interface Walk {
  ctx: CompareContext;
  bounds: WalkBounds;
  visited: Set<string>;
  pairs: number;
  truncated: boolean;
}

function laterOf(ta: number | null, tb: number | null): 'a' | 'b' | null {
  if (ta === null || tb === null || ta === tb) return null;
  return tb > ta ? 'b' : 'a';
}

function newerOf(walk: Walk, d: DatasetDiff, end: WalkEnd | null, pa: UnifiedRun | null, pb: UnifiedRun | null): Pick<InputChange, 'newer' | 'newerBy'> {
  if (d.status !== 'changed-version') return { newer: null, newerBy: null };
  if (pa && pb) {
    const newer = laterOf(runStartMs(pa), runStartMs(pb));
    return { newer, newerBy: newer ? 'writers' : null };
  }
  const [va, vb] = d.uses.map((u) => u?.version ?? null);
  if (end !== 'raw-input' || !va || !vb) return { newer: null, newerBy: null };
  const newer = laterOf(walk.ctx.firstRead(d, va), walk.ctx.firstRead(d, vb));
  return { newer, newerBy: newer ? 'first-read' : null };
}

function endOf(d: DatasetDiff, pa: UnifiedRun | null, pb: UnifiedRun | null): WalkEnd | null {
  if (d.status === 'only-in') return 'only-in';
  if (d.status === 'unversioned') return 'unversioned';
  if (!d.uses[0]?.producedByRunId && !d.uses[1]?.producedByRunId) return 'raw-input';
  if (!pa || !pb) return 'producer-not-loaded';
  if (pa.id === pb.id) return 'same-producer';
  return null;
}

function inputChange(walk: Walk, d: DatasetDiff, depth: number): InputChange {
  const [ua = null, ub = null] = d.uses;
  const producer = (id: string | null | undefined) => (id ? walk.ctx.findRun(id) : null);
  const pa = producer(ua?.producedByRunId);
  const pb = producer(ub?.producedByRunId);
  let end = endOf(d, pa, pb);
  let producerDiff: RunPairDiff | null = null;
  if (end === null && pa && pb) {
    const key = `${pa.id}\u0000${pb.id}`;
    if (walk.visited.has(key)) end = 'already-explained';
    else if (depth + 1 > walk.bounds.maxDepth || walk.pairs >= walk.bounds.maxPairs) {
      end = 'limit';
      walk.truncated = true;
    } else producerDiff = pairDiff(walk, pa, pb, depth + 1);
  }
  return {
    namespace: d.namespace,
    name: d.name,
    status: d.status as InputChange['status'],
    versions: [ua?.version ?? null, ub?.version ?? null],
    read: [ua !== null, ub !== null],
    producers: [pa ? runRefView(pa) : null, pb ? runRefView(pb) : null],
    ...newerOf(walk, d, end, pa, pb),
    producerDiff,
    end,
  };
}

function pairDiff(walk: Walk, a: UnifiedRun, b: UnifiedRun, depth: number): RunPairDiff {
  walk.visited.add(`${a.id}\u0000${b.id}`);
  walk.pairs += 1;
  return {
    runs: [runRefView(a), runRefView(b)],
    depth,
    params: differing(diffParams([a, b])),
    code: differing(diffCode([a, b], [walk.ctx.jobFacets(a), walk.ctx.jobFacets(b)])),
    inputs: differing(diffDatasets([a, b], 'inputs')).map((d) => inputChange(walk, d, depth)),
  };
}

/**
 * Compares two runs and, for every input whose version differs, the runs that produced each version,
 * recursively until the versions agree or no tracked run produced them. Bounded by depth and by the
 * number of pairs; each producer pair is compared once.
 */
export function diffUpstream(a: UnifiedRun, b: UnifiedRun, ctx: CompareContext, bounds: WalkBounds = DEFAULT_WALK_BOUNDS): UpstreamDiff {
  const walk: Walk = { ctx, bounds, visited: new Set(), pairs: 0, truncated: false };
  const root = pairDiff(walk, a, b, 0);
  return { root, truncated: walk.truncated };
}

/** Every pair in the tree, root first, then breadth first. */
export function pairsOf(root: RunPairDiff): RunPairDiff[] {
  const out = [root];
  for (let i = 0; i < out.length; i++) {
    for (const input of out[i]?.inputs ?? []) if (input.producerDiff) out.push(input.producerDiff);
  }
  return out;
}
