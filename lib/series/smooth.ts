/**
 * Time-weighted exponential moving average, as W&B draws it: each point's weight decays with its distance
 * along x (scaled to the series' range), not with its index, so unevenly logged points smooth evenly; the
 * running average is debiased so the line starts on the first value. Gaps (null) stay gaps and do not reset.
 */
const VIEWPORT_SCALE = 1000;

/** `weight` 0 (raw) … 0.99 (very smooth), the slider's range. */
export function smoothTimeWeighted(data: ReadonlyArray<{ x: number; value: number | null }>, weight: number): Array<number | null> {
  if (!(weight > 0)) return data.map((d) => d.value);
  const decay = Math.min(Math.sqrt(weight), 0.999);
  const finite = data.filter((d) => d.value !== null);
  const range = finite.length > 1 ? finite[finite.length - 1]!.x - finite[0]!.x : 0;
  let sum = 0;
  let norm = 0;
  let previousX: number | null = null;
  return data.map((d) => {
    if (d.value === null) return null;
    const dx = previousX === null || range <= 0 ? 0 : ((d.x - previousX) / range) * VIEWPORT_SCALE;
    const factor = Math.pow(decay, dx);
    sum = sum * factor + d.value;
    norm = norm * factor + 1;
    previousX = d.x;
    return sum / norm;
  });
}

/** Smoothing from the URL (`?smooth=0.6`): a number in [0, 0.99], anything else none. */
export function parseSmoothing(raw: string | null | undefined): number {
  const n = raw === null || raw === undefined || raw === '' ? NaN : Number(raw);
  return Number.isFinite(n) ? Math.min(0.99, Math.max(0, n)) : 0;
}
