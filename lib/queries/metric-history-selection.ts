/**
 * Which metric histories the run page charts. A run may log hundreds of metrics, and each history is
 * one upstream request: the page charts a bounded few by default and the reader picks others, kept in
 * the URL (`?charts=a,b`) so a view can be shared.
 */
export const DEFAULT_CHARTED = 6;
export const MAX_CHARTED = 12;
export const CHARTS_PARAM = 'charts';

/** The keys to chart: those named in the URL that the run has (at most MAX_CHARTED), else the first few. */
export function chartedKeys(historyKeys: readonly string[], requested: string | null | undefined): string[] {
  if (requested === null || requested === undefined) return historyKeys.slice(0, DEFAULT_CHARTED);
  const known = new Set(historyKeys);
  const picked = requested.split(',').filter((key) => known.has(key));
  return [...new Set(picked)].slice(0, MAX_CHARTED);
}

/** The `charts` value for a selection (keys may hold commas only if MLflow allowed them; it does not). */
export function chartsParam(keys: readonly string[]): string {
  return keys.join(',');
}
