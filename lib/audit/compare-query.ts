import { runIdSchema } from '@/lib/catalog/run-id';

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
