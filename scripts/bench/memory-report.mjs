// The memory part of `npm run bench:load`'s report: the points measured and the growth the target is judged on.
import { table } from './measure.mjs';

/**
 * The memory figures, with their baseline said. The target (< 10 %) is RSS growth from the end of the warm-up round
 * (a full round of every target at the same concurrency: the caches have filled to what the targets use; a short
 * burst did not, and RSS after it ranged 375–601 MB over runs) to the end of the last round. The live heap after a
 * full GC beside it tells a leak (it grows round after round) from memory the allocator keeps (RSS only).
 * `points`: { label, round (null before any, 0 the warm-up, then 1…), quietMs (the wait for the requests the round left
 * in flight), rss, heap, heapTotal, external } in MB.
 */
export function memoryReport(points) {
  const mb = (v) => (v === null || v === undefined ? '?' : `${v.toFixed(0)} MB`);
  const growth = (from, to, key) => (from?.[key] && to?.[key] ? `${(100 * (to[key] / from[key] - 1)).toFixed(1)} %` : '?');
  const quiet = (p) => (p.quietMs ? `${(p.quietMs / 1000).toFixed(1)} s` : '—');
  const rows = [['point', 'measured once quiet, after', 'RSS', 'live heap after GC', 'heap reserved', 'external'],
    ...points.map((p) => [p.label, quiet(p), mb(p.rss), mb(p.heap), mb(p.heapTotal), mb(p.external)])];
  const warmedUp = points.find((p) => p.round === 0);
  const measured = points.filter((p) => p.round >= 1);
  const first = measured[0];
  const last = measured.at(-1);
  return [
    'server memory (RSS of the process; live heap: V8 heap after a full GC, through the inspector):',
    table(rows),
    ...(warmedUp && last ? [`RSS growth over ${measured.length} rounds (end of the warm-up round to the end of round ${measured.length}): ${growth(warmedUp, last, 'rss')} (target < 10 %); live heap after GC ${growth(warmedUp, last, 'heap')} (a leak would keep growing from round to round: see the line below)`]
      : ['RSS growth over the rounds: not measured (no warm-up round: --warmup 0)']),
    ...(measured.length > 1 ? [`from the end of round 1 to the end of round ${measured.length}: RSS ${growth(first, last, 'rss')}, live heap ${growth(first, last, 'heap')}`] : []),
  ].join('\n');
}
