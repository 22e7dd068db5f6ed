/**
 * Ticks of a chart's horizontal axis, chosen without measuring any label: both ends of the range, and round
 * values (1, 2, 2.5 or 5 × 10ⁿ apart, the closest step at least `spacingPx` wide) in between; a round value closer than three
 * quarters of a step to an end is left out, so an end label never runs into its neighbour.
 */
export function axisTicks(range: [number, number], plotWidthPx: number, { integer = false, spacingPx = 60 } = {}): number[] {
  const [min, max] = range;
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (max <= min) return [min];
  const raw = ((max - min) * spacingPx) / Math.max(plotWidthPx, spacingPx);
  const power = 10 ** Math.floor(Math.log10(raw));
  let step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  if (integer) step = Math.max(1, Math.ceil(step));
  const ticks = [min];
  for (let i = Math.ceil(min / step); i * step < max; i++) {
    const tick = Number((i * step).toPrecision(12));
    if (tick - min >= 0.75 * step && max - tick >= 0.75 * step) ticks.push(tick);
  }
  ticks.push(max);
  return ticks;
}

/** The x range a chart draws: its zoom, or its lines' first and last positions (lines are sorted by x). */
export function xRange(lines: ReadonlyArray<ReadonlyArray<{ x: number }>>, zoom: [number, number] | null): [number, number] {
  if (zoom) return zoom;
  let [min, max] = [Infinity, -Infinity];
  for (const line of lines) {
    if (line.length === 0) continue;
    min = Math.min(min, line[0]!.x);
    max = Math.max(max, line[line.length - 1]!.x);
  }
  return [min, max];
}
