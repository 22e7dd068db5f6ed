/** Min, max and last finite value of a series, for the line under each chart; null when it has none. */
export function seriesStats(values: ReadonlyArray<number | null>): { min: number; max: number; last: number } | null {
  let min = Infinity;
  let max = -Infinity;
  let last: number | null = null;
  for (const v of values) {
    if (v === null || !Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
    last = v;
  }
  return last === null ? null : { min, max, last };
}

/** CSV of a chart's series, one row per x; a gap is an empty cell. Keys are quoted when they need it. */
export function seriesCsv(xLabel: string, columns: Array<{ key: string; points: ReadonlyArray<{ x: number; value: number | null }> }>): string {
  const quote = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const rows = new Map<number, Array<number | null>>();
  columns.forEach((c, i) => {
    for (const p of c.points) {
      const row = rows.get(p.x) ?? new Array<number | null>(columns.length).fill(null);
      row[i] = p.value;
      rows.set(p.x, row);
    }
  });
  const lines = [[xLabel, ...columns.map((c) => c.key)].map(quote).join(',')];
  for (const x of [...rows.keys()].sort((a, b) => a - b)) lines.push([x, ...rows.get(x)!.map((v) => (v === null ? '' : v))].join(','));
  return `${lines.join('\n')}\n`;
}
