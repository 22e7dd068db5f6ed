import { runIdSchema } from '@/lib/model/run-id';

/** More runs than this would make the side-by-side tables unreadable. */
export const MAX_COMPARED_RUNS = 6;

export type CompareRunsParam = { ok: true; ids: string[] } | { ok: false; error: string };

/**
 * The `runs` query parameter: comma-separated ids (repeated `runs=` parameters are accepted too, as a
 * plain form submits them), trimmed, duplicates dropped; two to MAX_COMPARED_RUNS ids.
 */
export function parseCompareRuns(raw: string | string[] | null | undefined): CompareRunsParam {
  const parts = (Array.isArray(raw) ? raw : raw === null || raw === undefined ? [] : [raw]).flatMap((v) => v.split(','));
  const ids: string[] = [];
  for (const part of parts) {
    if (part.trim() === '') continue;
    const parsed = runIdSchema.safeParse(part);
    if (!parsed.success) return { ok: false, error: `run id "${part.slice(0, 80)}": ${parsed.error.issues[0]?.message ?? 'not valid'}` };
    if (!ids.includes(parsed.data)) ids.push(parsed.data);
  }
  if (ids.length === 0) return { ok: false, error: 'No runs to compare: give two to six run ids, e.g. /compare?runs=<id>,<id>.' };
  if (ids.length === 1) return { ok: false, error: `Only one run given (${ids[0]}): give two to six run ids separated by commas.` };
  if (ids.length > MAX_COMPARED_RUNS) return { ok: false, error: `${ids.length} runs given: at most ${MAX_COMPARED_RUNS} runs can be compared at once.` };
  return { ok: true, ids };
}

/** The compare page's view state, all in its URL: `all=1` shows unchanged params; `charts=k1,k2` picks the overlaid histories. */
export interface CompareView {
  all: boolean;
  /** Null: the page picks (changed metrics logged over steps first). */
  charts: string[] | null;
}

export function parseCompareView(params: { all?: string | string[]; charts?: string | string[] }): CompareView {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const charts = first(params.charts);
  return {
    all: first(params.all) === '1',
    charts: charts === undefined ? null : charts.split(',').map((k) => k.trim()).filter((k) => k !== ''),
  };
}

/** How many histories the page overlays when the URL does not say. */
export const DEFAULT_CHART_COUNT = 4;

/** At most this many histories are overlaid, however many the URL names (as on the run page). */
export const MAX_CHARTS = 12;
/** Metrics offered as chart choices; the rest are counted (and still open through `charts=`). */
export const MAX_CHART_CHOICES = 100;

/**
 * Metrics logged over steps, and which of them to overlay: the URL's pick, else the changed ones first.
 * `keys` offers the shown ones and then the first others, at most MAX_CHART_CHOICES; `total` counts them all.
 */
export function chartChoices(metrics: Array<{ key: string; status: string; hasHistory: boolean }>, picked: string[] | null) {
  const all = metrics.filter((m) => m.hasHistory).map((m) => m.key);
  let shown: string[];
  if (picked !== null) {
    const wanted = new Set(picked);
    shown = all.filter((k) => wanted.has(k)).slice(0, MAX_CHARTS);
  } else {
    const changed = metrics.filter((m) => m.hasHistory && m.status !== 'same').map((m) => m.key);
    const changedSet = new Set(changed);
    shown = [...changed.slice(0, DEFAULT_CHART_COUNT), ...all.filter((k) => !changedSet.has(k)).slice(0, DEFAULT_CHART_COUNT)].slice(0, DEFAULT_CHART_COUNT);
  }
  const shownSet = new Set(shown);
  const keys = all.length <= MAX_CHART_CHOICES ? all
    : [...all.filter((k) => shownSet.has(k)), ...all.filter((k) => !shownSet.has(k)).slice(0, MAX_CHART_CHOICES - shown.length)];
  return { keys, shown, total: all.length };
}
