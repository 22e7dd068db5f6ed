/**
 * The synced crosshair's match: the index of the tick (a drawn point's x) nearest to the x the reader points at
 * on another chart, or -1. Each chart draws its line sampled to its own width (pixel-sample.ts), so the exact x
 * pointed at is often not among another chart's points; the nearest one is where that chart shows the crosshair.
 */
export function nearestTickIndex(ticks: ReadonlyArray<{ value: unknown }>, label: unknown): number {
  const x = typeof label === 'number' ? label : typeof label === 'string' && label !== '' ? Number(label) : NaN;
  if (!Number.isFinite(x)) return -1;
  let best = -1;
  let distance = Infinity;
  ticks.forEach((tick, i) => {
    const d = Math.abs(Number(tick.value) - x);
    if (d < distance) [best, distance] = [i, d];
  });
  return best;
}
